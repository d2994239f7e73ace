using Senim.Web.Features.Identity;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Surveys.Pages.Surveys;

/// <summary>A region's districts, sortable by index and by change. National scope, or the region's own analyst. Policy: OrganisationRead.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class RegionModel(SurveyIndices indices, SurveyOverviewBuilder builder, IText text, TimeProvider clock) : SurveyPageBase(indices, text, clock)
{
    public AreaRow? Region { get; private set; }
    public IReadOnlyList<AreaRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var scope = OrganisationScope.For(User);
        if (!(scope.Kind == ScopeKind.National || (scope.Kind == ScopeKind.Region && scope.RegionCode == code))) return Forbid();
        await ResolvePeriodAsync(null, ct);
        var data = await builder.BuildAsync(Period, ct);
        Region = data.Regions.FirstOrDefault(r => r.Code == code);
        if (Region is null) return NotFound();
        Rows = SurveyOverviewBuilder.Sort(data.Districts.Where(d => d.RegionCode == code), Sort, Descending);
        return Page();
    }
}
