using Senim.Web.Features.Audit;

namespace Senim.Web.Features.Attestation;

/// <summary>Appeals against the commission's decision: a candidate files one within the campaign's appeal period
/// (counted in Kazakhstan days from the decision); the secretary records its outcome. Both are audited.</summary>
public sealed class AppealService(SenimDb db, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome> FileAsync(Guid candidateId, Guid employeeId, string? text, CancellationToken ct = default)
    {
        text = text?.Trim();
        if (text is not { Length: >= 10 and <= 4000 }) return Outcome.Invalid("Attestation.AppealLength", 10, 4000);
        var c = await db.AttestationCandidates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == candidateId && x.EmployeeId == employeeId, ct);
        if (c is null) return Outcome.NotFound("Attestation.NotFound");
        if (c.DecidedAt is not { } decidedAt) return Outcome.Conflict("Attestation.NothingToAppeal");
        var campaign = await db.AttestationCampaigns.AsNoTracking().FirstAsync(x => x.Id == c.CampaignId, ct);
        var until = DateOnly.FromDateTime(decidedAt.ToLocalKz()).AddDays(campaign.AppealDays);
        if (clock.TodayKz() > until) return Outcome.Gone("Attestation.AppealTooLate");
        if (await db.Set<Appeal>().AnyAsync(a => a.CandidateId == candidateId && a.Outcome == AppealOutcome.Pending, ct)) return Outcome.Conflict("Attestation.AppealPending");
        var appeal = new Appeal { CandidateId = candidateId, FiledAt = clock.GetUtcNow().UtcDateTime, Text = text };
        db.Add(appeal);
        audit.Record("attestation.appeal.file", AttestationAudit.Appeal, candidateId, null, new { AppealId = appeal.Id, appeal.Text, Decision = c.Decision?.ToString() });
        await db.SaveChangesAsync(ct);
        return Outcome.Created(appeal.Id);
    }

    public async Task<Outcome> DecideAsync(Guid appealId, AppealOutcome outcome, string? note, string by, CancellationToken ct = default)
    {
        if (outcome is not (AppealOutcome.Upheld or AppealOutcome.Rejected)) return Outcome.Invalid("Validation.Choice");
        note = note?.Trim();
        if (note is not { Length: >= 5 and <= 2000 }) return Outcome.Invalid("Attestation.ReasonLength", 5, 2000);
        var now = clock.GetUtcNow().UtcDateTime;
        var appeal = await db.Set<Appeal>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == appealId, ct);
        if (appeal is null) return Outcome.NotFound("Attestation.NotFound");
        // Conditional: of two secretaries deciding at once, one records the outcome.
        var changed = await db.Set<Appeal>().Where(a => a.Id == appealId && a.Outcome == AppealOutcome.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Outcome, outcome).SetProperty(a => a.OutcomeNote, note).SetProperty(a => a.DecidedBy, by).SetProperty(a => a.DecidedAt, now), ct);
        if (changed == 0) return Outcome.Conflict("Attestation.AppealDecidedAlready");
        audit.Record("attestation.appeal.decide", AttestationAudit.Appeal, appeal.CandidateId, new { Outcome = "Pending" }, new { AppealId = appealId, Outcome = outcome.ToString(), Note = note });
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }
}
