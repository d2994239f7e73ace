using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;
using UnitEntity = Senim.Web.Features.Organisation.Unit;

namespace Senim.Web.Features.Organisation.Pages.Org;

/// <summary>A unit: breadcrumbs, sub-units, staffing table. Policy: OrganisationRead, then resource check on the unit.</summary>
public sealed class UnitModel(OrganisationQueries org, SenimDb db, IAuthorizationService auth) : PageModel
{
    public UnitEntity Unit { get; private set; } = null!;
    public string Name => OrganisationQueries.Name(Unit);
    public IReadOnlyList<UnitEntity> Ancestors { get; private set; } = [];
    public IReadOnlyList<UnitEntity> Children { get; private set; } = [];
    public IReadOnlyList<OrganisationQueries.PositionRow> Positions { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var unit = await org.UnitAsync(id, ct);
        if (unit is null) return NotFound();
        if (!(await auth.AuthorizeAsync(User, unit, OrganisationAccess.Read)).Succeeded) return Forbid();
        Unit = unit;
        var scope = OrganisationScope.For(User);
        Ancestors = [.. (await org.AncestorsAsync(unit, ct)).Where(a => a.Id != unit.Id && scope.Covers(a))];
        Children = await db.Units.AsNoTracking().Where(u => u.ParentId == id).OrderBy(u => u.Code).ToListAsync(ct);
        Positions = await org.PositionsAsync(id, ct);
        CanEdit = (await auth.AuthorizeAsync(User, unit, OrganisationAccess.Write)).Succeeded;
        return Page();
    }
}
