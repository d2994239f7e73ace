using Senim.Web.Features.Attestation;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>The candidate's file for the commission: position, unit, stage results with the rules applied, and the
/// scorecard summary (fair score from residents' ratings). Only members of the commission of a sitting where the
/// candidate is scheduled. Policy: commission member.</summary>
[Authorize(Policy = AttestationPolicies.Commission)]
public sealed class FileModel(CommissionService commissions, CandidateFiles files, ScoringService scoring, SenimDb db, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid SittingId { get; set; }
    [FromRoute] public Guid CandidateId { get; set; }
    public CandidateFile Details { get; private set; } = null!;
    public ScoreExplanation? Score { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.UserId() is not { } user || await commissions.SeatAsync(SittingId, user, ct) is null) return Forbid();
        if (!await db.Set<SittingCandidate>().AnyAsync(x => x.SittingId == SittingId && x.CandidateId == CandidateId, ct)) return NotFound();
        var file = await files.LoadAsync(CandidateId, ct);
        if (file is null) return NotFound();
        Details = file;
        Score = await scoring.EmployeeAsync(file.Employee.Id, ScorePeriod.Parse(null, clock.GetUtcNow().UtcDateTime)!, ct);
        return Page();
    }
}
