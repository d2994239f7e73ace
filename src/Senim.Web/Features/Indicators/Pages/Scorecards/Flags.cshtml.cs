using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Scorecards;

/// <summary>Early-warning flags in the viewer's scope: a unit head's to act on, and — one level up and beyond —
/// the open and overdue flags analysts and higher heads follow. Policy Staff; employees see theirs on /Scorecards/Me.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class FlagsModel(FlagService flags, SenimDb db) : PageModel
{
    [FromQuery(Name = "status")] public FlagFilter Status { get; set; } = FlagFilter.Open;
    [FromQuery(Name = "unitId")] public Guid? UnitId { get; set; }
    public IReadOnlyList<FlagRow> Rows { get; private set; } = [];
    public int Open { get; private set; }
    public int Overdue { get; private set; }
    public bool Acts { get; private set; }
    public string? UnitName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = OrganisationScope.For(User);
        if (!scope.SeesOrganisation) return Forbid();
        if (!Enum.IsDefined(Status)) Status = FlagFilter.Open;
        if (UnitId is { } id)
        {
            var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
            if (unit is null) return NotFound();
            if (!scope.Covers(unit)) return Forbid();
            UnitName = Features.Organisation.OrganisationQueries.Name(unit);
            scope = scope with { Kind = ScopeKind.Subtree, UnitPath = unit.Path };
        }
        (Open, Overdue) = await flags.CountsAsync(scope, ct);
        Rows = await flags.InScopeAsync(scope, Status, 500, ct);
        Acts = User.IsInRole(Roles.UnitHead) || User.IsInRole(Roles.Administrator);
        return Page();
    }
}
