namespace Senim.Web.Features.Scoring;

public enum MethodologyStatus { Draft = 0, Active = 1, Retired = 2 }

/// <summary>How peers are chosen. Employees: the same position category, optionally also the same main interaction
/// kind (the kind most of their ratings come from). Units are always compared with units of the same kind.</summary>
public enum PeerGroupRule { PositionCategory = 0, PositionCategoryAndMainKind = 1 }

/// <summary>One version of the scoring method: its parameters are data, each stored score names the version that
/// produced it, and a draft can be previewed against the active version before it is activated.</summary>
public sealed class Methodology
{
    public int Version { get; set; }
    public MethodologyStatus Status { get; set; }
    /// <summary>Half-life of a rating's weight, in days.</summary>
    public double HalfLifeDays { get; set; } = 180;
    /// <summary>Below this effective number of ratings a score is "insufficient".</summary>
    public double MinimumEffectiveN { get; set; } = 30;
    /// <summary>A score whose 95% interval is wider than this (1–5 scale) is "insufficient".</summary>
    public double MaximumIntervalWidth { get; set; } = 0.8;
    /// <summary>Floor of the between-employee variance τ² (prior strength floor).</summary>
    public double BetweenVarianceFloor { get; set; } = 0.0025;
    /// <summary>A rating (or criterion) at or above this counts as satisfied.</summary>
    public double SatisfiedThreshold { get; set; } = 4;
    /// <summary>Weights of the four criteria in the overall value of a rating (renormalised to sum to 1).</summary>
    public double WeightCourtesy { get; set; } = 1;
    public double WeightCompetence { get; set; } = 1;
    public double WeightTimeliness { get; set; } = 1;
    public double WeightResolved { get; set; } = 1;
    public PeerGroupRule PeerGroups { get; set; } = PeerGroupRule.PositionCategory;
    public string? Note { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? ActivatedBy { get; set; }
    public DateTime? ActivatedAt { get; set; }

    /// <summary>The overall value of a rating: the weighted mean of its four criteria.</summary>
    public double Overall(int courtesy, int competence, int timeliness, int resolved)
    {
        var total = WeightCourtesy + WeightCompetence + WeightTimeliness + WeightResolved;
        return ((WeightCourtesy * courtesy) + (WeightCompetence * competence) + (WeightTimeliness * timeliness) + (WeightResolved * resolved)) / total;
    }

    public Methodology CopyAsDraft(int version, string createdBy, DateTime at) => new()
    {
        Version = version, Status = MethodologyStatus.Draft, HalfLifeDays = HalfLifeDays, MinimumEffectiveN = MinimumEffectiveN,
        MaximumIntervalWidth = MaximumIntervalWidth, BetweenVarianceFloor = BetweenVarianceFloor, SatisfiedThreshold = SatisfiedThreshold,
        WeightCourtesy = WeightCourtesy, WeightCompetence = WeightCompetence, WeightTimeliness = WeightTimeliness, WeightResolved = WeightResolved,
        PeerGroups = PeerGroups, CreatedBy = createdBy, CreatedAt = at,
    };
}

public enum ScoreSubject : short { Employee = 0, Unit = 1 }

public enum Criterion : short { Overall = 0, Courtesy = 1, Competence = 2, Timeliness = 3, Resolved = 4 }

/// <summary>Sufficient statistics of the counted ratings of one subject (employee or unit), one calendar month and one
/// interaction kind, for the active methodology: n, Σw, Σw² and, per criterion, Σwx, Σwx² and the satisfied count, with
/// weights anchored at the month's first instant (Senim.Statistics.DecayedSums). Kept up to date one rating at a time
/// and rebuilt from the ratings by a full recompute.</summary>
public sealed class ScoreBucket
{
    public ScoreSubject SubjectType { get; set; }
    public Guid SubjectId { get; set; }
    /// <summary>yyyymm (UTC).</summary>
    public int Month { get; set; }
    public Guid KindId { get; set; }
    public long Count { get; set; }
    public double SumW { get; set; }
    public double SumW2 { get; set; }
    public double OverallSum { get; set; }
    public double OverallSumSq { get; set; }
    public long OverallSat { get; set; }
    public double CourtesySum { get; set; }
    public double CourtesySumSq { get; set; }
    public long CourtesySat { get; set; }
    public double CompetenceSum { get; set; }
    public double CompetenceSumSq { get; set; }
    public long CompetenceSat { get; set; }
    public double TimelinessSum { get; set; }
    public double TimelinessSumSq { get; set; }
    public long TimelinessSat { get; set; }
    public double ResolvedSum { get; set; }
    public double ResolvedSumSq { get; set; }
    public long ResolvedSat { get; set; }
}

/// <summary>A score as written by a full recompute: one subject, period, criterion and methodology version.</summary>
public sealed class StoredScore
{
    public ScoreSubject SubjectType { get; set; }
    public Guid SubjectId { get; set; }
    public required string Period { get; set; }
    public Criterion Criterion { get; set; }
    public int MethodologyVersion { get; set; }
    public required string PeerGroup { get; set; }
    public int Ratings { get; set; }
    public double EffectiveN { get; set; }
    public double? RawMean { get; set; }
    public double? ExpectedMean { get; set; }
    public double PeerMean { get; set; }
    public double Estimate { get; set; }
    public double Lower { get; set; }
    public double Upper { get; set; }
    public double? ShareSatisfied { get; set; }
    public double? Percentile { get; set; }
    public bool Official { get; set; }
    public string? Reasons { get; set; }
    public DateTime ComputedAt { get; set; }
}
