using Senim.Web.Features.Audit;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Surveys.Pages.Admin;

/// <summary>The keyword rules that group open answers by theme: names and keywords per language, editable;
/// a test box shows how a sample answer is classified. Audited. Policy: Administration (folder).</summary>
public sealed class SurveyThemesModel(SenimDb db, AuditLog audit, IText text, TimeProvider clock) : PageModel
{
    public IReadOnlyList<SurveyTheme> Themes { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    [FromQuery(Name = "sample")] public string? Sample { get; set; }
    public IReadOnlyList<string>? SampleThemes { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Themes = await db.SurveyThemes.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(Sample)) SampleThemes = new ThemeClassifier(Themes).Classify(Sample);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? nameKk, string? nameRu, string? nameEn, string? keywordsKk, string? keywordsRu, string? keywordsEn, CancellationToken ct)
    {
        var theme = await db.SurveyThemes.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (theme is null) return NotFound();
        string[] names = [nameKk ?? "", nameRu ?? "", nameEn ?? ""];
        string[] keywords = [keywordsKk ?? "", keywordsRu ?? "", keywordsEn ?? ""];
        if (names.Any(n => string.IsNullOrWhiteSpace(n) || n.Length > 200)) Error = text["Survey.NameRequired"];
        else if (keywords.Any(k => k.Length > 2000)) Error = text.Format("Validation.TooLong", text["Survey.Keywords"], 2000);
        else if (keywords.All(k => !ThemeClassifier.Split(k).Any())) Error = text["Survey.KeywordsRequired"];
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await OnGetAsync(ct);
            return Page();
        }
        var before = new { theme.NameKk, theme.NameRu, theme.NameEn, theme.KeywordsKk, theme.KeywordsRu, theme.KeywordsEn };
        static string Clean(string k) => string.Join(", ", ThemeClassifier.Split(k));
        (theme.NameKk, theme.NameRu, theme.NameEn) = (names[0].Trim(), names[1].Trim(), names[2].Trim());
        (theme.KeywordsKk, theme.KeywordsRu, theme.KeywordsEn) = (Clean(keywords[0]), Clean(keywords[1]), Clean(keywords[2]));
        theme.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        theme.UpdatedBy = User.Identity?.Name ?? "unknown";
        audit.Record("survey.theme-edit", "SurveyTheme", theme.Code, before, new { theme.NameKk, theme.NameRu, theme.NameEn, theme.KeywordsKk, theme.KeywordsRu, theme.KeywordsEn });
        await db.SaveChangesAsync(ct);
        Message = text["Survey.ThemeSaved"];
        await OnGetAsync(ct);
        return Page();
    }
}
