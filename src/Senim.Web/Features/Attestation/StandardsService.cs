using Senim.Web.Features.Audit;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation;

/// <summary>One candidate's typed results (as text, so that a wrong entry comes back to the examiner as typed).</summary>
public sealed record StandardsEntry(Guid CandidateId, string? Run3Km, string? Run100M, string? PullUps, string? Firearms)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Run3Km) && string.IsNullOrWhiteSpace(Run100M) && string.IsNullOrWhiteSpace(PullUps) && string.IsNullOrWhiteSpace(Firearms);
}

/// <summary>A message about one row (bulk entry: the candidate; CSV: the line), as a resource key and arguments.</summary>
public sealed record RowError(string Row, string Key, object[] Args);

/// <summary>A candidate the examiner can record stage 1 results for now (awaiting, or a retake allowed).</summary>
public sealed record StandardsRow(Guid CandidateId, string FullName, string PersonnelNumber, Sex Sex, DateOnly BirthDate, string Unit, int NextAttempt);

public sealed record NormCell(Exercise Exercise, Sex Sex, int AgeFrom, int AgeTo, double? Threshold);

/// <summary>Stage 1: the campaign's norms table, bulk entry of a group's results on one screen, CSV import. Pass or
/// fail is computed from the norms when results are saved (<see cref="Norms.Evaluate"/>) and stored with them.</summary>
public sealed class StandardsService(SenimDb db, AuditLog audit, TimeProvider clock, CampaignService campaigns)
{
    public const int MaxGroup = 200;
    public const int MaxCsvLines = 10_000;

    public Task<List<Norm>> NormsAsync(Guid campaignId, CancellationToken ct = default) =>
        db.Set<Norm>().AsNoTracking().Where(n => n.CampaignId == campaignId).OrderBy(n => n.Exercise).ThenBy(n => n.Sex).ThenBy(n => n.AgeFrom).ToListAsync(ct);

    private Task<bool> AnyResultsAsync(Guid campaignId, CancellationToken ct) =>
        db.Set<StandardsResult>().AnyAsync(r => db.AttestationCandidates.Any(c => c.Id == r.CandidateId && c.CampaignId == campaignId), ct);

