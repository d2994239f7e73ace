using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Attestation;

public sealed record MemberView(CommissionMember Member, string? UserName, bool Present, bool Conflicted, bool Voted);

public sealed record ScheduledCandidate(SittingCandidate Row, CandidateRow Candidate, int VotesCast, int VotesExpected, IReadOnlyList<Guid> ConflictedMembers);

/// <summary>A sitting with its commission, attendance, schedule and (once closed) the results.</summary>
public sealed record SittingView(Sitting Sitting, Campaign Campaign, Commission Commission, IReadOnlyList<MemberView> Members,
    IReadOnlyList<ScheduledCandidate> Candidates, int Present, int QuorumNeeded, bool HasQuorum, IReadOnlyList<Vote> RevealedVotes);

/// <summary>Stage 3: commissions and their members, sittings with their schedule and attendance, conflicts of interest,
/// secret votes and the decisions a closed sitting makes. Votes stay hidden (even from the audit trail) until the
/// sitting closes; closing needs quorum and a vote from every present member without a conflict.</summary>
public sealed class CommissionService(SenimDb db, AuditLog audit, TimeProvider clock, CampaignService campaigns, UserManager<SenimUser> users, ProtocolService protocols)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---- commissions ----

    public Task<List<Commission>> CommissionsAsync(CancellationToken ct = default) =>
        db.Set<Commission>().AsNoTracking().OrderBy(c => c.Level).ThenBy(c => c.Name).ToListAsync(ct);

    public async Task<Outcome> CreateCommissionAsync(string? name, CommissionLevel level, string? region, int numerator, int denominator, CancellationToken ct = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 300) return Outcome.Invalid("Attestation.CommissionNameRequired");
        if (!Enum.IsDefined(level)) return Outcome.Invalid("Validation.Choice");
        if (level == CommissionLevel.Regional && (string.IsNullOrEmpty(region) || !await db.Regions.AnyAsync(r => r.Code == region, ct)))
            return Outcome.Invalid("Attestation.RegionRequired");
        if (denominator is < 1 or > 100 || numerator < 1 || numerator > denominator) return Outcome.Invalid("Attestation.QuorumInvalid");
        var c = new Commission
        {
            Name = name, Level = level, RegionCode = level == CommissionLevel.Regional ? region : null,
            QuorumNumerator = numerator, QuorumDenominator = denominator, CreatedAt = Now,
        };
        db.Add(c);
        audit.Record("attestation.commission.create", AttestationAudit.Commission, c.Id, null, new { c.Name, Level = level.ToString(), c.RegionCode, Quorum = $"{numerator}/{denominator}" });
        await db.SaveChangesAsync(ct);
        return Outcome.Created(c.Id);
    }

    public async Task<(Commission? Commission, IReadOnlyList<(CommissionMember Member, string? UserName)> Members)> CommissionAsync(Guid id, CancellationToken ct = default)
    {
        var c = await db.Set<Commission>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return (null, []);
        var members = await (from m in db.Set<CommissionMember>().AsNoTracking().Where(m => m.CommissionId == id)
                             join u in db.Users on m.UserId equals u.Id into uu
                             from u in uu.DefaultIfEmpty()
                             orderby m.Role, m.FullName
                             select new { m, u.UserName }).ToListAsync(ct);
        return (c, [.. members.Select(x => (x.m, (string?)x.UserName))]);
    }

    /// <summary>Adds a member. A member who will vote needs a sign-in with the CommissionMember role (its user name).</summary>
    public async Task<Outcome> AddMemberAsync(Guid commissionId, string? fullName, MemberRole role, MemberOrganisation organisation, string? userName, CancellationToken ct = default)
    {
        fullName = fullName?.Trim();
        if (string.IsNullOrEmpty(fullName) || fullName.Length > 200) return Outcome.Invalid("Attestation.MemberNameRequired");
        if (!Enum.IsDefined(role) || !Enum.IsDefined(organisation)) return Outcome.Invalid("Validation.Choice");
        if (!await db.Set<Commission>().AnyAsync(c => c.Id == commissionId, ct)) return Outcome.NotFound("Attestation.NotFound");
        if (role == MemberRole.Chair && await db.Set<CommissionMember>().AnyAsync(m => m.CommissionId == commissionId && m.IsActive && m.Role == MemberRole.Chair, ct))
            return Outcome.Conflict("Attestation.ChairExists");
        Guid? userId = null;
        if (!string.IsNullOrWhiteSpace(userName))
        {
            var user = await users.FindByNameAsync(userName.Trim());
            if (user is null || !await users.IsInRoleAsync(user, Roles.CommissionMember)) return Outcome.Invalid("Attestation.MemberUserInvalid", userName.Trim());
            if (await db.Set<CommissionMember>().AnyAsync(m => m.CommissionId == commissionId && m.UserId == user.Id, ct)) return Outcome.Conflict("Attestation.MemberExists");
            userId = user.Id;
        }
        var member = new CommissionMember { CommissionId = commissionId, FullName = fullName, Role = role, Organisation = organisation, UserId = userId };
        db.Add(member);
        audit.Record("attestation.commission.member", AttestationAudit.Commission, commissionId, null,
            new { MemberId = member.Id, member.FullName, Role = role.ToString(), Organisation = organisation.ToString(), UserName = userName });
        await db.SaveChangesAsync(ct);
        return Outcome.Created(member.Id);
    }

    // ---- sittings ----

    public Task<List<Sitting>> SittingsAsync(Guid campaignId, CancellationToken ct = default) =>
        db.Set<Sitting>().AsNoTracking().Where(s => s.CampaignId == campaignId).OrderBy(s => s.ScheduledAt).ToListAsync(ct);

    public async Task<Outcome> CreateSittingAsync(Guid campaignId, Guid commissionId, DateTime scheduledAtUtc, string? place, CancellationToken ct = default)
    {
        place = place?.Trim();
        if (string.IsNullOrEmpty(place) || place.Length > 300) return Outcome.Invalid("Attestation.PlaceRequired");
        var campaign = await db.AttestationCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return Outcome.NotFound("Attestation.NotFound");
        if (campaign.Status != CampaignStatus.Active) return Outcome.Conflict("Attestation.NotActive");
        if (!await db.Set<Commission>().AnyAsync(c => c.Id == commissionId, ct)) return Outcome.Invalid("Validation.Choice");
        if (scheduledAtUtc.Year < 2000) return Outcome.Invalid("Attestation.DateInvalid");
        var s = new Sitting { CampaignId = campaignId, CommissionId = commissionId, ScheduledAt = DateTime.SpecifyKind(scheduledAtUtc, DateTimeKind.Utc), Place = place };
        db.Add(s);
        audit.Record("attestation.sitting.create", AttestationAudit.Sitting, s.Id, null, new { campaignId, commissionId, s.ScheduledAt, s.Place });
        await db.SaveChangesAsync(ct);
        return Outcome.Created(s.Id);
    }

    /// <summary>Candidates who may be put on a sitting's schedule: passed the test, no decision, on no other unclosed sitting.</summary>
    public async Task<IReadOnlyList<CandidateRow>> SchedulableAsync(Guid sittingId, CancellationToken ct = default)
    {
        var s = await db.Set<Sitting>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sittingId, ct);
        if (s is null) return [];
        var busy = db.Set<SittingCandidate>().Where(sc => db.Set<Sitting>().Any(o => o.Id == sc.SittingId && o.Status != SittingStatus.Closed)).Select(sc => sc.CandidateId);
        var list = await db.AttestationCandidates.AsNoTracking()
            .Where(c => c.CampaignId == s.CampaignId && c.Status == CandidateStatus.Active && c.Decision == null && !busy.Contains(c.Id)
                && db.Set<Attempt>().Any(a => a.CandidateId == c.Id && a.Passed == true))
            .OrderBy(c => c.RegionCode).ThenBy(c => c.Id).Take(500).ToListAsync(ct);
        var rows = await campaigns.DescribeAsync(list, ct);
        return [.. rows.Where(r => r.Route.Interview == StageState.Awaiting).OrderBy(r => r.RegionName, StringComparer.Ordinal).ThenBy(r => r.FullName, StringComparer.Ordinal)];
    }

    public async Task<Outcome> ScheduleAsync(Guid sittingId, Guid candidateId, DateTime? atUtc, CancellationToken ct = default)
    {
        var s = await db.Set<Sitting>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sittingId, ct);
        if (s is null) return Outcome.NotFound("Attestation.NotFound");
        if (s.Status != SittingStatus.Scheduled) return Outcome.Conflict("Attestation.SittingNotScheduled");
        if (!(await SchedulableAsync(sittingId, ct)).Any(r => r.Id == candidateId)) return Outcome.Conflict("Attestation.NotSchedulable");
        var order = await db.Set<SittingCandidate>().CountAsync(x => x.SittingId == sittingId, ct) + 1;
        db.Add(new SittingCandidate { SittingId = sittingId, CandidateId = candidateId, Order = order, ScheduledAt = atUtc is { } a ? DateTime.SpecifyKind(a, DateTimeKind.Utc) : null });
        audit.Record("attestation.sitting.schedule", AttestationAudit.Sitting, sittingId, null, new { candidateId, Order = order, ScheduledAt = atUtc });
        return await SaveAsync(ct);
    }

    public async Task<Outcome> UnscheduleAsync(Guid sittingId, Guid candidateId, CancellationToken ct = default)
    {
        var s = await db.Set<Sitting>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sittingId, ct);
        if (s is null) return Outcome.NotFound("Attestation.NotFound");
        if (s.Status != SittingStatus.Scheduled) return Outcome.Conflict("Attestation.SittingNotScheduled");
        var row = await db.Set<SittingCandidate>().FirstOrDefaultAsync(x => x.SittingId == sittingId && x.CandidateId == candidateId, ct);
        if (row is null) return Outcome.NotFound("Attestation.NotFound");
        db.Remove(row);
        audit.Record("attestation.sitting.unschedule", AttestationAudit.Sitting, sittingId, new { candidateId }, null);
        return await SaveAsync(ct);
    }

    /// <summary>Records who is present (the secretary, before or during the sitting).</summary>
    public async Task<Outcome> AttendanceAsync(Guid sittingId, IReadOnlyCollection<Guid> present, CancellationToken ct = default)
    {
        var s = await db.Set<Sitting>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sittingId, ct);
        if (s is null) return Outcome.NotFound("Attestation.NotFound");
        if (s.Status == SittingStatus.Closed) return Outcome.Conflict("Attestation.SittingClosed");
        var members = await db.Set<CommissionMember>().AsNoTracking().Where(m => m.CommissionId == s.CommissionId && m.IsActive).Select(m => m.Id).ToListAsync(ct);
        if (present.Any(p => !members.Contains(p))) return Outcome.Invalid("Validation.Choice");
        var rows = await db.Set<SittingAttendance>().Where(a => a.SittingId == sittingId).ToDictionaryAsync(a => a.MemberId, ct);
        var before = rows.Values.Where(r => r.Present).Select(r => r.MemberId).Order().ToList();
        foreach (var m in members)
        {
            if (!rows.TryGetValue(m, out var row)) db.Add(row = new SittingAttendance { SittingId = sittingId, MemberId = m });
            row.Present = present.Contains(m);
        }
        audit.Record("attestation.sitting.attendance", AttestationAudit.Sitting, sittingId, before, present.Order().ToList());
        return await SaveAsync(ct);
    }

    public async Task<Outcome> OpenAsync(Guid sittingId, CancellationToken ct = default)
    {
        var s = await db.Set<Sitting>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sittingId, ct);
        if (s is null) return Outcome.NotFound("Attestation.NotFound");
        if (!await db.Set<SittingCandidate>().AnyAsync(x => x.SittingId == sittingId, ct)) return Outcome.Conflict("Attestation.NoOneScheduled");
        var now = Now;
        var changed = await db.Set<Sitting>().Where(x => x.Id == sittingId && x.Status == SittingStatus.Scheduled)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, SittingStatus.Open).SetProperty(x => x.OpenedAt, now).SetProperty(x => x.Version, x => x.Version + 1), ct);
        if (changed == 0) return Outcome.Conflict("Attestation.SittingNotScheduled");
        audit.Record("attestation.sitting.open", AttestationAudit.Sitting, sittingId, new { Status = "Scheduled" }, new { Status = "Open", OpenedAt = now });
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    // ---- members' side ----

    /// <summary>The signed-in member's seat on the commission of this sitting (null: not a member).</summary>
    public async Task<CommissionMember?> SeatAsync(Guid sittingId, Guid userId, CancellationToken ct = default) =>
        await db.Set<CommissionMember>().AsNoTracking()
            .FirstOrDefaultAsync(m => m.UserId == userId && m.IsActive && db.Set<Sitting>().Any(s => s.Id == sittingId && s.CommissionId == m.CommissionId), ct);

    /// <summary>Sittings of every commission the user sits on, newest first.</summary>
    public async Task<IReadOnlyList<(Sitting Sitting, Commission Commission, Campaign Campaign)>> MySittingsAsync(Guid userId, CancellationToken ct = default)
    {
        var rows = await (from s in db.Set<Sitting>().AsNoTracking()
                          join c in db.Set<Commission>() on s.CommissionId equals c.Id
                          join k in db.AttestationCampaigns on s.CampaignId equals k.Id
                          where db.Set<CommissionMember>().Any(m => m.CommissionId == c.Id && m.UserId == userId && m.IsActive)
                          orderby s.ScheduledAt descending
                          select new { s, c, k }).ToListAsync(ct);
        return [.. rows.Select(r => (r.s, r.c, r.k))];
    }

    /// <summary>A member declares a conflict of interest about a candidate: from then on they do not vote on them.
    /// Refused after they have voted on that candidate.</summary>
    public async Task<Outcome> DeclareConflictAsync(Guid sittingId, Guid userId, Guid candidateId, string? reason, CancellationToken ct = default)
    {
        if (CampaignService.CheckReason(reason) is { } bad) return Outcome.Invalid(bad, CampaignService.MinReason, CampaignService.MaxReason);
        var seat = await SeatAsync(sittingId, userId, ct);
        if (seat is null) return Outcome.Forbidden("Attestation.NotAMember");
        if (!await db.Set<SittingCandidate>().AnyAsync(x => x.SittingId == sittingId && x.CandidateId == candidateId, ct)) return Outcome.NotFound("Attestation.NotFound");
        if (await db.Set<Vote>().AnyAsync(v => v.MemberId == seat.Id && v.CandidateId == candidateId && v.SittingId == sittingId, ct)) return Outcome.Conflict("Attestation.AlreadyVoted");
        if (await db.Set<ConflictDeclaration>().AnyAsync(c => c.MemberId == seat.Id && c.CandidateId == candidateId, ct)) return Outcome.Conflict("Attestation.ConflictExists");
        var declaration = new ConflictDeclaration { MemberId = seat.Id, CandidateId = candidateId, Reason = reason!.Trim(), DeclaredAt = Now };
        db.Add(declaration);
        audit.Record("attestation.conflict.declare", AttestationAudit.Conflict, candidateId, null, new { sittingId, MemberId = seat.Id, seat.FullName, declaration.Reason });
        return await SaveAsync(ct);
    }

    /// <summary>A secret vote. Refused: not a member (403); the sitting is not open; the member is not recorded present
    /// or declared a conflict about this candidate; the candidate is not on the schedule; conditions missing for a
    /// conditional "fits"; a second vote (the unique member + candidate + sitting index).</summary>
    public async Task<Outcome> VoteAsync(Guid sittingId, Guid userId, Guid candidateId, Decision choice, string? conditions, CancellationToken ct = default)
    {
        var seat = await SeatAsync(sittingId, userId, ct);
        if (seat is null) return Outcome.Forbidden("Attestation.NotAMember");
        var s = await db.Set<Sitting>().AsNoTracking().FirstAsync(x => x.Id == sittingId, ct);
        if (s.Status != SittingStatus.Open) return Outcome.Conflict("Attestation.SittingNotOpen");
        if (!Enum.IsDefined(choice)) return Outcome.Invalid("Validation.Choice");
        conditions = conditions?.Trim();
        if (choice == Decision.FitsWithConditions && (string.IsNullOrEmpty(conditions) || conditions.Length > 2000)) return Outcome.Invalid("Attestation.ConditionsRequired");
        if (choice != Decision.FitsWithConditions) conditions = null;
        if (!await db.Set<SittingCandidate>().AnyAsync(x => x.SittingId == sittingId && x.CandidateId == candidateId, ct)) return Outcome.NotFound("Attestation.NotFound");
        if (!await db.Set<SittingAttendance>().AnyAsync(a => a.SittingId == sittingId && a.MemberId == seat.Id && a.Present, ct)) return Outcome.Conflict("Attestation.NotPresent");
        if (await db.Set<ConflictDeclaration>().AnyAsync(c => c.MemberId == seat.Id && c.CandidateId == candidateId, ct)) return Outcome.Conflict("Attestation.InConflict");
        if (await db.Set<Vote>().AnyAsync(v => v.SittingId == sittingId && v.CandidateId == candidateId && v.MemberId == seat.Id, ct)) return Outcome.Conflict("Attestation.AlreadyVoted");
        var vote = new Vote { SittingId = sittingId, CandidateId = candidateId, MemberId = seat.Id, Choice = choice, Conditions = conditions, CastAt = Now };
        db.Add(vote);
        // Secret until the sitting closes: the trail records that a vote was cast, not what it was (revealed at closing).
        audit.Record("attestation.vote.cast", AttestationAudit.Vote, vote.Id, null, new { sittingId, candidateId, MemberId = seat.Id, vote.CastAt });
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Created(vote.Id);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict("Attestation.AlreadyVoted");
        }
    }

    // ---- the sitting as a whole ----

    public async Task<SittingView?> ViewAsync(Guid sittingId, CancellationToken ct = default)
    {
        var s = await db.Set<Sitting>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sittingId, ct);
        if (s is null) return null;
        var campaign = await db.AttestationCampaigns.AsNoTracking().FirstAsync(c => c.Id == s.CampaignId, ct);
        var commission = await db.Set<Commission>().AsNoTracking().FirstAsync(c => c.Id == s.CommissionId, ct);
        var (_, members) = await CommissionAsync(commission.Id, ct);
        var active = members.Where(m => m.Member.IsActive).ToList();
        var present = (await db.Set<SittingAttendance>().AsNoTracking().Where(a => a.SittingId == sittingId && a.Present).Select(a => a.MemberId).ToListAsync(ct)).ToHashSet();
        var schedule = await db.Set<SittingCandidate>().AsNoTracking().Where(x => x.SittingId == sittingId).OrderBy(x => x.Order).ToListAsync(ct);
        var candidateIds = schedule.Select(x => x.CandidateId).ToList();
        var candidates = await db.AttestationCandidates.AsNoTracking().Where(c => candidateIds.Contains(c.Id)).ToListAsync(ct);
        var rows = (await campaigns.DescribeAsync(candidates, ct)).ToDictionary(r => r.Id);
        var memberIds = active.Select(m => m.Member.Id).ToList();
        var conflicts = await db.Set<ConflictDeclaration>().AsNoTracking().Where(c => candidateIds.Contains(c.CandidateId) && memberIds.Contains(c.MemberId)).ToListAsync(ct);
        var votes = await db.Set<Vote>().AsNoTracking().Where(v => v.SittingId == sittingId).ToListAsync(ct);
        var views = schedule.Select(x =>
        {
            var conflicted = conflicts.Where(c => c.CandidateId == x.CandidateId).Select(c => c.MemberId).ToList();
            var expected = active.Count(m => present.Contains(m.Member.Id) && !conflicted.Contains(m.Member.Id));
            return new ScheduledCandidate(x, rows[x.CandidateId], votes.Count(v => v.CandidateId == x.CandidateId), expected, conflicted);
        }).ToList();
        var memberViews = active.Select(m => new MemberView(m.Member, m.UserName, present.Contains(m.Member.Id),
            conflicts.Any(c => c.MemberId == m.Member.Id), votes.Any(v => v.MemberId == m.Member.Id))).ToList();
        var needed = CommissionRules.QuorumNeeded(active.Count, commission.QuorumNumerator, commission.QuorumDenominator);
        var presentCount = active.Count(m => present.Contains(m.Member.Id));
        return new SittingView(s, campaign, commission, memberViews, views, presentCount, needed,
            CommissionRules.HasQuorum(active.Count, presentCount, commission.QuorumNumerator, commission.QuorumDenominator),
            s.Status == SittingStatus.Closed ? votes : []);
    }

    /// <summary>Closes the sitting: refused without quorum or while a present member without a conflict has not voted on
    /// a scheduled candidate. Counts the votes, records each decision on the candidate, reveals the votes in the audit
    /// trail, and issues the protocol (kk and ru) with its SHA-256. A second close finds the sitting closed and does nothing.</summary>
    public async Task<Outcome> CloseAsync(Guid sittingId, string by, CancellationToken ct = default)
    {
        var view = await ViewAsync(sittingId, ct);
        if (view is null) return Outcome.NotFound("Attestation.NotFound");
        if (view.Sitting.Status != SittingStatus.Open) return Outcome.Conflict("Attestation.SittingNotOpen");
        if (!view.HasQuorum) return Outcome.Conflict("Attestation.NoQuorum", view.Present, view.QuorumNeeded, view.Members.Count);
        var missing = view.Candidates.Where(c => c.VotesCast < c.VotesExpected).ToList();
        if (missing.Count > 0) return Outcome.Conflict("Attestation.VotesMissing", missing.Count);

        var votes = await db.Set<Vote>().AsNoTracking().Where(v => v.SittingId == sittingId).ToListAsync(ct);
        var presentIds = view.Members.Where(m => m.Present).Select(m => m.Member.Id).ToHashSet();
        var chairs = view.Members.Where(m => m.Member.Role == MemberRole.Chair).Select(m => m.Member.Id).ToHashSet();
        var now = Now;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Set<Sitting>().Where(x => x.Id == sittingId && x.Status == SittingStatus.Open && x.Version == view.Sitting.Version)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, SittingStatus.Closed).SetProperty(x => x.ClosedAt, now)
                    .SetProperty(x => x.ClosedBy, by).SetProperty(x => x.Version, x => x.Version + 1), ct);
            if (claimed == 0) { await tx.RollbackAsync(ct); return Outcome.Conflict("Attestation.Concurrent"); }
            foreach (var c in view.Candidates)
            {
                // Only present members without a conflict count (attendance may have changed after a vote).
                var counted = votes.Where(v => v.CandidateId == c.Row.CandidateId && presentIds.Contains(v.MemberId) && !c.ConflictedMembers.Contains(v.MemberId))
                    .Select(v => new CountedVote(v.MemberId, chairs.Contains(v.MemberId), v.Choice, v.Conditions)).ToList();
                var tally = CommissionRules.Decide(counted);
                await db.Set<SittingCandidate>().Where(x => x.SittingId == sittingId && x.CandidateId == c.Row.CandidateId)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.Decision, tally.Decision).SetProperty(x => x.Conditions, tally.Conditions)
                        .SetProperty(x => x.VotesFits, tally.Fits).SetProperty(x => x.VotesConditions, tally.FitsWithConditions)
                        .SetProperty(x => x.VotesNotFit, tally.DoesNotFit).SetProperty(x => x.ChairDecided, tally.ChairDecided), ct);
                if (tally.Decision is { } d)
                {
                    await db.AttestationCandidates.Where(x => x.Id == c.Row.CandidateId && x.Decision == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(x => x.Decision, d).SetProperty(x => x.DecisionConditions, tally.Conditions)
                            .SetProperty(x => x.DecidedAt, now).SetProperty(x => x.DecidedSittingId, sittingId).SetProperty(x => x.Version, x => x.Version + 1), ct);
                }
                audit.Record("attestation.decision", AttestationAudit.Decision, c.Row.CandidateId, null, new
                {
                    sittingId, Decision = tally.Decision?.ToString(), tally.Conditions, tally.Fits, tally.FitsWithConditions, tally.DoesNotFit, tally.ChairDecided,
                    Votes = votes.Where(v => v.CandidateId == c.Row.CandidateId).Select(v => new { v.MemberId, Choice = v.Choice.ToString(), v.Conditions, Counted = counted.Any(x => x.MemberId == v.MemberId) }),
                });
            }
            audit.Record("attestation.sitting.close", AttestationAudit.Sitting, sittingId, new { Status = "Open" },
                new { Status = "Closed", ClosedAt = now, Present = presentIds.Count, view.QuorumNeeded, Members = view.Members.Count });
            await db.SaveChangesAsync(ct);
            await protocols.IssueAsync(sittingId, ct);
            await tx.CommitAsync(ct);
            return Outcome.Done;
        });
    }

    private async Task<Outcome> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict("Attestation.Concurrent");
        }
    }
}
