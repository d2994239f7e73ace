using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation;

public enum CampaignKind { Regular = 0, Extraordinary = 1 }

/// <summary>Draft: the rule may change and nobody is a candidate yet. Active: the candidate list exists (confirmed).
/// Closed: read-only.</summary>
public enum CampaignStatus { Draft = 0, Active = 1, Closed = 2 }

/// <summary>An attestation campaign: which positions it covers (a rule on managerial level, category and region),
/// its stage dates and its settings (test time and pass mark, appeal period).</summary>
public sealed class Campaign
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public CampaignKind Kind { get; set; }
    public CampaignStatus Status { get; set; }
    /// <summary>Managerial levels covered, comma-separated enum names ("Middle"); empty means every level.</summary>
    public string RuleLevels { get; set; } = "";
    /// <summary>Position categories covered, comma-separated enum names; empty means every category.</summary>
    public string RuleCategories { get; set; } = "";
    /// <summary>Region codes covered, comma-separated; empty means the whole country.</summary>
    public string RuleRegions { get; set; } = "";
    public DateOnly? StandardsFrom { get; set; }
    public DateOnly? StandardsTo { get; set; }
    public DateOnly? TestFrom { get; set; }
    public DateOnly? TestTo { get; set; }
    public DateOnly? InterviewFrom { get; set; }
    public DateOnly? InterviewTo { get; set; }
    /// <summary>Time limit of the computer test, minutes.</summary>
    public int TestMinutes { get; set; } = 60;
    /// <summary>Pass mark of the computer test, percent of the maximum mark.</summary>
    public int TestPassPercent { get; set; } = 70;
    /// <summary>Days after the decision within which a candidate may appeal.</summary>
    public int AppealDays { get; set; } = 10;
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public int Version { get; set; }
}

public enum CandidateInclusion { Rule = 0, Added = 1 }

public enum CandidateStatus { Active = 0, Excluded = 1 }

/// <summary>The commission's decision on a candidate.</summary>
public enum Decision { Fits = 0, FitsWithConditions = 1, DoesNotFit = 2 }

/// <summary>One employee in one campaign. Position, unit and region are copied when the candidate is included, so
/// that a later transfer does not move the campaign's figures.</summary>
public sealed class Candidate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public Guid EmployeeId { get; set; }
    public Guid? PositionId { get; set; }
    public Guid UnitId { get; set; }
    public string? RegionCode { get; set; }
    public CandidateInclusion Inclusion { get; set; }
    /// <summary>Why a candidate outside the rule was added (required for <see cref="CandidateInclusion.Added"/>).</summary>
    public string? AddedReason { get; set; }
    public CandidateStatus Status { get; set; }
    public string? ExclusionReason { get; set; }
    public DateTime? ExcludedAt { get; set; }
    public string? ExcludedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>The commission's decision (copied from the sitting that decided it).</summary>
    public Decision? Decision { get; set; }
    public string? DecisionConditions { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedSittingId { get; set; }
    public int Version { get; set; }
}

public enum Stage { Standards = 1, Test = 2, Interview = 3 }

/// <summary>A second (third...) chance at a stage, granted by a secretary with a reason.</summary>
public sealed class Retake
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CandidateId { get; set; }
    public Stage Stage { get; set; }
    public required string Reason { get; set; }
    public required string GrantedBy { get; set; }
    public DateTime GrantedAt { get; set; }
}

/// <summary>Stage 1 exercises. Times are seconds (lower is better); pull-ups and the firearms score are counts.</summary>
public enum Exercise { Run3Km = 0, Run100M = 1, PullUps = 2, Firearms = 3 }

/// <summary>One cell of a campaign's norms table: the threshold of an exercise for a sex and an age band
/// (<see cref="AgeFrom"/>..<see cref="AgeTo"/> full years, inclusive).</summary>
public sealed class Norm
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public Exercise Exercise { get; set; }
    public Sex Sex { get; set; }
    public int AgeFrom { get; set; }
    public int AgeTo { get; set; }
    public double Threshold { get; set; }
}

/// <summary>A candidate's stage 1 results on one attempt (attempt 2 and later need a retake). Pass/fail is computed
/// from the campaign's norms when the results are saved and stored with them.</summary>
public sealed class StandardsResult
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CandidateId { get; set; }
    public int Attempt { get; set; }
    public DateOnly TakenOn { get; set; }
    public double? Run3KmSeconds { get; set; }
    public double? Run100MSeconds { get; set; }
    public int? PullUps { get; set; }
    public int? FirearmsScore { get; set; }
    public bool Passed { get; set; }
    public required string Examiner { get; set; }
    public required string EnteredBy { get; set; }
    public DateTime EnteredAt { get; set; }
    public int Version { get; set; }
}

public enum QuestionKind { SingleChoice = 0, MultipleChoice = 1, TrueFalse = 2, Numeric = 3 }

/// <summary>A topic of the question bank (a legislation area, logical thinking). <see cref="Code"/> is the GIFT
/// $CATEGORY the topic is imported from and exported to.</summary>
public sealed class Topic
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
}

/// <summary>One question with its Kazakh and Russian texts (docs/decisions/010): the two GIFT files of a bank are paired
/// by topic and question title. Structure (kind, marks, options' weights, numeric answers, truth) is shared; only
/// texts are per language. A question is drawn only when both texts are present and it is active.</summary>
public sealed class Question
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TopicId { get; set; }
    public required string Title { get; set; }
    public QuestionKind Kind { get; set; }
    public string? TextKk { get; set; }
    public string? TextRu { get; set; }
    public bool? Truth { get; set; }
    public double Points { get; set; } = 1;
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>An answer option (choice questions: texts and weight) or an accepted numeric answer (value ± tolerance, weight).</summary>
public sealed class QuestionOption
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid QuestionId { get; set; }
    public int Index { get; set; }
    public string? TextKk { get; set; }
    public string? TextRu { get; set; }
    public string? FeedbackKk { get; set; }
    public string? FeedbackRu { get; set; }
    /// <summary>Fraction of the question's mark this option earns (−1..1), as in GIFT.</summary>
    public double Fraction { get; set; }
    public double? Value { get; set; }
    public double? Tolerance { get; set; }
}

