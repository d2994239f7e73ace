using Microsoft.Extensions.Options;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Indicators.Pages.Scorecards;

/// <summary>A unit's scorecard, its sub-units' and its staff's. Policy Staff, then the unit must be in the viewer's
/// organisation scope (a unit head: their subtree).</summary>
public sealed class UnitModel(ScorecardQueries queries, ScorecardRecompute recompute, IOptions<IndicatorOptions> options, IText text,
    OrganisationQueries org, IAuthorizationService auth)
    : ScorecardPageBase(queries, recompute, options, text)
{
    public Unit Unit { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public IReadOnlyList<(string Name, string Link)> Breadcrumb { get; private set; } = [];
    public IReadOnlyList<ChildRow> Staff { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var unit = await org.UnitAsync(id, ct);
        if (unit is null) return NotFound();
        if (!(await auth.AuthorizeAsync(User, unit, OrganisationAccess.Read)).Succeeded) return Forbid();
        Unit = unit;
        Name = OrganisationQueries.Name(unit);
        await ResolvePeriodAsync(ct);
        var scope = Scope;
        var crumbs = new List<(string, string)>();
        if (scope.Kind == ScopeKind.National) crumbs.Add((Text["Scorecard.NationalTitle"], Link("/Scorecards")));
        if (unit.RegionCode is { } rc && ScorecardQueries.CoversRegion(scope, rc) && (await Queries.RegionsAsync(ct)).FirstOrDefault(r => r.Code == rc) is { } region)
            crumbs.Add((ScorecardQueries.RegionName(region), Link($"/Scorecards/Region/{rc}")));
        if (unit.DistrictId is { } did && await Queries.DistrictAsync(did, ct) is { } district && await Queries.CoversDistrictAsync(scope, district, ct))
            crumbs.Add((district.Name, Link($"/Scorecards/District/{did}")));
        foreach (var a in (await org.AncestorsAsync(unit, ct)).Where(a => a.Id != unit.Id && a.Kind is not (UnitKind.Ministry or UnitKind.RegionalDepartment) && scope.Covers(a)))
            crumbs.Add((OrganisationQueries.Name(a), Link($"/Scorecards/Unit/{a.Id}")));
        Breadcrumb = crumbs;

        View = await LoadViewAsync(IndicatorLevel.Unit, Subject.KeyOf(id), Name, ct);
        var children = await Queries.ChildUnitsAsync(id, scope, ct);
        Children = await LoadChildrenAsync(IndicatorLevel.Unit,
            [.. children.Select(u => (Subject.KeyOf(u.Id), OrganisationQueries.Name(u), (string?)Link($"/Scorecards/Unit/{u.Id}")))], ct);
        ChildrenCaption = Text["Scorecard.SubUnitsCaption"];
        var staff = await Queries.EmployeesOfUnitAsync(id, ct);
        Staff = await LoadChildrenAsync(IndicatorLevel.Employee,
            [.. staff.Select(e => (Subject.KeyOf(e.Id), e.Name, (string?)Link($"/Scorecards/Employee/{e.Id}")))], ct);
        return PageOrExport();
    }

    protected override IReadOnlyList<ChildRow> ExportChildren => [.. Children, .. Staff];
}
