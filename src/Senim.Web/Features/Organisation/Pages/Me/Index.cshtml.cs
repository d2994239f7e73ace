using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Organisation.Pages.Me;

/// <summary>An employee's own record. Policy: Staff; shows only the record bound to the signed-in person.</summary>
public sealed class IndexModel(OrganisationQueries org, Features.Scoring.ScoringService scoring, TimeProvider clock) : PageModel
{
    public EmployeeResource? Record { get; private set; }
    public Features.Scoring.ScoreExplanation? Score { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (OrganisationScope.For(User) is { Kind: ScopeKind.Self, EmployeeId: { } id }) Record = await org.EmployeeAsync(id, ct);
        else if (User.EmployeeId() is { } g) Record = await org.EmployeeAsync(g, ct);
        if (Record is not null) Score = await scoring.EmployeeAsync(Record.Employee.Id, Features.Scoring.ScorePeriod.Parse(null, clock.GetUtcNow().UtcDateTime)!, ct);
    }
}
