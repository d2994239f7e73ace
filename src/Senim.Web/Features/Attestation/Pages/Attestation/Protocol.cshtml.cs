using Senim.Web.Features.Attestation;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>The stored protocol PDF of a closed sitting, exactly as issued (its SHA-256 is in the response header).
/// Attestation secretaries and the members of that sitting's commission.</summary>
[Authorize]
public sealed class ProtocolModel(ProtocolService protocols, CommissionService commissions) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid sittingId, string language, CancellationToken ct)
    {
        var allowed = User.IsInRole(Roles.AttestationSecretary)
            || (User.UserId() is { } user && await commissions.SeatAsync(sittingId, user, ct) is not null);
        if (!allowed) return Forbid();
        var protocol = await protocols.FindAsync(sittingId, language, ct);
        if (protocol is null) return NotFound();
        Response.Headers["X-Content-SHA256"] = protocol.Sha256;
        return File(protocol.Pdf, "application/pdf", $"senim-protocol-{sittingId.ToString("N")[..8]}-{language}.pdf");
    }
}