    /// <summary>Replaces the norms table. Refused once any result is recorded: every candidate is judged by the same table.</summary>
    public async Task<Outcome> SaveNormsAsync(Guid campaignId, IReadOnlyList<NormCell> cells, CancellationToken ct = default)
    {
        if (!await db.AttestationCampaigns.AnyAsync(c => c.Id == campaignId, ct)) return Outcome.NotFound("Attestation.NotFound");
        if (await AnyResultsAsync(campaignId, ct)) return Outcome.Conflict("Attestation.NormsFixed");
        foreach (var c in cells)
        {
            if (c.Threshold is { } t && (!double.IsFinite(t) || t <= 0 || t > 7200)) return Outcome.Invalid("Attestation.NormInvalid");
            if (c.AgeFrom > c.AgeTo || !Enum.IsDefined(c.Exercise) || !Enum.IsDefined(c.Sex)) return Outcome.Invalid("Attestation.NormInvalid");
        }
        var before = await db.Set<Norm>().Where(n => n.CampaignId == campaignId).OrderBy(n => n.Exercise).ThenBy(n => n.Sex).ThenBy(n => n.AgeFrom).ToListAsync(ct);
        // Removed and added in one SaveChanges: one transaction, deletes ordered before the inserts they make room for.
        db.RemoveRange(before);
        var after = cells.Where(c => c.Threshold is not null).Select(c => new Norm
        {
            CampaignId = campaignId, Exercise = c.Exercise, Sex = c.Sex, AgeFrom = c.AgeFrom, AgeTo = c.AgeTo, Threshold = c.Threshold!.Value,
        }).ToList();
        db.AddRange(after);
        audit.Record("attestation.norms.save", AttestationAudit.Norms, campaignId,
            before.Select(n => $"{n.Exercise}/{n.Sex}/{n.AgeFrom}-{n.AgeTo}: {n.Threshold.ToString(CultureInfo.InvariantCulture)}"),
            after.Select(n => $"{n.Exercise}/{n.Sex}/{n.AgeFrom}-{n.AgeTo}: {n.Threshold.ToString(CultureInfo.InvariantCulture)}"));
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Candidates of a region (and optionally a name or number search) who can take stage 1 now.</summary>
    public async Task<IReadOnlyList<StandardsRow>> GroupAsync(Guid campaignId, string? region, string? query, CancellationToken ct = default)
    {
        var q = db.AttestationCandidates.AsNoTracking().Where(c => c.CampaignId == campaignId && c.Status == CandidateStatus.Active);
        if (!string.IsNullOrEmpty(region)) q = q.Where(c => c.RegionCode == region);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var t = query.Trim().ToUpperInvariant();
            q = q.Where(c => db.Employees.Any(e => e.Id == c.EmployeeId && e.SearchText.Contains(t)));
        }
        var list = await q.ToListAsync(ct);
        var routes = await campaigns.RoutesAsync(list, ct);
        var open = list.Where(c => routes[c.Id].Standards is StageState.Awaiting or StageState.RetakeAllowed).ToList();
        var ids = open.Select(c => c.Id).ToList();
        var attempts = await db.Set<StandardsResult>().Where(r => ids.Contains(r.CandidateId)).GroupBy(r => r.CandidateId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var rows = await (from c in db.AttestationCandidates.AsNoTracking().Where(c => ids.Contains(c.Id))
                          join e in db.Employees on c.EmployeeId equals e.Id
                          join u in db.Units on c.UnitId equals u.Id
                          select new { c.Id, e, u }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.e.LastName, StringComparer.Ordinal).ThenBy(r => r.e.FirstName, StringComparer.Ordinal).Take(MaxGroup)
            .Select(r => new StandardsRow(r.Id, r.e.FullName, r.e.PersonnelNumber, r.e.Sex, r.e.BirthDate, OrganisationQueries.Name(r.u), attempts.GetValueOrDefault(r.Id) + 1))];
    }

    /// <summary>Saves a group's results: all or nothing. Blank rows are skipped; any invalid row refuses the whole screen
    /// and is named. Returns the saved results' ids.</summary>
    public async Task<(IReadOnlyList<Guid> Saved, IReadOnlyList<RowError> Errors)> SaveGroupAsync(
        Guid campaignId, DateOnly takenOn, string? examiner, IReadOnlyList<StandardsEntry> entries, string by, CancellationToken ct = default)
    {
        var errors = new List<RowError>();
        examiner = examiner?.Trim();
        if (string.IsNullOrEmpty(examiner) || examiner.Length > 200) errors.Add(new("examiner", "Attestation.ExaminerRequired", []));
        if (takenOn > clock.TodayKz() || takenOn.Year < 2000) errors.Add(new("date", "Attestation.DateInvalid", []));
        var filled = entries.Where(e => !e.IsBlank).ToList();
        if (filled.Count == 0 && errors.Count == 0) errors.Add(new("", "Attestation.NothingToSave", []));
        var parsed = new List<(StandardsEntry Entry, double? R3, double? R100, int? Pull, int? Fire)>();
        foreach (var e in filled)
        {
            var row = e.CandidateId.ToString();
            var ok = true;
            if (!Norms.TryParseTime(e.Run3Km, out var r3)) { errors.Add(new(row, "Attestation.BadTime", [e.Run3Km ?? ""])); ok = false; }
            if (!Norms.TryParseTime(e.Run100M, out var r100)) { errors.Add(new(row, "Attestation.BadTime", [e.Run100M ?? ""])); ok = false; }
            if (!Norms.TryParseCount(e.PullUps, out var pull)) { errors.Add(new(row, "Attestation.BadCount", [e.PullUps ?? ""])); ok = false; }
            if (!Norms.TryParseCount(e.Firearms, out var fire)) { errors.Add(new(row, "Attestation.BadCount", [e.Firearms ?? ""])); ok = false; }
            if (ok) parsed.Add((e, r3, r100, pull, fire));
        }
        if (errors.Count > 0) return ([], errors);
        return await RecordAsync(campaignId, takenOn, examiner!, parsed.Select(p => (p.Entry.CandidateId, p.Entry.CandidateId.ToString(), p.R3, p.R100, p.Pull, p.Fire)).ToList(), by, ct);
    }

