using Microsoft.Extensions.Options;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Surveys;

public sealed record SurveyImportReport(int Rows, int Imported, int Skipped, IReadOnlyList<LineError> Errors, bool Written);

/// <summary>Interviewer data (phone or face-to-face) from CSV: wave, district, age_band, sex, channel, then one column
/// per question code of the wave's questionnaire (0–10, or text for open questions; empty = not answered). Every line
/// is checked; with any error nothing is imported unless the user chose to skip the bad rows. Audited.</summary>
public sealed class SurveyImport(SenimDb db, DistrictDirectory directory, AuditLog audit, IOptions<SurveyOptions> options, TimeProvider clock)
{
    public static readonly string[] FixedColumns = ["wave", "district", "age_band", "sex", "channel"];

    public static SurveyChannel? ParseChannel(string? value) => (value ?? "").Trim().ToLowerInvariant().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal) switch
    {
        "phone" or "telephone" or "cati" => SurveyChannel.Phone,
        "facetoface" or "f2f" or "capi" or "inperson" => SurveyChannel.FaceToFace,
        "web" or "online" => SurveyChannel.Web,
        _ => null,
    };

    public async Task<SurveyImportReport> ImportAsync(Stream stream, string fileName, bool skipBadRows, OrganisationScope scope, string importedBy, CancellationToken ct = default)
    {
        var errors = new List<LineError>();
        var byCode = await directory.ByCodeAsync(ct);
        var waves = await db.SurveyWaves.AsNoTracking().ToDictionaryAsync(w => w.Code, ct);
        var coverage = (await db.SurveyWaveDistricts.AsNoTracking().ToListAsync(ct)).Select(x => (x.WaveId, x.DistrictId)).ToHashSet();
        var questions = (await db.SurveyQuestions.AsNoTracking().ToListAsync(ct)).GroupBy(q => q.QuestionnaireId)
            .ToDictionary(g => g.Key, g => g.ToDictionary(q => q.Code, StringComparer.OrdinalIgnoreCase));

        using var csv = await CsvTable.OpenAsync(stream, errors, new() { DetectDelimiter = true });
        if (csv is null) return new(0, 0, 0, errors, false);
        var header = csv.Header;
        var missing = csv.Missing(FixedColumns);
        if (missing.Count > 0) return new(0, 0, 0, [new LineError(1, "Import.MissingColumns", string.Join(", ", missing))], false);
        var allCodes = questions.Values.SelectMany(q => q.Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = header.Where(h => h.Length > 0 && !FixedColumns.Contains(h) && !allCodes.Contains(h)).ToList();
        if (unknown.Count > 0) return new(0, 0, 0, [new LineError(1, "Survey.UnknownColumns", string.Join(", ", unknown))], false);

        var good = new List<(SurveyResponse Response, List<SurveyAnswer> Answers)>();
        var rows = 0;
        var badRows = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        await foreach (var r in csv.RowsAsync(errors, ct))
        {
            var line = r.Line;
            rows++;
            if (rows > options.Value.MaxImportRows) { errors.Add(new LineError(line, "Survey.TooManyRows", options.Value.MaxImportRows)); badRows++; break; }
            var before = errors.Count;
            waves.TryGetValue(r["wave"].ToLowerInvariant(), out var wave);
            if (wave is null) errors.Add(new LineError(line, "Survey.UnknownWave", r["wave"]));
            byCode.TryGetValue(r["district"], out var district);
            if (district is null) errors.Add(new LineError(line, "Survey.UnknownDistrict", r["district"]));
            else if (wave is not null && !coverage.Contains((wave.Id, district.Id))) errors.Add(new LineError(line, "Survey.DistrictNotInWave", district.Code, wave.Code));
            else if (scope.Kind == ScopeKind.Region && district.RegionCode != scope.RegionCode) errors.Add(new LineError(line, "Survey.DistrictOutOfScope", district.Code));
            var age = SurveyCategories.NormaliseAgeBand(r["age_band"]);
            if (age is null) errors.Add(new LineError(line, "Survey.BadAgeBand", r["age_band"]));
            var sex = SurveyCategories.NormaliseSex(r["sex"]);
            if (sex is null) errors.Add(new LineError(line, "Survey.BadSex", r["sex"]));
            var channel = ParseChannel(r["channel"]);
            if (channel is null) errors.Add(new LineError(line, "Survey.BadChannel", r["channel"]));
            var answers = new List<SurveyAnswer>();
            var response = new SurveyResponse
            {
                WaveId = wave?.Id ?? Guid.Empty, QuestionnaireId = wave?.QuestionnaireId ?? Guid.Empty, DistrictId = district?.Id ?? Guid.Empty,
                AgeBand = age ?? "", Sex = sex ?? "", Channel = channel ?? SurveyChannel.Phone, Source = ResponseSource.Import, SubmittedAt = now,
                Culture = "kk", ImportedBy = importedBy,
            };
            if (wave is not null)
            {
                var asked = questions.GetValueOrDefault(wave.QuestionnaireId) ?? [];
                for (var i = 0; i < header.Count; i++)
                {
                    if (FixedColumns.Contains(header[i]) || header[i].Length == 0) continue;
                    var raw = r.Field(i);
                    if (!asked.TryGetValue(header[i], out var q))
                    {
                        if (raw.Length > 0) errors.Add(new LineError(line, "Survey.NotInQuestionnaire", header[i], wave.Code));
                        continue;
                    }
                    if (raw.Length == 0) continue;
                    if (q.Kind == QuestionKind.Scale0To10)
                    {
                        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 10)
                            answers.Add(new SurveyAnswer { ResponseId = response.Id, QuestionId = q.Id, Value = n });
                        else errors.Add(new LineError(line, "Survey.BadAnswer", q.Code, raw));
                    }
                    else if (raw.Length > SurveyService.MaxTextLength) errors.Add(new LineError(line, "Survey.AnswerTooLong", q.Code, SurveyService.MaxTextLength));
                    else if (SurveyService.Screen(raw) is { } text) answers.Add(new SurveyAnswer { ResponseId = response.Id, QuestionId = q.Id, Text = text });
                }
                if (errors.Count == before && answers.Count == 0) errors.Add(new LineError(line, "Survey.NoAnswers"));
            }
            if (errors.Count > before) { badRows++; continue; }
            good.Add((response, answers));
        }
        // A line the parser cannot read ends the file and counts as a skipped row.
        badRows += errors.Count(e => e.MessageKey == "Import.Unreadable");
        if (rows == 0 && errors.Count == 0) return new(0, 0, 0, [new LineError(1, "Import.Empty")], false);
        if (errors.Count > 0 && !skipBadRows) return new(rows, 0, 0, errors, false);
        if (good.Count > 0)
        {
            var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                db.SurveyResponses.AddRange(good.Select(g => g.Response));
                db.SurveyAnswers.AddRange(good.SelectMany(g => g.Answers));
                audit.Record("survey.import", "SurveyWave", string.Join(",", good.Select(g => g.Response.WaveId).Distinct()), null,
                    new { file = fileName, rows, imported = good.Count, skipped = badRows, skippedLines = errors.Select(e => e.Line).Distinct().Take(200) });
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            finally
            {
                db.ChangeTracker.Clear();
                db.ChangeTracker.AutoDetectChangesEnabled = tracking;
            }
        }
        return new(rows, good.Count, badRows, errors, good.Count > 0);
    }
}
