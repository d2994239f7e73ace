using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Scoring.Pages.Scores;

/// <summary>A unit head's team as a caterpillar plot: estimates with intervals, ranked — never a bare league table.
/// Policy: OrganisationEdit (unit heads on their subtree; administrators choose a unit), then resource check on the unit.</summary>
[Authorize(Policy = Policies.OrganisationEdit)]
public sealed class TeamModel(SenimDb db, ScoringService scoring, IAuthorizationService auth, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(Guid EmployeeId, string Name, ScoreExplanation Score)> Rows { get; private set; } = [];
    public string UnitName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid? unitId, CancellationToken ct)
    {
        var scope = OrganisationScope.For(User);
        Unit? unit = unitId is { } id
            ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct)
            : scope.Kind == ScopeKind.Subtree
                ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Path == scope.UnitPath, ct)
                : await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.DistrictDirectorate).OrderBy(u => u.Code).FirstOrDefaultAsync(ct);
        if (unit is null) return NotFound();
        if (!(await auth.AuthorizeAsync(User, unit, OrganisationAccess.Read)).Succeeded) return Forbid();
        UnitName = OrganisationQueries.Name(unit);
        Rows = await scoring.TeamAsync(unit.Path, ScorePeriod.Parse(null, clock.GetUtcNow().UtcDateTime)!, ct);
        return Page();
    }
}
