using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>A campaign's commission sittings and a form to schedule one (date and time in Kazakhstan time).
/// Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class SittingsModel(CampaignService campaigns, CommissionService commissions, IText text) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<Sitting> Sittings { get; private set; } = [];
    public IReadOnlyList<Commission> Commissions { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid commissionId, DateTime? at, string? place, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var result = at is { } local
            ? await commissions.CreateSittingAsync(Id, commissionId, KazakhstanTime.FromLocalKz(local), place, ct)
            : Outcome.Invalid("Attestation.DateInvalid");
        if (result.Ok) return Redirect($"/Attestation/Sitting/{result.Id}");
        return this.Redisplay(result, text, e => Error = e);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await campaigns.FindAsync(Id, ct);
        if (c is null) return false;
        Campaign = c;
        Sittings = await commissions.SittingsAsync(Id, ct);
        Commissions = await commissions.CommissionsAsync(ct);
        return true;
    }
}
