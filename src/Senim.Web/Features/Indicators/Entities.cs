using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Indicators;

/// <summary>Who an indicator or scorecard is about.</summary>
public enum IndicatorLevel { Employee = 0, Unit = 1, District = 2, Region = 3 }

/// <summary>Evaluative indicators may carry weight; statistical counts (registered crimes, detections, protocols, fines,
/// volumes of work) are context only and never weighted (the no-quota rule).</summary>
public enum IndicatorKind { Evaluative = 0, StatisticalCount = 1 }

public enum IndicatorDirection { HigherIsBetter = 0, LowerIsBetter = 1 }

/// <summary>The unit of measure, given by the indicator's source.</summary>
public enum MeasureUnit { Score = 0, Percent = 1, Index = 2, Count = 3 }

public enum DefinitionStatus { Draft = 0, Active = 1, Retired = 2 }

/// <summary>
/// One version of an indicator. Versions of one <see cref="Code"/> are effective-dated: a version is in force from
/// <see cref="EffectiveFrom"/> until the next version's start (<see cref="EffectiveTo"/>, exclusive); a period is
/// always computed with the version in force on its last day, so an old period keeps its old definition.
/// Drafts are never used in computation.
/// </summary>
public sealed class IndicatorDefinition : IVersionedDefinition
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public int Version { get; set; }
    public DefinitionStatus Status { get; set; }
    public IndicatorKind Kind { get; set; }
    /// <summary>The code of the <see cref="IIndicatorSource"/> that gives the values.</summary>
    public required string Source { get; set; }
    /// <summary>The source's parameter where it takes one (the feedback criterion).</summary>
    public Scoring.Criterion? Criterion { get; set; }
    public IndicatorLevel Level { get; set; }
    public IndicatorDirection Direction { get; set; }
    public MeasureUnit Measure { get; set; }
    /// <summary>The indicator's range: the scale its target and thresholds live on; its worst end is worth 0 points.</summary>
    public double ScaleMin { get; set; }
    public double ScaleMax { get; set; }
    /// <summary>Worth 100 points. Required for evaluative indicators; statistical counts may have none.</summary>
    public double? Target { get; set; }
    /// <summary>Green at or beyond this value (above when higher is better, below otherwise).</summary>
    public double? GreenFrom { get; set; }
    /// <summary>Amber at or beyond this value; red short of it.</summary>
    public double? AmberFrom { get; set; }
    /// <summary>Position categories the indicator applies to (employee level), comma-separated; empty: all.</summary>
    public string Categories { get; set; } = "";
    /// <summary>Unit kinds the indicator applies to (unit level), comma-separated; empty: all.</summary>
    public string UnitKinds { get; set; } = "";
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    public string DescriptionKk { get; set; } = "";
    public string DescriptionRu { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    public string? Note { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? ActivatedBy { get; set; }
    public DateTime? ActivatedAt { get; set; }

    public string Name => Common.SenimCultures.Pick(NameKk, NameRu, NameEn);
    public string Description => Common.SenimCultures.Pick(DescriptionKk, DescriptionRu, DescriptionEn);
    public bool HigherIsBetter => Direction == IndicatorDirection.HigherIsBetter;
    /// <summary>The goalpost worth 0 points: the bottom of the scale when higher is better, the top otherwise.</summary>
    public double Worst => HigherIsBetter ? ScaleMin : ScaleMax;

    private (string Text, List<PositionCategory> List)? _categories;
    private (string Text, List<UnitKind> List)? _unitKinds;

    /// <summary>The parsed lists, kept until the text changes (the engine asks once per subject).</summary>
    public IReadOnlyList<PositionCategory> CategoryList =>
        (_categories is { } c && ReferenceEquals(c.Text, Categories) ? c : (_categories = (Categories, ParseList<PositionCategory>(Categories))).Value).List;
    public IReadOnlyList<UnitKind> UnitKindList =>
        (_unitKinds is { } k && ReferenceEquals(k.Text, UnitKinds) ? k : (_unitKinds = (UnitKinds, ParseList<UnitKind>(UnitKinds))).Value).List;

    public bool AppliesTo(PositionCategory? category, UnitKind? kind) =>
        (category is not { } c || Categories.Length == 0 || CategoryList.Contains(c)) && (kind is not { } k || UnitKinds.Length == 0 || UnitKindList.Contains(k));

    public bool InForceOn(DateOnly day) => Status != DefinitionStatus.Draft && EffectiveFrom <= day && (EffectiveTo is not { } to || day < to);

    public static List<T> ParseList<T>(string text) where T : struct, Enum =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<T>(s, out var v) && Enum.IsDefined(v) ? (T?)v : null).Where(v => v is not null).Select(v => v!.Value)];

    public static string JoinList<T>(IEnumerable<T> values) where T : struct, Enum =>
        string.Join(",", values.Distinct().Order().Select(v => v.ToString()));

    public IndicatorDefinition CopyAsDraft(int version, string createdBy, DateTime at) => new()
    {
        Code = Code, Version = version, Status = DefinitionStatus.Draft, Kind = Kind, Source = Source, Criterion = Criterion, Level = Level,
        Direction = Direction, Measure = Measure, ScaleMin = ScaleMin, ScaleMax = ScaleMax, Target = Target, GreenFrom = GreenFrom,
        AmberFrom = AmberFrom, Categories = Categories, UnitKinds = UnitKinds, NameKk = NameKk, NameRu = NameRu, NameEn = NameEn,
        DescriptionKk = DescriptionKk, DescriptionRu = DescriptionRu, DescriptionEn = DescriptionEn, EffectiveFrom = EffectiveFrom,
        CreatedBy = createdBy, CreatedAt = at,
    };
}

