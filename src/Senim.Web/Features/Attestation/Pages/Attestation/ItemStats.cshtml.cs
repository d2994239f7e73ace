using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>Item statistics of a campaign's test (facility, discrimination, discriminative efficiency, Cronbach's α,
/// dubious questions flagged) so that the bank improves. Policy: attestation overview (secretary, administrator, national analyst).</summary>
[Authorize(Policy = AttestationPolicies.Overview)]
public sealed class ItemStatsModel(CampaignService campaigns, ItemStatsService stats) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public Campaign Campaign { get; private set; } = null!;
    public CampaignItemStats Stats { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var c = await campaigns.FindAsync(Id, ct);
        if (c is null) return NotFound();
        Campaign = c;
        Stats = await stats.ComputeAsync(Id, null, ct);
        return Page();
    }
}
