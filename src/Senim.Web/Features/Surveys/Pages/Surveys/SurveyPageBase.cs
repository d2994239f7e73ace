using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Surveys.Pages.Surveys;

/// <summary>Period and sort from the query string, shared by the survey overview pages.</summary>
public abstract class SurveyPageBase(SurveyIndices indices, IText text, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "period")] public string? PeriodQuery { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "dir")] public string? Dir { get; set; }
    public SurveyPeriod Period { get; private set; } = SurveyPeriod.Month(2026, 1);
    public string? PeriodError { get; private set; }
    public IReadOnlyList<SurveyPeriod> Periods { get; private set; } = [];
    public bool Descending => !string.Equals(Dir, "asc", StringComparison.OrdinalIgnoreCase);
    protected IText Text => text;
    public double MinEffectiveN => indices.Options.MinEffectiveN;
    protected SurveyIndices Indices => indices;
    protected DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    protected async Task ResolvePeriodAsync(Guid? districtId, CancellationToken ct)
    {
        var history = await indices.HistoryAsync(districtId, ct);
        Periods = [.. history.Reverse(), SurveyPeriod.Rolling12(Today)];
        if (!string.IsNullOrWhiteSpace(PeriodQuery))
        {
            if (SurveyPeriod.Parse(PeriodQuery, Today) is { } p) { Period = p; return; }
            PeriodError = text.Format("Survey.PeriodInvalid", PeriodQuery);
        }
        Period = await indices.LatestAsync(Today, ct);
    }

    /// <summary>The link of a sortable column header: the same page and period, this sort, the direction flipped when already sorted by it.</summary>
    public string SortUrl(string sort)
    {
        var dir = Sort == sort && Descending ? "asc" : "desc";
        return $"{Request.Path}?period={Uri.EscapeDataString(Period.Code)}&sort={sort}&dir={dir}";
    }

    public string? AriaSort(string sort) => Sort == sort ? (Descending ? "descending" : "ascending") : null;
}

public sealed record AreaTableModel(SurveyPageBase Page, IReadOnlyList<AreaRow> Rows, string Caption);
