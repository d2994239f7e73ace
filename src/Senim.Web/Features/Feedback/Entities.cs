namespace Senim.Web.Features.Feedback;

/// <summary>A kind of individual service (front-office visit, 102 call response...). Administrators can add kinds.</summary>
public sealed class InteractionKind
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
}

public enum InteractionChannel { InPerson = 0, Phone = 1, Online = 2, Field = 3 }

public enum InteractionSource { Staff = 0, Api = 1 }

/// <summary>One act of individual service. Its invitation (code, expiry, use) lives on the same row, so that
/// "use the code once" is one conditional UPDATE on either database.</summary>
public sealed class Interaction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid KindId { get; set; }
    public Guid UnitId { get; set; }
    public DateTime OccurredAt { get; set; }
    public InteractionChannel Channel { get; set; }
    /// <summary>HMAC-SHA256 of the normalised phone number under a server key: de-duplication without storing the number.</summary>
    public string? PhoneHash { get; set; }
    public InteractionSource Source { get; set; }
    public string? ExternalRef { get; set; }
    public required string RegisteredBy { get; set; }
    public DateTime RegisteredAt { get; set; }
    public required string Code { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}

public sealed class InteractionEmployee
{
    public Guid InteractionId { get; set; }
    public Guid EmployeeId { get; set; }
}

public enum RatingStatus
{
    /// <summary>Counts in scores.</summary>
    Counted = 0,
    /// <summary>Held by anti-manipulation rules or profanity until a moderator decides; not counted.</summary>
    Held = 1,
    /// <summary>Contested by an employee; not counted until decided.</summary>
    Contested = 2,
    /// <summary>Removed by a moderator (rejected hold or upheld contest); never counted.</summary>
    Removed = 3,
}

public enum CommentStatus { None = 0, Published = 1, Held = 2, Rejected = 3 }

/// <summary>A resident's rating of one interaction. Anonymous: no name, no phone, only keyed hashes used for
/// anti-manipulation rules.</summary>
public sealed class Rating
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InteractionId { get; set; }
    public Guid UnitId { get; set; }
    public Guid KindId { get; set; }
    public DateTime SubmittedAt { get; set; }
    public int Courtesy { get; set; }
    public int Competence { get; set; }
    public int Timeliness { get; set; }
    public int Resolved { get; set; }
    public int Trust { get; set; }
    public string? Comment { get; set; }
    public CommentStatus CommentStatus { get; set; }
    public RatingStatus Status { get; set; }
    /// <summary>Stable reason codes, comma-separated (e.g. "burst-low,profanity:ru").</summary>
    public string? HoldReason { get; set; }
    public string? NetworkHash { get; set; }
    public string? PhoneHash { get; set; }
    public required string Culture { get; set; }
    public int Version { get; set; }
}

public enum ContestDecision { Pending = 0, Upheld = 1, Rejected = 2 }

/// <summary>An employee's objection to a rating. "Upheld" means the objection is upheld and the rating removed.</summary>
public sealed class RatingContest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RatingId { get; set; }
    public Guid EmployeeId { get; set; }
    public required string Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public ContestDecision Decision { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
}

/// <summary>How a unit presents its staff on the rating page. The nearest configured ancestor applies to a unit
/// that has no setting of its own; with none at all, name and badge number are shown.</summary>
public sealed class UnitFeedbackSettings
{
    public Guid UnitId { get; set; }
    public bool ShowEmployeeNames { get; set; } = true;
    public bool ShowBadgeNumbers { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
