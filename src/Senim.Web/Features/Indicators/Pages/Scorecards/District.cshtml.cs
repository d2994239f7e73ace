using Microsoft.Extensions.Options;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Indicators.Pages.Scorecards;

/// <summary>A district's scorecard and the scorecards of the units that serve it (within the viewer's scope): the
/// country's and the region's analysts, and unit heads whose subtree holds one of the district's units.</summary>
public sealed class DistrictModel(ScorecardQueries queries, ScorecardRecompute recompute, IOptions<IndicatorOptions> options, IText text)
    : ScorecardPageBase(queries, recompute, options, text)
{
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string RegionName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var district = await Queries.DistrictAsync(id, ct);
        if (district is null) return NotFound();
        if (!await Queries.CoversDistrictAsync(Scope, district, ct)) return Forbid();
        (Id, Name, RegionCode, RegionName) = (district.Id, district.Name, district.RegionCode, district.RegionName);
        await ResolvePeriodAsync(ct);
        View = await LoadViewAsync(IndicatorLevel.District, Subject.KeyOf(id), Name, ct);
        var units = await Queries.UnitsOfDistrictAsync(id, Scope, ct);
        Children = await LoadChildrenAsync(IndicatorLevel.Unit,
            [.. units.Select(u => (Subject.KeyOf(u.Id), OrganisationQueries.Name(u), (string?)Link($"/Scorecards/Unit/{u.Id}")))], ct);
        ChildrenCaption = Text["Scorecard.UnitsCaption"];
        return PageOrExport();
    }
}