/// <summary>How many questions a campaign's test draws from a topic.</summary>
public sealed class SpecTopic
{
    public Guid CampaignId { get; set; }
    public Guid TopicId { get; set; }
    public int Count { get; set; }
}

/// <summary>One sitting of the computer test. The deadline is fixed when the attempt starts; the server refuses
/// answers after it whatever the browser's clock says.</summary>
public sealed class Attempt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CandidateId { get; set; }
    public int Number { get; set; }
    public required string Language { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime Deadline { get; set; }
    public DateTime? FinishedAt { get; set; }
    public double MaxScore { get; set; }
    public double? Score { get; set; }
    public int PassPercent { get; set; }
    public bool? Passed { get; set; }
    public int Version { get; set; }
}

/// <summary>One drawn question of an attempt: its place on the screen, its slot in the specification (topic order,
/// then question id within the topic: what item statistics group by), and the shuffled order of its options.</summary>
public sealed class AttemptQuestion
{
    public Guid AttemptId { get; set; }
    public int Position { get; set; }
    public Guid QuestionId { get; set; }
    public int Slot { get; set; }
    /// <summary>Option indices in the order shown, comma-separated ("2,0,1,3"); empty for true/false and numeric.</summary>
    public string OptionOrder { get; set; } = "";
    public double MaxMark { get; set; }
}

/// <summary>A saved answer. The key (attempt, question) makes a second insert fail; a change is a conditional update
/// on <see cref="Revision"/>, so of two racing saves exactly one wins.</summary>
public sealed class Answer
{
    public Guid AttemptId { get; set; }
    public Guid QuestionId { get; set; }
    /// <summary>Chosen option indices (comma-separated, bank order), "true"/"false", or the number (invariant culture).</summary>
    public required string Response { get; set; }
    public double Mark { get; set; }
    public DateTime AnsweredAt { get; set; }
    public int Revision { get; set; }
}

public enum CommissionLevel { Central = 0, Regional = 1 }

public enum MemberRole { Chair = 0, Deputy = 1, Secretary = 2, Member = 3 }

public enum MemberOrganisation { Mvd = 0, ProsecutorGeneral = 1, AntiCorruption = 2, NationalSecurity = 3, PublicCouncil = 4 }

/// <summary>An attestation commission. Quorum: at least <see cref="QuorumNumerator"/>/<see cref="QuorumDenominator"/>
/// of its active members present (default two thirds).</summary>
public sealed class Commission
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public CommissionLevel Level { get; set; }
    public string? RegionCode { get; set; }
    public int QuorumNumerator { get; set; } = 2;
    public int QuorumDenominator { get; set; } = 3;
    public DateTime CreatedAt { get; set; }
}

public sealed class CommissionMember
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CommissionId { get; set; }
    /// <summary>The member's sign-in (a CommissionMember user), through which they vote.</summary>
    public Guid? UserId { get; set; }
    public required string FullName { get; set; }
    public MemberRole Role { get; set; }
    public MemberOrganisation Organisation { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>A member's declared conflict of interest: they do not vote on that candidate.</summary>
public sealed class ConflictDeclaration
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MemberId { get; set; }
    public Guid CandidateId { get; set; }
    public required string Reason { get; set; }
    public DateTime DeclaredAt { get; set; }
}

public enum SittingStatus { Scheduled = 0, Open = 1, Closed = 2 }

public sealed class Sitting
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public Guid CommissionId { get; set; }
    public DateTime ScheduledAt { get; set; }
    public required string Place { get; set; }
    public SittingStatus Status { get; set; }
    public DateTime? OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>Whether a member is present at a sitting (recorded by the secretary).</summary>
public sealed class SittingAttendance
{
    public Guid SittingId { get; set; }
    public Guid MemberId { get; set; }
    public bool Present { get; set; }
}

/// <summary>A candidate on a sitting's schedule; the decision and counts are written when the sitting closes.</summary>
public sealed class SittingCandidate
{
    public Guid SittingId { get; set; }
    public Guid CandidateId { get; set; }
    public int Order { get; set; }
    public DateTime? ScheduledAt { get; set; }
    public Decision? Decision { get; set; }
    public string? Conditions { get; set; }
    public int VotesFits { get; set; }
    public int VotesConditions { get; set; }
    public int VotesNotFit { get; set; }
    public bool ChairDecided { get; set; }
}

/// <summary>A member's secret vote on a candidate at a sitting; no one sees it until the sitting closes.</summary>
public sealed class Vote
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SittingId { get; set; }
    public Guid CandidateId { get; set; }
    public Guid MemberId { get; set; }
    public Decision Choice { get; set; }
    public string? Conditions { get; set; }
    public DateTime CastAt { get; set; }
}

/// <summary>A sitting's protocol in one language, as issued when the sitting closed: the exact PDF bytes and their
/// SHA-256, so that any copy can be checked.</summary>
public sealed class Protocol
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SittingId { get; set; }
    public required string Language { get; set; }
    public required byte[] Pdf { get; set; }
    public required string Sha256 { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum AppealOutcome { Pending = 0, Upheld = 1, Rejected = 2 }

public sealed class Appeal
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CandidateId { get; set; }
    public DateTime FiledAt { get; set; }
    public required string Text { get; set; }
    public AppealOutcome Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}
