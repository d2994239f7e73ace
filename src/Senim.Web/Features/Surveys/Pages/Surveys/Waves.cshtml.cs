using System.Text.RegularExpressions;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Surveys.Pages.Surveys;

/// <summary>Survey waves: period, questionnaire version, status, responses against the target. Administrators
/// create waves (all districts or one region's) and open or close them (audited). Policy: OrganisationRead.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed partial class WavesModel(SenimDb db, DistrictDirectory directory, AuditLog audit, IText text, TimeProvider clock) : PageModel
{
    public sealed record Row(Wave Wave, Questionnaire Questionnaire, int Districts, int Responses);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Questionnaire> Questionnaires { get; private set; } = [];
    public IReadOnlyList<Features.Organisation.Region> Regions { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? Message { get; private set; }
    [BindProperty] public NewWave Input { get; set; } = new();

    public sealed class NewWave
    {
        public string? Code { get; set; }
        public string? NameKk { get; set; }
        public string? NameRu { get; set; }
        public string? NameEn { get; set; }
        public string? Period { get; set; }
        public int? Target { get; set; } = 200;
        public Guid? QuestionnaireId { get; set; }
        public string? Region { get; set; }
    }

    public bool CanEdit => User.IsInRole(Roles.Administrator);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var waves = await db.SurveyWaves.AsNoTracking().OrderByDescending(w => w.PeriodStart).ThenBy(w => w.Code).ToListAsync(ct);
        var questionnaires = await db.Questionnaires.AsNoTracking().ToDictionaryAsync(q => q.Id, ct);
        var districts = await db.SurveyWaveDistricts.AsNoTracking().GroupBy(x => x.WaveId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var responses = await db.SurveyResponses.AsNoTracking().GroupBy(x => x.WaveId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Rows = [.. waves.Select(w => new Row(w, questionnaires[w.QuestionnaireId], districts.GetValueOrDefault(w.Id), responses.GetValueOrDefault(w.Id)))];
        Questionnaires = [.. questionnaires.Values.Where(q => q.Status == QuestionnaireStatus.Active).OrderBy(q => q.Code).ThenByDescending(q => q.Version)];
        Regions = await directory.RegionsAsync(ct);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex CodePattern();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var i = Input;
        var code = (i.Code ?? "").Trim().ToLowerInvariant();
        if (!CodePattern().IsMatch(code)) Errors["Input.Code"] = text["Survey.WaveCodeInvalid"];
        else if (await db.SurveyWaves.AnyAsync(w => w.Code == code, ct)) Errors["Input.Code"] = text["Survey.WaveCodeTaken"];
        foreach (var (field, value) in new[] { ("Input.NameKk", i.NameKk), ("Input.NameRu", i.NameRu), ("Input.NameEn", i.NameEn) })
            if (string.IsNullOrWhiteSpace(value) || value.Length > 200) Errors[field] = text["Survey.NameRequired"];
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var period = SurveyPeriod.Parse(i.Period, today);
        if (period is null || period.Kind == SurveyPeriodKind.Rolling12) Errors["Input.Period"] = text.Format("Survey.WavePeriodInvalid", i.Period ?? "");
        if (i.Target is not (>= 1 and <= 100_000)) Errors["Input.Target"] = text.Format("Survey.TargetInvalid", 1, 100_000);
        var questionnaire = i.QuestionnaireId is { } qid ? await db.Questionnaires.AsNoTracking().FirstOrDefaultAsync(q => q.Id == qid && q.Status == QuestionnaireStatus.Active, ct) : null;
        if (questionnaire is null) Errors["Input.QuestionnaireId"] = text["Survey.QuestionnaireRequired"];
        var districts = (await directory.AllAsync(ct)).Where(d => string.IsNullOrEmpty(i.Region) || d.RegionCode == i.Region).ToList();
        if (districts.Count == 0) Errors["Input.Region"] = text["Survey.NoDistricts"];
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        var wave = new Wave
        {
            Code = code, NameKk = i.NameKk!.Trim(), NameRu = i.NameRu!.Trim(), NameEn = i.NameEn!.Trim(),
            PeriodKind = period!.Kind == SurveyPeriodKind.Quarter ? PeriodKind.Quarter : PeriodKind.Month, PeriodStart = period.Start, PeriodEnd = period.End,
            QuestionnaireId = questionnaire!.Id, Status = WaveStatus.Draft, TargetPerDistrict = i.Target!.Value, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.SurveyWaves.Add(wave);
        db.SurveyWaveDistricts.AddRange(districts.Select(d => new WaveDistrict { WaveId = wave.Id, DistrictId = d.Id }));
        audit.Record("survey.wave-create", "SurveyWave", wave.Id, null, new { wave.Code, period = period.Code, districts = districts.Count, wave.TargetPerDistrict });
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { created = wave.Code });
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, WaveStatus status, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var wave = await db.SurveyWaves.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (wave is null || !Enum.IsDefined(status)) return NotFound();
        var before = wave.Status;
        wave.Status = status;
        audit.Record("survey.wave-status", "SurveyWave", wave.Id, new { status = before.ToString() }, new { status = status.ToString() });
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public string StatusName(WaveStatus s) => text["Survey.WaveStatus." + s.ToString()];

    public static string Percent(int responses, int districts, int target) =>
        districts * target == 0 ? "—" : ((double)responses / (districts * target)).ToString("P0", CultureInfo.CurrentCulture);
}
