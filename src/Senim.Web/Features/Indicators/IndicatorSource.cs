using Senim.Statistics;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Indicators;

/// <summary>Where the values of an indicator come from. Every source is one implementation of this interface,
/// registered in <see cref="IndicatorsServiceCollectionExtensions.AddIndicators"/>; new sources (appeals, problem
/// solving) plug in the same way without touching the engine.</summary>
public interface IIndicatorSource
{
    /// <summary>Stable code stored in definitions, e.g. "feedback.score".</summary>
    string Code { get; }
    MeasureUnit Measure { get; }
    /// <summary>The natural range of the values; an indicator's scale must lie within it.</summary>
    double NaturalMin { get; }
    double? NaturalMax { get; }
    IReadOnlyList<IndicatorLevel> Levels { get; }
    /// <summary>A count of activity (context only): an indicator on this source must be of kind statistical count.</summary>
    bool IsStatisticalCount { get; }
    /// <summary>Whether the source takes a feedback criterion as its parameter.</summary>
    bool UsesCriterion { get; }

    /// <summary>The values of the requested subjects (by <see cref="Subject.Key"/>); a subject without any is left out.</summary>
    Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(IndicatorRequest request, IndicatorContext ctx, CancellationToken ct);
}

/// <summary>Someone or something a scorecard is computed for.</summary>
public sealed record Subject(IndicatorLevel Level, string Key, Guid? Id, Guid? UnitId, Guid? DistrictId, string? RegionCode,
    PositionCategory? Category, UnitKind? UnitKind)
{
    public static string KeyOf(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}

public sealed record IndicatorRequest(IndicatorDefinition Definition, IReadOnlyList<Subject> Subjects);

/// <summary>One subject's value of one indicator. <see cref="HasData"/> false: not enough data (the value, if any, is
/// shown but neither counted in the composite nor coloured). The peer comparison, where the source has one, is the
/// funnel position at the configured level (<see cref="IndicatorOptions.FlagConfidence"/>).</summary>
public sealed record IndicatorValue(double? Value, double? Lower, double? Upper, double? StandardError, double N, bool HasData, string? Reason = null)
{
    public double? PeerTarget { get; init; }
    /// <summary>The funnel limit on the worse side.</summary>
    public double? PeerLimit { get; init; }
    public FunnelZone? PeerZone { get; init; }

    public static IndicatorValue Exact(double value, string? reason = null) => new(value, value, value, null, value, true, reason);

    public static IndicatorValue None(string reason) => new(null, null, null, null, 0, false, reason);
}

/// <summary>Every subject of every level, loaded once per computation.</summary>
public sealed class SubjectSet
{
    public required IReadOnlyList<Subject> Employees { get; init; }
    public required IReadOnlyList<Subject> Units { get; init; }
    public required IReadOnlyList<Subject> Districts { get; init; }
    public required IReadOnlyList<Subject> Regions { get; init; }
    private Dictionary<Guid, Subject>? _units;
    public Dictionary<Guid, Subject> UnitById => _units ??= Units.ToDictionary(u => u.Id!.Value);

    public IReadOnlyList<Subject> Of(IndicatorLevel level) => level switch
    {
        IndicatorLevel.Employee => Employees,
        IndicatorLevel.Unit => Units,
        IndicatorLevel.District => Districts,
        _ => Regions,
    };

    public static async Task<SubjectSet> LoadAsync(SenimDb db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Kind, u.DistrictId, u.RegionCode }).ToListAsync(ct);
        var employees = await (from e in db.Employees.AsNoTracking()
                               join p in db.Positions on e.PositionId equals p.Id into pj
                               from p in pj.DefaultIfEmpty()
                               select new { e.Id, e.UnitId, Category = p == null ? PositionCategory.Other : p.Category }).ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().Select(d => new { d.Id, d.RegionCode }).ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().Select(r => r.Code).ToListAsync(ct);
        var unitSubjects = units.Select(u => new Subject(IndicatorLevel.Unit, Subject.KeyOf(u.Id), u.Id, u.Id, u.DistrictId, u.RegionCode, null, u.Kind)).ToList();
        var byId = unitSubjects.ToDictionary(u => u.Id!.Value);
        return new SubjectSet
        {
            Units = unitSubjects,
            Employees = [.. employees.Select(e =>
            {
                var u = byId.GetValueOrDefault(e.UnitId);
                return new Subject(IndicatorLevel.Employee, Subject.KeyOf(e.Id), e.Id, e.UnitId, u?.DistrictId, u?.RegionCode, e.Category, null);
            })],
            Districts = [.. districts.Select(d => new Subject(IndicatorLevel.District, Subject.KeyOf(d.Id), d.Id, null, d.Id, d.RegionCode, null, null))],
            Regions = [.. regions.Order(StringComparer.Ordinal).Select(r => new Subject(IndicatorLevel.Region, r, null, null, null, r, null, null))],
        };
    }
}

