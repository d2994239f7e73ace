using Microsoft.Extensions.Options;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Scorecards;

/// <summary>A region's scorecard and its districts'. The whole country's analysts, or the region's own.</summary>
public sealed class RegionModel(ScorecardQueries queries, ScorecardRecompute recompute, IOptions<IndicatorOptions> options, IText text)
    : ScorecardPageBase(queries, recompute, options, text)
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var region = (await Queries.RegionsAsync(ct)).FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase));
        if (region is null) return NotFound();
        if (!ScorecardQueries.CoversRegion(Scope, region.Code)) return Forbid();
        Code = region.Code;
        Name = ScorecardQueries.RegionName(region);
        await ResolvePeriodAsync(ct);
        View = await LoadViewAsync(IndicatorLevel.Region, region.Code, Name, ct);
        var districts = await Queries.DistrictsOfRegionAsync(region.Code, Scope, ct);
        Children = await LoadChildrenAsync(IndicatorLevel.District,
            [.. districts.Select(d => (Subject.KeyOf(d.Id), d.Name, (string?)Link($"/Scorecards/District/{d.Id}")))], ct);
        ChildrenCaption = Text["Scorecard.DistrictsCaption"];
        return PageOrExport();
    }
}
