using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Organisation.Pages.Org;

/// <summary>One employee's record. Policy: OrganisationRead, then resource check (a unit head sees only their subtree).</summary>
public sealed class EmployeeModel(OrganisationQueries org, SenimDb db, IAuthorizationService auth, Features.Scoring.ScoringService scoring, TimeProvider clock) : PageModel
{
    public EmployeeResource Record { get; private set; } = null!;
    public Position? Position { get; private set; }
    public bool CanEdit { get; private set; }
    public bool CanSeeUnit { get; private set; }
    public Features.Scoring.ScoreExplanation? Score { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await org.EmployeeAsync(id, ct);
        if (r is null) return NotFound();
        if (!(await auth.AuthorizeAsync(User, r, OrganisationAccess.Read)).Succeeded) return Forbid();
        Record = r;
        Position = r.Employee.PositionId is { } pid ? await db.Positions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        CanEdit = (await auth.AuthorizeAsync(User, r, OrganisationAccess.Write)).Succeeded;
        CanSeeUnit = (await auth.AuthorizeAsync(User, r.Unit, OrganisationAccess.Read)).Succeeded;
        Score = await scoring.EmployeeAsync(id, Features.Scoring.ScorePeriod.Parse(null, clock.GetUtcNow().UtcDateTime)!, ct);
        return Page();
    }
}
