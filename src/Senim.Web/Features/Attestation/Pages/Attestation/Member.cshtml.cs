using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>A commission member's sittings (of the commissions they sit on). Policy: commission member.</summary>
[Authorize(Policy = AttestationPolicies.Commission)]
public sealed class MemberModel(CommissionService commissions) : PageModel
{
    public IReadOnlyList<(Sitting Sitting, Commission Commission, Campaign Campaign)> Sittings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.UserId() is { } id) Sittings = await commissions.MySittingsAsync(id, ct);
    }
}
