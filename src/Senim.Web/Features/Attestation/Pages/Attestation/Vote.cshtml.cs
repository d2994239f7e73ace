using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>A member at a sitting: the candidates, their files, a declaration of conflict of interest, and a secret
/// vote per candidate. Until the sitting closes a member sees only their own vote and how many have voted.
/// Policy: commission member, and a seat on this sitting's commission.</summary>
[Authorize(Policy = AttestationPolicies.Commission)]
public sealed class VoteModel(CommissionService commissions, ProtocolService protocols, SenimDb db, IText text) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public SittingView View { get; private set; } = null!;
    public CommissionMember Seat { get; private set; } = null!;
    public Dictionary<Guid, Vote> MyVotes { get; private set; } = [];
    public HashSet<Guid> MyConflicts { get; private set; } = [];
    public bool Present { get; private set; }
    public IReadOnlyList<(string Language, string Sha256)> Protocols { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.UserId() is not { } user) return Forbid();
        var seat = await commissions.SeatAsync(Id, user, ct);
        if (seat is null) return Forbid();
        var view = await commissions.ViewAsync(Id, ct);
        if (view is null) return NotFound();
        (Seat, View) = (seat, view);
        MyVotes = await db.Set<Vote>().AsNoTracking().Where(v => v.SittingId == Id && v.MemberId == seat.Id).ToDictionaryAsync(v => v.CandidateId, ct);
        MyConflicts = (await db.Set<ConflictDeclaration>().AsNoTracking().Where(c => c.MemberId == seat.Id).Select(c => c.CandidateId).ToListAsync(ct)).ToHashSet();
        Present = view.Members.Any(m => m.Member.Id == seat.Id && m.Present);
        Protocols = await protocols.HashesAsync(Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVoteAsync(Guid candidateId, Decision? choice, string? conditions, CancellationToken ct)
    {
        if (User.UserId() is not { } user) return Forbid();
        var result = choice is { } c ? await commissions.VoteAsync(Id, user, candidateId, c, conditions, ct) : Outcome.Invalid("Attestation.ChooseDecision");
        return Done(result, "Attestation.VoteCast");
    }

    public async Task<IActionResult> OnPostConflictAsync(Guid candidateId, string? reason, CancellationToken ct)
    {
        if (User.UserId() is not { } user) return Forbid();
        return Done(await commissions.DeclareConflictAsync(Id, user, candidateId, reason, ct), "Attestation.ConflictDeclared");
    }

    private IActionResult Done(Outcome result, string okKey) => this.Done(result, text, okKey, m => Message = m, RedirectToPage(new { id = Id }));
}
