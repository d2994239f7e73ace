using System.Security.Claims;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Feedback;

public enum ModerationTarget { Rating, Comment }

public enum ModerationResult { Done, NotFound, OutOfScope, NotPending, OwnHead, Invalid }

public sealed record HeldItem(Guid RatingId, DateTime SubmittedAt, string UnitName, string KindName, int Courtesy, int Competence,
    int Timeliness, int Resolved, int Trust, string? Comment, RatingStatus Status, CommentStatus CommentStatus, string? HoldReason);

public sealed record ContestItem(Guid ContestId, Guid RatingId, Guid EmployeeId, string EmployeeName, string UnitName, string Reason,
    DateTime CreatedAt, int Courtesy, int Competence, int Timeliness, int Resolved, int Trust, string? Comment);

/// <summary>Moderators release or reject held ratings and comments, and decide employees' contests. Every decision
/// is audited. A moderator who is also the contested employee's own unit head may not decide that contest.</summary>
public sealed class ModerationService(SenimDb db, AuditLog audit, TimeProvider clock)
{
    public static OrganisationScope ScopeOf(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Administrator)) return new OrganisationScope(ScopeKind.National, CanEdit: true);
        if (user.IsInRole(Roles.Moderator) && user.UnitPath() is { } path)
            return new OrganisationScope(ScopeKind.Subtree, UnitPath: path, CanEdit: true);
        return OrganisationScope.Nothing;
    }

    public async Task<IReadOnlyList<HeldItem>> HeldAsync(OrganisationScope scope, int take, CancellationToken ct = default)
    {
        var units = scope.Filter(db.Units.AsNoTracking());
        var rows = await (
            from r in db.Ratings.AsNoTracking()
            where r.Status == RatingStatus.Held || r.CommentStatus == CommentStatus.Held
            join u in units on r.UnitId equals u.Id
            join k in db.InteractionKinds on r.KindId equals k.Id
            orderby r.SubmittedAt
            select new { r, u.NameKk, u.NameRu, u.NameEn, K = new { k.NameKk, k.NameRu, k.NameEn } }).Take(take).ToListAsync(ct);
        return [.. rows.Select(x => new HeldItem(x.r.Id, x.r.SubmittedAt, Common.SenimCultures.Pick(x.NameKk, x.NameRu, x.NameEn),
            Common.SenimCultures.Pick(x.K.NameKk, x.K.NameRu, x.K.NameEn), x.r.Courtesy, x.r.Competence, x.r.Timeliness, x.r.Resolved,
            x.r.Trust, x.r.Comment, x.r.Status, x.r.CommentStatus, x.r.HoldReason))];
    }

    public async Task<IReadOnlyList<ContestItem>> PendingContestsAsync(OrganisationScope scope, int take, CancellationToken ct = default)
    {
        var units = scope.Filter(db.Units.AsNoTracking());
        var rows = await (
            from c in db.RatingContests.AsNoTracking()
            where c.Decision == ContestDecision.Pending
            join e in db.Employees on c.EmployeeId equals e.Id
            join u in units on e.UnitId equals u.Id
            join r in db.Ratings on c.RatingId equals r.Id
            orderby c.CreatedAt
            select new { c, e.LastName, e.FirstName, u.NameKk, u.NameRu, u.NameEn, r }).Take(take).ToListAsync(ct);
        return [.. rows.Select(x => new ContestItem(x.c.Id, x.c.RatingId, x.c.EmployeeId, $"{x.LastName} {x.FirstName}",
            Common.SenimCultures.Pick(x.NameKk, x.NameRu, x.NameEn), x.c.Reason, x.c.CreatedAt,
            x.r.Courtesy, x.r.Competence, x.r.Timeliness, x.r.Resolved, x.r.Trust, x.r.CommentStatus == CommentStatus.Published ? x.r.Comment : null))];
    }

    private async Task<bool> InScopeAsync(OrganisationScope scope, Guid unitId, CancellationToken ct) =>
        await scope.Filter(db.Units.AsNoTracking()).AnyAsync(u => u.Id == unitId, ct);

    /// <summary>Release (counted / published) or reject (removed / rejected) a held rating or comment.</summary>
    public async Task<ModerationResult> DecideHeldAsync(OrganisationScope scope, Guid ratingId, ModerationTarget target, bool release, string? note, CancellationToken ct = default)
    {
        var rating = await db.Ratings.FirstOrDefaultAsync(r => r.Id == ratingId, ct);
        if (rating is null) return ModerationResult.NotFound;
        if (!await InScopeAsync(scope, rating.UnitId, ct)) return ModerationResult.OutOfScope;
        var before = new { rating.Status, rating.CommentStatus };
        if (target == ModerationTarget.Rating)
        {
            if (rating.Status != RatingStatus.Held) return ModerationResult.NotPending;
            rating.Status = release ? RatingStatus.Counted : RatingStatus.Removed;
        }
        else
        {
            if (rating.CommentStatus != CommentStatus.Held) return ModerationResult.NotPending;
            rating.CommentStatus = release ? CommentStatus.Published : CommentStatus.Rejected;
        }
        rating.Version++;
        audit.Record(release ? "rating.release" : "rating.reject", "rating", rating.Id, before, new { rating.Status, rating.CommentStatus, target, note });
        return await SaveAsync(ct);
    }

    public async Task<ModerationResult> ContestAsync(Guid employeeId, Guid ratingId, string? reason, CancellationToken ct = default)
    {
        reason = reason?.Trim();
        if (reason is null || reason.Length is < 10 or > 1000) return ModerationResult.Invalid;
        var rating = await db.Ratings.FirstOrDefaultAsync(r => r.Id == ratingId, ct);
        if (rating is null || !await db.InteractionEmployees.AnyAsync(ie => ie.InteractionId == rating.InteractionId && ie.EmployeeId == employeeId, ct))
            return ModerationResult.NotFound;
        if (rating.Status is RatingStatus.Removed || await db.RatingContests.AnyAsync(c => c.RatingId == ratingId && c.EmployeeId == employeeId, ct))
            return ModerationResult.NotPending;
        db.RatingContests.Add(new RatingContest { RatingId = ratingId, EmployeeId = employeeId, Reason = reason, CreatedAt = clock.GetUtcNow().UtcDateTime });
        var before = rating.Status;
        // Contested ratings leave the scores until a moderator decides.
        if (rating.Status == RatingStatus.Counted) rating.Status = RatingStatus.Contested;
        rating.Version++;
        audit.Record("rating.contest", "rating", rating.Id, new { Status = before }, new { rating.Status, employeeId });
        return await SaveAsync(ct);
    }

    /// <summary>Uphold (the rating is removed) or reject (the rating counts again) a contest.</summary>
    public async Task<ModerationResult> DecideContestAsync(ClaimsPrincipal moderator, Guid contestId, bool uphold, string? note, CancellationToken ct = default)
    {
        var scope = ScopeOf(moderator);
        var contest = await db.RatingContests.FirstOrDefaultAsync(c => c.Id == contestId, ct);
        if (contest is null) return ModerationResult.NotFound;
        if (contest.Decision != ContestDecision.Pending) return ModerationResult.NotPending;
        var employeeUnit = await db.Employees.Where(e => e.Id == contest.EmployeeId).Join(db.Units, e => e.UnitId, u => u.Id, (e, u) => u).AsNoTracking().FirstAsync(ct);
        if (!scope.Covers(employeeUnit)) return ModerationResult.OutOfScope;
        // Never the contested employee's own head alone: a unit head over this employee cannot decide, whatever else they are.
        if (moderator.IsInRole(Roles.UnitHead) && moderator.UnitPath() is { } headPath
            && employeeUnit.Path.StartsWith(headPath, StringComparison.Ordinal))
            return ModerationResult.OwnHead;
        if (note is { Length: > 1000 }) return ModerationResult.Invalid;
        var rating = await db.Ratings.FirstAsync(r => r.Id == contest.RatingId, ct);
        var before = new { contest.Decision, rating.Status };
        contest.Decision = uphold ? ContestDecision.Upheld : ContestDecision.Rejected;
        contest.DecidedBy = moderator.Identity?.Name;
        contest.DecidedAt = clock.GetUtcNow().UtcDateTime;
        contest.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var otherPending = await db.RatingContests.AnyAsync(c => c.RatingId == rating.Id && c.Id != contest.Id && c.Decision == ContestDecision.Pending, ct);
        if (uphold) rating.Status = RatingStatus.Removed;
        else if (rating.Status == RatingStatus.Contested && !otherPending) rating.Status = RatingStatus.Counted;
        rating.Version++;
        audit.Record(uphold ? "contest.uphold" : "contest.reject", "rating_contest", contest.Id, before,
            new { contest.Decision, rating.Status, note = contest.DecisionNote });
        return await SaveAsync(ct);
    }

    private async Task<ModerationResult> SaveAsync(CancellationToken ct)
    {
        try
        {
            // A rating that starts or stops counting moves its scores' sufficient statistics, in the same transaction.
            var changes = db.ChangeTracker.Entries<Rating>()
                .Select(e => (Rating: e.Entity, Was: e.State == EntityState.Added ? (RatingStatus?)null : e.OriginalValues.GetValue<RatingStatus>(nameof(Rating.Status))))
                .Where(x => (x.Was == RatingStatus.Counted) != (x.Rating.Status == RatingStatus.Counted))
                .Select(x => (x.Rating, x.Rating.Status == RatingStatus.Counted ? +1 : -1)).ToList();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await Scoring.ScoreBuckets.ApplyStatusChangesAsync(db, changes, ct);
            await tx.CommitAsync(ct);
            return ModerationResult.Done;
        }
        catch (DbUpdateException)
        {
            // Someone decided the same item a moment earlier (concurrency token) or the contest already exists.
            db.ChangeTracker.Clear();
            return ModerationResult.NotPending;
        }
    }

    public static string ResultKey(ModerationResult r) => r switch
    {
        ModerationResult.Done => "Moderation.Done",
        ModerationResult.NotFound => "Moderation.NotFound",
        ModerationResult.OutOfScope => "Moderation.OutOfScope",
        ModerationResult.NotPending => "Moderation.NotPending",
        ModerationResult.OwnHead => "Moderation.OwnHead",
        _ => "Moderation.Invalid",
    };

    public static string Stars(int value) => value.ToString(CultureInfo.InvariantCulture);
}
