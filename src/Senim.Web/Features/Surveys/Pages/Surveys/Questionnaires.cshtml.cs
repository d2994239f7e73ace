using System.Text.RegularExpressions;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Surveys.Pages.Surveys;

/// <summary>Questionnaire versions. An administrator builds a new version as a draft copy of an existing one, adds or
/// removes questions while it is a draft, then activates it; active and retired versions never change, so every
/// answer keeps the wording it was given in. Audited. Policy: OrganisationRead (viewing), Administrator (changes).</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed partial class QuestionnairesModel(SenimDb db, AuditLog audit, IText text, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Questionnaire> Versions { get; private set; } = [];
    public Questionnaire? Selected { get; private set; }
    public IReadOnlyList<SurveyQuestion> Questions { get; private set; } = [];
    public Dictionary<Guid, int> WaveCounts { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    [BindProperty] public NewQuestion Input { get; set; } = new();
    public bool CanEdit => User.IsInRole(Roles.Administrator);

    public sealed class NewQuestion
    {
        public string? Code { get; set; }
        public QuestionKind Kind { get; set; }
        public IndexMembership Index { get; set; }
        public string? TextKk { get; set; }
        public string? TextRu { get; set; }
        public string? TextEn { get; set; }
        public string? LowKk { get; set; }
        public string? LowRu { get; set; }
        public string? LowEn { get; set; }
        public string? HighKk { get; set; }
        public string? HighRu { get; set; }
        public string? HighEn { get; set; }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,39}$")]
    private static partial Regex CodePattern();

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return id is not null && Selected is null ? NotFound() : Page();
    }

    private async Task LoadAsync(Guid? id, CancellationToken ct)
    {
        Versions = await db.Questionnaires.AsNoTracking().OrderBy(q => q.Code).ThenByDescending(q => q.Version).ToListAsync(ct);
        WaveCounts = await db.SurveyWaves.AsNoTracking().GroupBy(w => w.QuestionnaireId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Selected = id is { } g ? Versions.FirstOrDefault(q => q.Id == g) : Versions.FirstOrDefault(q => q.Status == QuestionnaireStatus.Active) ?? (Versions.Count > 0 ? Versions[0] : null);
        Questions = Selected is null ? [] : await db.SurveyQuestions.AsNoTracking().Where(q => q.QuestionnaireId == Selected.Id).OrderBy(q => q.Order).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostNewVersionAsync(Guid id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var source = await db.Questionnaires.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct);
        if (source is null) return NotFound();
        var version = await db.Questionnaires.Where(q => q.Code == source.Code).MaxAsync(q => q.Version, ct) + 1;
        var copy = new Questionnaire
        {
            Code = source.Code, Version = version, Status = QuestionnaireStatus.Draft, TitleKk = source.TitleKk, TitleRu = source.TitleRu, TitleEn = source.TitleEn,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = User.Identity?.Name ?? "unknown",
        };
        db.Questionnaires.Add(copy);
        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.QuestionnaireId == id).ToListAsync(ct);
        db.SurveyQuestions.AddRange(questions.Select(q => new SurveyQuestion
        {
            QuestionnaireId = copy.Id, Order = q.Order, Code = q.Code, Kind = q.Kind, Index = q.Index, TextKk = q.TextKk, TextRu = q.TextRu, TextEn = q.TextEn,
            LowKk = q.LowKk, LowRu = q.LowRu, LowEn = q.LowEn, HighKk = q.HighKk, HighRu = q.HighRu, HighEn = q.HighEn,
        }));
        audit.Record("survey.questionnaire-version", "Questionnaire", copy.Id, new { from = source.Id }, new { copy.Code, copy.Version });
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { id = copy.Id });
    }

    public async Task<IActionResult> OnPostAddQuestionAsync(Guid id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var q = await db.Questionnaires.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (q is null) return NotFound();
        var i = Input;
        var code = (i.Code ?? "").Trim().ToLowerInvariant();
        if (q.Status != QuestionnaireStatus.Draft) Errors[""] = text["Survey.OnlyDraftEditable"];
        if (!CodePattern().IsMatch(code)) Errors["Input.Code"] = text["Survey.QuestionCodeInvalid"];
        else if (await db.SurveyQuestions.AnyAsync(x => x.QuestionnaireId == id && x.Code == code, ct)) Errors["Input.Code"] = text["Survey.QuestionCodeTaken"];
        if (!Enum.IsDefined(i.Kind)) Errors["Input.Kind"] = text["Validation.Choice"];
        if (!Enum.IsDefined(i.Index) || (i.Kind == QuestionKind.OpenText && i.Index != IndexMembership.None)) Errors["Input.Index"] = text["Survey.IndexOnlyScale"];
        foreach (var (field, value) in new[] { ("Input.TextKk", i.TextKk), ("Input.TextRu", i.TextRu), ("Input.TextEn", i.TextEn) })
            if (string.IsNullOrWhiteSpace(value) || value.Length > 500) Errors[field] = text["Survey.QuestionTextRequired"];
        if (i.Kind == QuestionKind.Scale0To10)
            foreach (var (field, value) in new[] { ("Input.LowKk", i.LowKk), ("Input.LowRu", i.LowRu), ("Input.LowEn", i.LowEn), ("Input.HighKk", i.HighKk), ("Input.HighRu", i.HighRu), ("Input.HighEn", i.HighEn) })
                if (string.IsNullOrWhiteSpace(value) || value.Length > 100) Errors[field] = text["Survey.AnchorRequired"];
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(id, ct);
            return Page();
        }
        var order = (await db.SurveyQuestions.Where(x => x.QuestionnaireId == id).Select(x => (int?)x.Order).MaxAsync(ct) ?? 0) + 10;
        string? Anchor(string? v) => i.Kind == QuestionKind.Scale0To10 ? v!.Trim() : null;
        var question = new SurveyQuestion
        {
            QuestionnaireId = id, Order = order, Code = code, Kind = i.Kind, Index = i.Index, TextKk = i.TextKk!.Trim(), TextRu = i.TextRu!.Trim(), TextEn = i.TextEn!.Trim(),
            LowKk = Anchor(i.LowKk), LowRu = Anchor(i.LowRu), LowEn = Anchor(i.LowEn), HighKk = Anchor(i.HighKk), HighRu = Anchor(i.HighRu), HighEn = Anchor(i.HighEn),
        };
        db.SurveyQuestions.Add(question);
        audit.Record("survey.question-add", "Questionnaire", id, null, new { question.Code, kind = question.Kind.ToString(), index = question.Index.ToString(), question.TextEn });
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveQuestionAsync(Guid id, Guid questionId, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var q = await db.Questionnaires.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var question = await db.SurveyQuestions.FirstOrDefaultAsync(x => x.Id == questionId && x.QuestionnaireId == id, ct);
        if (q is null || question is null) return NotFound();
        if (q.Status != QuestionnaireStatus.Draft) return BadRequest();
        db.SurveyQuestions.Remove(question);
        audit.Record("survey.question-remove", "Questionnaire", id, new { question.Code }, null);
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, QuestionnaireStatus status, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var q = await db.Questionnaires.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (q is null) return NotFound();
        // Draft → Active → Retired, one way: a version once asked never changes again.
        var allowed = (q.Status, status) is (QuestionnaireStatus.Draft, QuestionnaireStatus.Active) or (QuestionnaireStatus.Active, QuestionnaireStatus.Retired);
        if (!allowed) return BadRequest();
        if (status == QuestionnaireStatus.Active && !await db.SurveyQuestions.AnyAsync(x => x.QuestionnaireId == id, ct)) return BadRequest();
        var before = q.Status;
        q.Status = status;
        audit.Record("survey.questionnaire-status", "Questionnaire", id, new { status = before.ToString() }, new { status = status.ToString() });
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { id });
    }
}
