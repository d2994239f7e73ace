using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>Campaigns with their dashboards and item statistics, read-only, for administrators and national analysts
/// (secretaries have the full campaign pages). Policy: attestation overview.</summary>
[Authorize(Policy = AttestationPolicies.Overview)]
public sealed class OverviewModel(CampaignService campaigns) : PageModel
{
    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Campaigns = await campaigns.ListAsync(ct);
}