/// <summary>
/// One version of a scorecard: a weighted set of indicators for one level and, for employees, one position category
/// (null: every category without a scorecard of its own) or, for units, one unit kind. Effective-dated like
/// <see cref="IndicatorDefinition"/>; items name indicators by code, so a period uses each indicator's version in force.
/// </summary>
public sealed class Scorecard : IVersionedDefinition
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public int Version { get; set; }
    public DefinitionStatus Status { get; set; }
    public IndicatorLevel Level { get; set; }
    public PositionCategory? Category { get; set; }
    public UnitKind? UnitKind { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    /// <summary>The composite is "not enough data" when less than this share of the weight has data.</summary>
    public double MinimumDataShare { get; set; } = 0.6;
    /// <summary>Composite points (0–100) from which the composite is green / amber.</summary>
    public double GreenFrom { get; set; } = 85;
    public double AmberFrom { get; set; } = 65;
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    public string? Note { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? ActivatedBy { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public List<ScorecardItem> Items { get; set; } = [];

    public string Name => Common.SenimCultures.Pick(NameKk, NameRu, NameEn);

    public bool InForceOn(DateOnly day) => Status != DefinitionStatus.Draft && EffectiveFrom <= day && (EffectiveTo is not { } to || day < to);

    /// <summary>The subjects it is for, in words ("District inspector", "Front office", "All employees").</summary>
    public string SlotKey => Level switch
    {
        IndicatorLevel.Employee => Category is { } c ? "Category." + c : "Scorecard.AllCategories",
        IndicatorLevel.Unit => UnitKind is { } k ? "UnitKind." + k : "Scorecard.AllUnitKinds",
        _ => "Scorecard.Level." + Level,
    };

    public Scorecard CopyAsDraft(int version, string createdBy, DateTime at)
    {
        var copy = new Scorecard
        {
            Code = Code, Version = version, Status = DefinitionStatus.Draft, Level = Level, Category = Category, UnitKind = UnitKind,
            NameKk = NameKk, NameRu = NameRu, NameEn = NameEn, MinimumDataShare = MinimumDataShare, GreenFrom = GreenFrom, AmberFrom = AmberFrom,
            EffectiveFrom = EffectiveFrom, CreatedBy = createdBy, CreatedAt = at,
        };
        copy.Items = [.. Items.Select(i => new ScorecardItem { ScorecardId = copy.Id, IndicatorCode = i.IndicatorCode, Weight = i.Weight, Order = i.Order })];
        return copy;
    }
}

public sealed class ScorecardItem
{
    public Guid ScorecardId { get; set; }
    public required string IndicatorCode { get; set; }
    public double Weight { get; set; }
    public int Order { get; set; }
}

/// <summary>A subject's scorecard for one period as stored by a recompute: the composite (0–100 points), its interval
/// and light, the share of the weight that had data, and the rank among peers with the range of ranks.</summary>
public sealed class ScorecardResult
{
    public required string Period { get; set; }
    public IndicatorLevel Level { get; set; }
    /// <summary>The subject: an employee's, unit's or district's id ("D" format, lower case) or a region's code.</summary>
    public required string SubjectKey { get; set; }
    public required string ScorecardCode { get; set; }
    public int ScorecardVersion { get; set; }
    public required string PeerGroup { get; set; }
    public double? Composite { get; set; }
    public double? Lower { get; set; }
    public double? Upper { get; set; }
    public double DataShare { get; set; }
    public bool Sufficient { get; set; }
    public Statistics.TrafficLight Light { get; set; }
    public int? Rank { get; set; }
    public int? RankBest { get; set; }
    public int? RankWorst { get; set; }
    public int Peers { get; set; }
    public DateTime ComputedAt { get; set; }
}

/// <summary>One indicator of one subject's scorecard in one period, with the indicator version that produced it.</summary>
public sealed class IndicatorResult
{
    public required string Period { get; set; }
    public IndicatorLevel Level { get; set; }
    public required string SubjectKey { get; set; }
    public required string IndicatorCode { get; set; }
    public int IndicatorVersion { get; set; }
    public int Order { get; set; }
    public double Weight { get; set; }
    public double? Value { get; set; }
    public double? Lower { get; set; }
    public double? Upper { get; set; }
    public double? StandardError { get; set; }
    /// <summary>How much data: ratings, effective sample size or responses.</summary>
    public double N { get; set; }
    public bool HasData { get; set; }
    public double? Points { get; set; }
    public Statistics.TrafficLight Light { get; set; }
    /// <summary>The peer group's value the subject is compared with, and where it lies against the funnel limits.</summary>
    public double? PeerTarget { get; set; }
    public double? PeerLimit { get; set; }
    public Statistics.FunnelZone? PeerZone { get; set; }
    /// <summary>Resource key saying why there is no value or not enough data.</summary>
    public string? Reason { get; set; }
    /// <summary>The interval in points, used while computing the composite (not stored).</summary>
    public double? PointsLower { get; set; }
    public double? PointsUpper { get; set; }
}

public enum FlagRule { BelowPeers = 0, DropAgainstHistory = 1, ContestsUpheld = 2 }

public enum FlagStatus { Open = 0, Actioned = 1, Withdrawn = 2 }

public enum FlagActionKind { Conversation = 0, Training = 1, Mentoring = 2, NoAction = 3 }

/// <summary>
/// An early-warning flag on an employee or a unit: support, not punishment. It goes to the unit head with its reason
/// and the data behind it (<see cref="Evidence"/>, JSON); the head records an action within the configured number of
/// days; the employee sees their own flags and the actions. A recompute that no longer finds the condition withdraws
/// an open flag; a flag with an action is never changed by a recompute.
/// </summary>
public sealed class EarlyWarningFlag
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public IndicatorLevel Level { get; set; }
    public Guid SubjectId { get; set; }
    /// <summary>The unit whose head acts: the employee's unit, or the flagged unit itself.</summary>
    public Guid UnitId { get; set; }
    public required string Period { get; set; }
    public FlagRule Rule { get; set; }
    /// <summary>The indicator concerned; "" for the upheld-contests rule.</summary>
    public string IndicatorCode { get; set; } = "";
    public required string Evidence { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime DueAt { get; set; }
    public FlagStatus Status { get; set; }
    public FlagActionKind? Action { get; set; }
    public string? ActionNote { get; set; }
    public string? ActionBy { get; set; }
    public DateTime? ActionAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }

    public bool IsOverdue(DateTime now) => Status == FlagStatus.Open && now > DueAt;
}

/// <summary>The data behind a flag, stored with it so that it explains itself later.</summary>
public sealed record FlagEvidence
{
    public double? Value { get; init; }
    public double? Lower { get; init; }
    public double? Upper { get; init; }
    public double? PeerTarget { get; init; }
    public double? Limit { get; init; }
    public double? LimitLevel { get; init; }
    public string? PreviousPeriod { get; init; }
    public double? Previous { get; init; }
    public double? Difference { get; init; }
    public double? DifferenceLower { get; init; }
    public double? DifferenceUpper { get; init; }
    public double? PValue { get; init; }
    public int? Count { get; init; }
    public int? WindowDays { get; init; }
    public int? Threshold { get; init; }
    public int IndicatorVersion { get; init; }
    public MeasureUnit? Measure { get; init; }

    public static string Format(double? v, MeasureUnit? unit) => v is not { } x ? "—" : unit switch
    {
        MeasureUnit.Score => x.ToString("0.00", CultureInfo.CurrentCulture),
        MeasureUnit.Count => x.ToString("0", CultureInfo.CurrentCulture),
        _ => x.ToString("0.0", CultureInfo.CurrentCulture),
    };
}

/// <summary>What indicator definitions and scorecards share as effective-dated versions (activation retires the previous one).</summary>
public interface IVersionedDefinition
{
    string Code { get; }
    int Version { get; }
    DefinitionStatus Status { get; set; }
    DateOnly EffectiveFrom { get; set; }
    DateOnly? EffectiveTo { get; set; }
    string? ActivatedBy { get; set; }
    DateTime? ActivatedAt { get; set; }
}
