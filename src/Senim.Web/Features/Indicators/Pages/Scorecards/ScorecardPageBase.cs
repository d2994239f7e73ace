using Microsoft.Extensions.Options;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Indicators.Pages.Scorecards;

/// <summary>What every scorecard page shares: the period (query "period", default the most recently computed one),
/// the list of stored periods, exports (?format=xlsx|pdf) and, for national analysts and administrators, a button
/// that recomputes the period. Policy: Staff; each page then checks the viewer's scope.</summary>
[Authorize(Policy = Policies.Staff)]
public abstract class ScorecardPageBase(ScorecardQueries queries, ScorecardRecompute recompute, IOptions<IndicatorOptions> options, IText text) : PageModel
{
    [FromQuery(Name = "period")] public string? PeriodQuery { get; set; }
    [FromQuery(Name = "format")] public string? Format { get; set; }
    public string? Period { get; private set; }
    public string? PeriodError { get; private set; }
    public IReadOnlyList<string> Periods { get; private set; } = [];
    public DateTime? ComputedAt { get; private set; }
    public ScorecardView? View { get; protected set; }
    public IReadOnlyList<ChildRow> Children { get; protected set; } = [];
    public string ChildrenCaption { get; protected set; } = "";
    public bool CanRecompute => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.NationalAnalyst);
    protected ScorecardQueries Queries => queries;
    protected IText Text => text;
    public int TrendPeriods => options.Value.TrendPeriods;
    public OrganisationScope Scope => OrganisationScope.For(User);

    protected async Task ResolvePeriodAsync(CancellationToken ct)
    {
        Periods = await queries.PeriodsAsync(ct);
        if (!string.IsNullOrWhiteSpace(PeriodQuery))
        {
            if (ScorePeriod.Parse(PeriodQuery.Trim(), queries.Now) is { } p) Period = p.Label;
            else PeriodError = text["Score.PeriodInvalid"];
        }
        Period ??= Periods.Count > 0 ? Periods[0] : null;
        if (Period is not null) ComputedAt = await queries.ComputedAtAsync(Period, ct);
    }

    protected Task<ScorecardView?> LoadViewAsync(IndicatorLevel level, string key, string name, CancellationToken ct) =>
        Period is null ? Task.FromResult<ScorecardView?>(null) : queries.ViewAsync(Period, level, key, name, TrendPeriods, ct);

    protected async Task<IReadOnlyList<ChildRow>> LoadChildrenAsync(IndicatorLevel level, IReadOnlyList<(string Key, string Name, string? Link)> children, CancellationToken ct) =>
        Period is null || children.Count == 0 ? [] : await queries.ChildrenAsync(Period, level, children, TrendPeriods, ct);

    /// <summary>The rows exported below the scorecard.</summary>
    protected virtual IReadOnlyList<ChildRow> ExportChildren => Children;

    /// <summary>The page itself, or the scorecard as a file when the query asks for one.</summary>
    protected IActionResult PageOrExport()
    {
        if (View is not null && string.Equals(Format, "xlsx", StringComparison.OrdinalIgnoreCase))
            return File(ScorecardExport.Xlsx(View, ExportChildren, text), ScorecardExport.XlsxType, ScorecardExport.FileName(View, "xlsx"));
        if (View is not null && string.Equals(Format, "pdf", StringComparison.OrdinalIgnoreCase))
            return File(ScorecardExport.Pdf(View, ExportChildren, text), "application/pdf", ScorecardExport.FileName(View, "pdf"));
        return Page();
    }

    public string Link(string path) => Period is null ? path : $"{path}?period={Uri.EscapeDataString(Period)}";

    /// <summary>POST: recompute and store every scorecard of the period (national analysts and administrators).</summary>
    public async Task<IActionResult> OnPostRecomputeAsync(string? period, CancellationToken ct)
    {
        if (!CanRecompute) return Forbid();
        if (ScorePeriod.Parse(period, queries.Now) is not { } p) return BadRequest();
        await recompute.RunAsync(p, ct: ct);
        return Redirect($"{Request.Path}?period={Uri.EscapeDataString(p.Label)}");
    }
}
