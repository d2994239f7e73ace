using Microsoft.Extensions.Options;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Scorecards;

/// <summary>The national page: every region's scorecard. Whoever sees less is sent to their own level: a regional
/// analyst to the region, a unit head to their unit, an employee to their own scorecard.</summary>
public sealed class IndexModel(ScorecardQueries queries, ScorecardRecompute recompute, IOptions<IndicatorOptions> options, IText text)
    : ScorecardPageBase(queries, recompute, options, text)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = Scope;
        var suffix = string.IsNullOrWhiteSpace(PeriodQuery) ? "" : "?period=" + Uri.EscapeDataString(PeriodQuery);
        switch (scope.Kind)
        {
            case ScopeKind.Region: return Redirect($"/Scorecards/Region/{Uri.EscapeDataString(scope.RegionCode!)}{suffix}");
            case ScopeKind.Subtree:
                var root = Guid.ParseExact(scope.UnitPath!.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1], "N");
                return Redirect($"/Scorecards/Unit/{root}{suffix}");
            case ScopeKind.Self: return Redirect("/Scorecards/Me" + suffix);
            case ScopeKind.National: break;
            default: return Forbid();
        }
        await ResolvePeriodAsync(ct);
        var regions = await Queries.RegionsAsync(ct);
        Children = await LoadChildrenAsync(IndicatorLevel.Region,
            [.. regions.Select(r => (r.Code, ScorecardQueries.RegionName(r), (string?)Link($"/Scorecards/Region/{r.Code}")))], ct);
        return Page();
    }
}