    /// <summary>CSV with a header: personnelNumber,run3km,run100m,pullups,firearms,date,examiner (date yyyy-MM-dd, times
    /// "m:ss" or seconds). All or nothing: every bad line is reported with its number and nothing is saved.</summary>
    public async Task<(IReadOnlyList<Guid> Saved, IReadOnlyList<LineError> Errors)> ImportCsvAsync(Guid campaignId, Stream csvStream, string by, CancellationToken ct = default)
    {
        var errors = new List<LineError>();
        using var csv = await CsvTable.OpenAsync(csvStream, errors,
            new() { DetectDelimiter = true, EmptyKey = "Attestation.CsvEmpty", UnreadableKey = "Attestation.CsvUnreadable" });
        if (csv is null) return ([], errors);
        int number = csv.Column("personnelNumber"), run3 = csv.Column("run3km"), run100 = csv.Column("run100m"), pull = csv.Column("pullups"), fire = csv.Column("firearms"), date = csv.Column("date"), exam = csv.Column("examiner");
        if (number < 0 || date < 0 || exam < 0 || (run3 < 0 && run100 < 0 && pull < 0 && fire < 0))
            return ([], [new(1, "Attestation.CsvColumns", "personnelNumber, run3km, run100m, pullups, firearms, date, examiner")]);

        var lines = new List<(int Line, string Number, double? R3, double? R100, int? Pull, int? Fire, DateOnly On, string Examiner)>();
        var today = clock.TodayKz();
        await foreach (var r in csv.RowsAsync(errors, ct))
        {
            var line = r.Line;
            if (lines.Count + errors.Count >= MaxCsvLines) { errors.Add(new(line, "Attestation.CsvTooLong", MaxCsvLines)); break; }
            string? Get(int i) => r.Field(i) is { Length: > 0 } v ? v : null;
            var n = Get(number)?.ToUpperInvariant();
            if (n is null) { errors.Add(new(line, "Attestation.CsvNoNumber")); continue; }
            if (!Norms.TryParseTime(Get(run3), out var r3)) { errors.Add(new(line, "Attestation.BadTime", Get(run3) ?? "")); continue; }
            if (!Norms.TryParseTime(Get(run100), out var r100)) { errors.Add(new(line, "Attestation.BadTime", Get(run100) ?? "")); continue; }
            if (!Norms.TryParseCount(Get(pull), out var p)) { errors.Add(new(line, "Attestation.BadCount", Get(pull) ?? "")); continue; }
            if (!Norms.TryParseCount(Get(fire), out var f)) { errors.Add(new(line, "Attestation.BadCount", Get(fire) ?? "")); continue; }
            if (!DateOnly.TryParseExact(Get(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) || on > today)
            { errors.Add(new(line, "Attestation.CsvBadDate", Get(date) ?? "")); continue; }
            var examiner = Get(exam);
            if (examiner is null || examiner.Length > 200) { errors.Add(new(line, "Attestation.ExaminerRequired")); continue; }
            if (r3 is null && r100 is null && p is null && f is null) { errors.Add(new(line, "Attestation.CsvNoResults")); continue; }
            lines.Add((line, n, r3, r100, p, f, on, examiner));
        }
        if (lines.Count == 0 && errors.Count == 0) errors.Add(new(2, "Attestation.CsvEmpty"));

        var numbers = lines.Select(l => l.Number).Distinct().ToList();
        var candidates = await (from c in db.AttestationCandidates.AsNoTracking().Where(c => c.CampaignId == campaignId)
                                join e in db.Employees on c.EmployeeId equals e.Id
                                where numbers.Contains(e.PersonnelNumber)
                                select new { e.PersonnelNumber, c.Id }).ToDictionaryAsync(x => x.PersonnelNumber, x => x.Id, ct);
        foreach (var dup in lines.GroupBy(l => l.Number).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
            errors.Add(new(dup.Line, "Attestation.CsvDuplicate", dup.Number));
        foreach (var l in lines.Where(l => !candidates.ContainsKey(l.Number)))
            errors.Add(new(l.Line, "Attestation.CsvNotCandidate", l.Number));
        if (errors.Count > 0) return ([], errors.OrderBy(e => e.Line).ToList());

        // Lines may carry different dates and examiners; each is recorded as given.
        var saved = new List<Guid>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var group in lines.GroupBy(l => (l.On, l.Examiner)))
            {
                var (ids, errs) = await RecordAsync(campaignId, group.Key.On, group.Key.Examiner,
                    group.Select(l => (candidates[l.Number], l.Line.ToString(CultureInfo.InvariantCulture), l.R3, l.R100, l.Pull, l.Fire)).ToList(), by, ct);
                // The grid's row errors name the CSV line they came from (none: the campaign as a whole).
                if (errs.Count > 0) return ((IReadOnlyList<Guid>)[], errs.Select(e => new LineError(int.TryParse(e.Row, CultureInfo.InvariantCulture, out var i) ? i : 0, e.Key, e.Args)).ToList());
                saved.AddRange(ids);
            }
            await tx.CommitAsync(ct);
            return ((IReadOnlyList<Guid>)saved, (IReadOnlyList<LineError>)[]);
        });
    }

    /// <summary>Evaluates and stores one attempt per candidate. Refuses a candidate who cannot take stage 1 now (passed,
    /// failed without a retake, excluded) and a concurrent save of the same attempt (unique candidate + attempt).</summary>
    private async Task<(IReadOnlyList<Guid>, IReadOnlyList<RowError>)> RecordAsync(
        Guid campaignId, DateOnly takenOn, string examiner, List<(Guid CandidateId, string Row, double? R3, double? R100, int? Pull, int? Fire)> rows,
        string by, CancellationToken ct)
    {
        var status = await db.AttestationCampaigns.Where(c => c.Id == campaignId).Select(c => (CampaignStatus?)c.Status).FirstOrDefaultAsync(ct);
        if (status != CampaignStatus.Active) return ([], [new("", status == CampaignStatus.Closed ? "Attestation.CampaignClosed" : "Attestation.NotActive", [])]);
        var ids = rows.Select(r => r.CandidateId).ToList();
        var candidates = await db.AttestationCandidates.AsNoTracking().Where(c => ids.Contains(c.Id) && c.CampaignId == campaignId).ToDictionaryAsync(c => c.Id, ct);
        var errors = new List<RowError>();
        foreach (var r in rows.Where(r => !candidates.ContainsKey(r.CandidateId))) errors.Add(new(r.Row, "Attestation.NotFound", []));
        if (errors.Count > 0) return ([], errors);
        var routes = await campaigns.RoutesAsync(candidates.Values, ct);
        foreach (var r in rows.Where(r => routes[r.CandidateId].Standards is not (StageState.Awaiting or StageState.RetakeAllowed)))
            errors.Add(new(r.Row, "Attestation.StandardsClosed", []));
        if (errors.Count > 0) return ([], errors);
        var employeeIds = candidates.Values.Select(c => c.EmployeeId).ToList();
        var people = await db.Employees.AsNoTracking().Where(e => employeeIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var norms = await NormsAsync(campaignId, ct);
        var counts = await db.Set<StandardsResult>().Where(r => ids.Contains(r.CandidateId)).GroupBy(r => r.CandidateId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var saved = new List<Guid>();
        foreach (var r in rows)
        {
            var person = people[candidates[r.CandidateId].EmployeeId];
            var evaluation = Norms.Evaluate(norms, person.Sex, Norms.AgeOn(person.BirthDate, takenOn), r.R3, r.R100, r.Pull, r.Fire);
            var result = new StandardsResult
            {
                CandidateId = r.CandidateId, Attempt = counts.GetValueOrDefault(r.CandidateId) + 1, TakenOn = takenOn,
                Run3KmSeconds = r.R3, Run100MSeconds = r.R100, PullUps = r.Pull, FirearmsScore = r.Fire,
                Passed = evaluation.Passed, Examiner = examiner, EnteredBy = by, EnteredAt = now,
            };
            db.Add(result);
            saved.Add(result.Id);
            audit.Record("attestation.standards.record", AttestationAudit.StandardsResult, r.CandidateId, null, Describe(result));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ([], [new("", "Attestation.Concurrent", [])]);
        }
        return (saved, []);
    }

    /// <summary>Corrects the latest stage 1 result of a candidate (a typing error found later): re-evaluated, audited
    /// with the values before and after.</summary>
    public async Task<Outcome> CorrectAsync(Guid candidateId, StandardsEntry entry, string reason, string by, CancellationToken ct = default)
    {
        if (CampaignService.CheckReason(reason) is { } bad) return Outcome.Invalid(bad, CampaignService.MinReason, CampaignService.MaxReason);
        var result = await db.Set<StandardsResult>().Where(r => r.CandidateId == candidateId).OrderByDescending(r => r.Attempt).FirstOrDefaultAsync(ct);
        if (result is null) return Outcome.NotFound("Attestation.NotFound");
        var candidate = await db.AttestationCandidates.AsNoTracking().FirstAsync(c => c.Id == candidateId, ct);
        if (candidate.Decision is not null) return Outcome.Conflict("Attestation.AlreadyDecided");
        if (!Norms.TryParseTime(entry.Run3Km, out var r3) || !Norms.TryParseTime(entry.Run100M, out var r100)) return Outcome.Invalid("Attestation.BadTime", "");
        if (!Norms.TryParseCount(entry.PullUps, out var pull) || !Norms.TryParseCount(entry.Firearms, out var fire)) return Outcome.Invalid("Attestation.BadCount", "");
        // Passing stage 1 may have opened the test; a correction that turns a pass into a fail after the test has begun is refused.
        if (await db.Set<Attempt>().AnyAsync(a => a.CandidateId == candidateId, ct)) return Outcome.Conflict("Attestation.TestAlreadyStarted");
        var person = await db.Employees.AsNoTracking().FirstAsync(e => e.Id == candidate.EmployeeId, ct);
        var norms = await NormsAsync(candidate.CampaignId, ct);
        var before = Describe(result);
        result.Run3KmSeconds = r3; result.Run100MSeconds = r100; result.PullUps = pull; result.FirearmsScore = fire;
        result.Passed = Norms.Evaluate(norms, person.Sex, Norms.AgeOn(person.BirthDate, result.TakenOn), r3, r100, pull, fire).Passed;
        result.Version++;
        audit.Record("attestation.standards.correct", AttestationAudit.StandardsResult, candidateId, before, new { Result = Describe(result), Reason = reason.Trim() });
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict("Attestation.Concurrent");
        }
    }

    private static object Describe(StandardsResult r) => new
    {
        r.Attempt, TakenOn = r.TakenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Run3KmSeconds, r.Run100MSeconds, r.PullUps, r.FirearmsScore, r.Passed, r.Examiner,
    };
}
