using Senim.Web.Features.Identity;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Surveys.Pages.Surveys;

/// <summary>A district's Safety and Trust indices over time (chart with interval bands, and the same numbers as a
/// table), the latest change and its significance, the top problems and the open answers (paged). For staff whose
/// scope covers the district (the district chief, the region's analyst, national roles). Policy: OrganisationRead.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class DistrictModel(SurveyIndices indices, DistrictDirectory directory, OpenAnswers openAnswers, IText text, TimeProvider clock)
    : SurveyPageBase(indices, text, clock)
{
    public const int PageSize = 20;
    [FromQuery(Name = "theme")] public string? Theme { get; set; }
    [FromQuery(Name = "p")] public int PageNumber { get; set; } = 1;
    public DistrictInfo District { get; private set; } = null!;
    public AreaIndices Current { get; private set; } = null!;
    public AreaIndices Previous { get; private set; } = null!;
    public IReadOnlyList<AreaIndices> History { get; private set; } = [];
    public IReadOnlyList<ThemeCount> Themes { get; private set; } = [];
    public IReadOnlyList<OpenAnswer> Answers { get; private set; } = [];
    public int AnswerCount { get; private set; }
    public int PageCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var district = await directory.FindAsync(id, ct);
        if (district is null) return NotFound();
        if (!await directory.CoversAsync(OrganisationScope.For(User), district, ct)) return Forbid();
        District = district;
        await ResolvePeriodAsync(id, ct);
        Current = await Indices.DistrictAsync(id, Period, ct);
        Previous = await Indices.DistrictAsync(id, Period.Previous(), ct);
        var history = new List<AreaIndices>();
        foreach (var p in await Indices.HistoryAsync(id, ct)) history.Add(await Indices.DistrictAsync(id, p, ct));
        History = history;
        var (themes, answers) = await openAnswers.ForDistrictAsync(id, Period, ct);
        Themes = themes;
        var filtered = string.IsNullOrEmpty(Theme) ? answers : answers.Where(a => a.Themes.Contains(Theme, StringComparer.Ordinal)).ToList();
        AnswerCount = filtered.Count;
        PageCount = Math.Max(1, (AnswerCount + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Answers = [.. filtered.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        return Page();
    }

    public IndexChange? ChangeOf(SurveyIndexKind kind) => SurveyIndices.Change(Previous, Current, kind);

    public static string Series(IEnumerable<AreaIndices> history, Func<AreaIndices, IndexFigure> pick, Func<IndexFigure, double> value) =>
        string.Join("|", history.Select(h => pick(h) is { Suppressed: false } f ? value(f).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : ""));
}
