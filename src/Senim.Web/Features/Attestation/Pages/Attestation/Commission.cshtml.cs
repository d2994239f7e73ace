using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>A commission's members with their role and organisation; add a member (with the sign-in they vote with).
/// Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class CommissionModel(CommissionService commissions, IText text) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public Commission Commission { get; private set; } = null!;
    public IReadOnlyList<(CommissionMember Member, string? UserName)> Members { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (c, members) = await commissions.CommissionAsync(Id, ct);
        if (c is null) return NotFound();
        (Commission, Members) = (c, members);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? fullName, MemberRole role, MemberOrganisation organisation, string? userName, CancellationToken ct)
    {
        var result = await commissions.AddMemberAsync(Id, fullName, role, organisation, userName, ct);
        return this.Done(result, text, "Attestation.MemberAdded", m => Message = m, RedirectToPage(new { id = Id }));
    }
}
