using Senim.Web.Features.Identity;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Surveys.Pages.Surveys;

/// <summary>National overview: the country and every region, sortable by index and by change. A regional analyst
/// goes to their region; a unit head sees the districts of their subtree. Policy: OrganisationRead.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class IndexModel(SurveyIndices indices, SurveyOverviewBuilder builder, DistrictDirectory directory, IText text, TimeProvider clock)
    : SurveyPageBase(indices, text, clock)
{
    public Overview? Data { get; private set; }
    public IReadOnlyList<AreaRow> Rows { get; private set; } = [];
    public bool DistrictsOnly { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = OrganisationScope.For(User);
        if (scope.Kind == ScopeKind.Region) return Redirect($"/Surveys/Region/{scope.RegionCode}" + Request.QueryString);
        await ResolvePeriodAsync(null, ct);
        Data = await builder.BuildAsync(Period, ct);
        if (scope.Kind == ScopeKind.National)
        {
            Rows = SurveyOverviewBuilder.Sort(Data.Regions, Sort, Descending);
        }
        else
        {
            DistrictsOnly = true;
            var mine = (await directory.CoveredAsync(scope, ct)).Select(d => d.Id).ToHashSet();
            Rows = SurveyOverviewBuilder.Sort(Data.Districts.Where(d => mine.Contains(d.DistrictId!.Value)), Sort, Descending);
        }
        return Page();
    }
}
