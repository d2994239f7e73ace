using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Organisation.Pages.Org;

/// <summary>Employees within the reader's scope: search by name or personnel number, filters, paging. Policy: OrganisationRead.</summary>
public sealed class EmployeesModel(OrganisationQueries org, SenimDb db) : PageModel
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "category")] public PositionCategory? Category { get; set; }
    [FromQuery(Name = "sex")] public Sex? Sex { get; set; }
    [FromQuery(Name = "unitId")] public Guid? UnitId { get; set; }
    [FromQuery(Name = "p")] public int PageNumber { get; set; } = 1;

    public Page<EmployeeRow> Result { get; private set; } = new([], 1, 25, 0);
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    public string? UnitName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = OrganisationScope.For(User);
        if (PageNumber < 1) PageNumber = 1;
        if (Q is { Length: > 100 }) Q = Q[..100];
        Regions = scope.Kind == ScopeKind.National ? await db.Regions.AsNoTracking().OrderBy(r => r.NameKk).ToListAsync(ct) : [];
        if (UnitId is { } uid && await org.UnitAsync(uid, ct) is { } unit && scope.Covers(unit)) UnitName = OrganisationQueries.Name(unit);
        else UnitId = null;
        Result = await org.EmployeesAsync(scope, new EmployeeFilter(Q, UnitId, Region, Category, Sex, PageNumber, 25), ct);
    }
}