/// <summary>What a computation shares between sources: the period, the subjects and a cache of loaded data (so that
/// the scores of a period are read once for every indicator that uses them).</summary>
public sealed class IndicatorContext(ScorePeriod period, DateTime asOf, DateTime now, SubjectSet subjects, double confidence, bool storedScores)
{
    private readonly Dictionary<string, object> _cache = new(StringComparer.Ordinal);
    public ScorePeriod Period => period;
    /// <summary>The end of the data: the period's end, or now for a period still running.</summary>
    public DateTime AsOf => asOf;
    public DateTime Now => now;
    public SubjectSet Subjects => subjects;
    public double Confidence => confidence;
    /// <summary>Read the scores a score recompute stored for the period (under the active methodology) instead of computing
    /// them from the maintained statistics: much faster, but only as fresh as that recompute.</summary>
    public bool StoredScores => storedScores;
    /// <summary>The feedback criteria the definitions in use ask for (the overall score is always read); null: all.</summary>
    public IReadOnlySet<Scoring.Criterion>? Criteria { get; set; }

    public async Task<T> CacheAsync<T>(string key, Func<Task<T>> load) where T : class
    {
        if (_cache.TryGetValue(key, out var hit)) return (T)hit;
        var value = await load();
        _cache[key] = value;
        return value;
    }

    /// <summary>The funnel position of a value with standard error <paramref name="se"/> around <paramref name="target"/>
    /// (Spiegelhalter 2005: limits θ₀ ± z_p·s.e., here the s.e. of the subject's own estimate, so the limits
    /// narrow as the data grow), with the limit on the worse side.</summary>
    public (double Limit, FunnelZone Zone) NormalPosition(double value, double target, double se, bool higherIsBetter)
    {
        var p = (1 - confidence) / 2;
        var low = Funnel.NormalLimit(target, se, 1, p);
        var high = Funnel.NormalLimit(target, se, 1, 1 - p);
        var zone = value < low ? FunnelZone.Below : value > high ? FunnelZone.Above : FunnelZone.Within;
        return (higherIsBetter ? low : high, zone);
    }

    /// <summary>A binomial limit costs a binary search over binomial CDFs; subjects share targets (one per peer group)
    /// and numbers of ratings, so each limit is computed once per computation.</summary>
    private double BinomialLimit(double target, long trials, double p)
    {
        if (!_binomialLimits.TryGetValue((target, trials, p), out var limit))
            _binomialLimits[(target, trials, p)] = limit = Funnel.BinomialLimit(target, trials, p);
        return limit;
    }

    private readonly Dictionary<(double Target, long Trials, double P), double> _binomialLimits = [];

    /// <summary>The exact binomial funnel position of <paramref name="events"/>/<paramref name="trials"/> around a target
    /// proportion (Spiegelhalter 2005, appendix), with the limit on the worse side.</summary>
    public (double Limit, FunnelZone Zone) ProportionPosition(long events, long trials, double target, bool higherIsBetter)
    {
        var p = (1 - confidence) / 2;
        var low = BinomialLimit(target, trials, p);
        var high = BinomialLimit(target, trials, 1 - p);
        var value = (double)events / trials;
        var zone = value < low ? FunnelZone.Below : value > high ? FunnelZone.Above : FunnelZone.Within;
        return (higherIsBetter ? low : high, zone);
    }
}
