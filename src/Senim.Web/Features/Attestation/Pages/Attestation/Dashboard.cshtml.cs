using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>A campaign's progress by stage and region, pass rates by stage, outcomes and appeals.
/// Policy: attestation overview (secretary, administrator, national analyst).</summary>
[Authorize(Policy = AttestationPolicies.Overview)]
public sealed class DashboardModel(DashboardService dashboards) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public CampaignDashboard Dashboard { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var d = await dashboards.ComputeAsync(Id, ct);
        if (d is null) return NotFound();
        Dashboard = d;
        return Page();
    }
}
