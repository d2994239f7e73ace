using Senim.Statistics;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Indicators;

/// <summary>One subject's score for one criterion as the Scoring feature gives it.</summary>
public readonly record struct ScoreFigure(double Estimate, double Lower, double Upper, double EffectiveN, int Ratings, double PeerMean, double? Share, bool Official)
{
    /// <summary>The standard error behind the 95% interval: (upper − lower) / (2 × 1.96).</summary>
    public double StandardError => (Upper - Lower) / (2 * NormalDistribution.TwoSidedCriticalValue(0.95));
}

/// <summary>
/// Reads the Scoring feature's figures for a computation (read only, through its services and tables):
/// employees' and units' scores per criterion — computed from the maintained statistics by <see cref="ScoringService"/>
/// (always current), or, when asked (<c>scorecards recompute --stored-scores</c>, for large runs right after
/// <c>scores recompute --period P</c>), read from the scores that recompute stored for the period under the active
/// methodology; and, for districts and regions, the units' statistics pooled over the
/// area (a recency-weighted mean of every rating given in the area; no shrinkage or case mix: an area has hundreds of
/// ratings, and its peers are the other areas).
/// </summary>
public sealed class FeedbackData(SenimDb db, ScoringService scoring)
{
    public static readonly int CriterionCount = ScoreCalculator.AllCriteria.Length;

    public Task<Methodology> MethodologyAsync(IndicatorContext ctx, CancellationToken ct) =>
        ctx.CacheAsync("feedback.methodology", () => scoring.ActiveMethodologyAsync(ct));

    /// <summary>Employee or unit id → figure per criterion (index = (int)Criterion).</summary>
    public Task<Dictionary<Guid, ScoreFigure[]>> SubjectsAsync(ScoreSubject type, IndicatorContext ctx, CancellationToken ct) =>
        ctx.CacheAsync("feedback." + type, async () =>
        {
            var m = await MethodologyAsync(ctx, ct);
            var label = ctx.Period.Label;
            if (ctx.StoredScores && await db.Scores.AnyAsync(s => s.Period == label && s.MethodologyVersion == m.Version && s.SubjectType == type, ct))
            {
                var result = new Dictionary<Guid, ScoreFigure[]>();
                // Only the criteria the definitions ask for (three of five for the standard set).
                var criteria = (ctx.Criteria ?? ScoreCalculator.AllCriteria.ToHashSet()).ToList();
                await foreach (var s in db.Scores.AsNoTracking().Where(s => s.Period == label && s.MethodologyVersion == m.Version && s.SubjectType == type
                                                                            && criteria.Contains(s.Criterion))
                                   .Select(s => new { s.SubjectId, s.Criterion, s.Estimate, s.Lower, s.Upper, s.EffectiveN, s.Ratings, s.PeerMean, s.ShareSatisfied, s.Official })
                                   .AsAsyncEnumerable().WithCancellation(ct))
                {
                    if (!result.TryGetValue(s.SubjectId, out var row)) result[s.SubjectId] = row = new ScoreFigure[CriterionCount];
                    row[(int)s.Criterion] = new ScoreFigure(s.Estimate, s.Lower, s.Upper, s.EffectiveN, s.Ratings, s.PeerMean, s.ShareSatisfied, s.Official);
                }
                return result;
            }
            return type == ScoreSubject.Employee ? await LiveEmployeesAsync(ctx, ct) : await LiveUnitsAsync(ctx, m, ct);
        });

    private async Task<Dictionary<Guid, ScoreFigure[]>> LiveEmployeesAsync(IndicatorContext ctx, CancellationToken ct)
    {
        var result = new Dictionary<Guid, ScoreFigure[]>();
        foreach (var category in ctx.Subjects.Employees.Select(e => e.Category!.Value).Distinct().Order())
        {
            foreach (var s in await scoring.PeerEmployeesAsync(category, ctx.Period, ct)) result[s.SubjectId] = Figures(s);
        }
        return result;
    }

    private async Task<Dictionary<Guid, ScoreFigure[]>> LiveUnitsAsync(IndicatorContext ctx, Methodology m, CancellationToken ct)
    {
        var buckets = (await UnitBucketsAsync(ctx, ct)).ToLookup(b => b.SubjectId);
        var result = new Dictionary<Guid, ScoreFigure[]>();
        foreach (var group in ctx.Subjects.Units.GroupBy(u => u.UnitKind!.Value))
        {
            var scores = ScoreCalculator.Compute("unit", group.Key.ToString(), [.. group.Select(u => u.Id!.Value)], id => buckets[id], m, ctx.Period, ctx.AsOf);
            foreach (var s in scores) result[s.SubjectId] = Figures(s);
        }
        return result;
    }

    private static ScoreFigure[] Figures(ScoreExplanation overall)
    {
        var row = new ScoreFigure[CriterionCount];
        foreach (var s in overall.Criteria!.Values.Prepend(overall))
        {
            var c = Enum.Parse<Criterion>(s.Criterion, ignoreCase: true);
            row[(int)c] = new ScoreFigure(s.Estimate, s.Lower, s.Upper, s.EffectiveN, s.Ratings, s.PeerMean, s.ShareSatisfied, s.Status == "official");
        }
        return row;
    }

    /// <summary>The units' statistics of the period's months.</summary>
    public Task<List<ScoreBucket>> UnitBucketsAsync(IndicatorContext ctx, CancellationToken ct) =>
        ctx.CacheAsync("feedback.unit-buckets", async () =>
        {
            var (first, last) = ScoringService.Months(ctx.Period, ctx.AsOf);
            return await db.ScoreBuckets.AsNoTracking()
                .Where(b => b.SubjectType == ScoreSubject.Unit && b.Month >= first && b.Month <= last && b.Count > 0).ToListAsync(ct);
        });

    /// <summary>Area key (district id or region code) → pooled sums per criterion, brought to the period's end; the
    /// key "" holds the whole country.</summary>
    public Task<Dictionary<string, DecayedSums[]>> AreasAsync(IndicatorLevel level, IndicatorContext ctx, CancellationToken ct) =>
        ctx.CacheAsync("feedback.areas." + level, async () =>
        {
            var m = await MethodologyAsync(ctx, ct);
            var buckets = await UnitBucketsAsync(ctx, ct);
            var units = ctx.Subjects.UnitById;
            var result = new Dictionary<string, DecayedSums[]>(StringComparer.Ordinal);
            var factors = new Dictionary<int, double>();
            void Add(string key, ScoreBucket b, double f)
            {
                if (!result.TryGetValue(key, out var sums)) result[key] = sums = new DecayedSums[CriterionCount];
                foreach (var c in ScoreCalculator.AllCriteria) sums[(int)c] = sums[(int)c].Plus(ScoreBuckets.Sums(b, c).Scale(f));
            }
            foreach (var b in buckets)
            {
                if (!factors.TryGetValue(b.Month, out var f))
                    factors[b.Month] = f = DecayedSums.FactorToAsOf((ctx.AsOf - ScoreBuckets.MonthStart(b.Month)).TotalDays, m.HalfLifeDays);
                Add("", b, f);
                if (!units.TryGetValue(b.SubjectId, out var unit)) continue;
                var key = level == IndicatorLevel.District ? (unit.DistrictId is { } d ? Subject.KeyOf(d) : null) : unit.RegionCode;
                if (key is not null) Add(key, b, f);
            }
            return result;
        });

    /// <summary>The pooled share satisfied of each peer group (position category or unit kind) for one criterion.</summary>
    public Task<Dictionary<string, double>> PeerSharesAsync(ScoreSubject type, Criterion criterion, IndicatorContext ctx, CancellationToken ct) =>
        ctx.CacheAsync($"feedback.peer-share.{type}.{criterion}", async () =>
        {
            var figures = await SubjectsAsync(type, ctx, ct);
            var sums = new Dictionary<string, (double Sat, double N)>(StringComparer.Ordinal);
            foreach (var s in type == ScoreSubject.Employee ? ctx.Subjects.Employees : ctx.Subjects.Units)
            {
                if (!figures.TryGetValue(s.Id!.Value, out var row)) continue;
                var f = row[(int)criterion];
                if (f.Ratings <= 0 || f.Share is not { } share) continue;
                var group = PeerGroupOf(s);
                var had = sums.GetValueOrDefault(group);
                sums[group] = (had.Sat + Math.Round(share * f.Ratings), had.N + f.Ratings);
            }
            return sums.Where(kv => kv.Value.N > 0).ToDictionary(kv => kv.Key, kv => kv.Value.Sat / kv.Value.N, StringComparer.Ordinal);
        });

    public static string PeerGroupOf(Subject s) => s.Level == IndicatorLevel.Employee ? s.Category.ToString()! : s.UnitKind.ToString()!;
}

/// <summary>Shared shape of the three feedback sources.</summary>
public abstract class FeedbackSourceBase(FeedbackData data) : IIndicatorSource
{
    protected static readonly double Z95 = NormalDistribution.TwoSidedCriticalValue(0.95);
    protected FeedbackData Data => data;
    public abstract string Code { get; }
    public abstract MeasureUnit Measure { get; }
    public abstract double NaturalMin { get; }
    public abstract double? NaturalMax { get; }
    public IReadOnlyList<IndicatorLevel> Levels { get; } = [IndicatorLevel.Employee, IndicatorLevel.Unit, IndicatorLevel.District, IndicatorLevel.Region];
    public virtual bool IsStatisticalCount => false;
    public virtual bool UsesCriterion => true;

    public async Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(IndicatorRequest request, IndicatorContext ctx, CancellationToken ct)
    {
        var def = request.Definition;
        var criterion = UsesCriterion ? def.Criterion ?? Criterion.Overall : Criterion.Overall;
        var m = await data.MethodologyAsync(ctx, ct);
        var result = new Dictionary<string, IndicatorValue>(StringComparer.Ordinal);
        if (def.Level is IndicatorLevel.Employee or IndicatorLevel.Unit)
        {
            var type = def.Level == IndicatorLevel.Employee ? ScoreSubject.Employee : ScoreSubject.Unit;
            var figures = await data.SubjectsAsync(type, ctx, ct);
            foreach (var s in request.Subjects)
            {
                if (!figures.TryGetValue(s.Id!.Value, out var row) || row[(int)Criterion.Overall].Ratings == 0)
                {
                    result[s.Key] = Empty(def);
                    continue;
                }
                result[s.Key] = await SubjectValueAsync(def, s, type, criterion, row[(int)criterion], m, ctx, ct);
            }
            return result;
        }
        var areas = await data.AreasAsync(def.Level, ctx, ct);
        var country = areas.GetValueOrDefault("");
        foreach (var s in request.Subjects)
        {
            result[s.Key] = areas.TryGetValue(s.Key, out var sums) && sums[(int)criterion].Count > 0
                ? AreaValue(def, sums[(int)criterion], country![(int)criterion], m, ctx)
                : Empty(def);
        }
        return result;
    }

    protected virtual IndicatorValue Empty(IndicatorDefinition def) => IndicatorValue.None("Indicator.ReasonNoRatings");

    protected abstract Task<IndicatorValue> SubjectValueAsync(IndicatorDefinition def, Subject s, ScoreSubject type, Criterion criterion, ScoreFigure f,
        Methodology m, IndicatorContext ctx, CancellationToken ct);

    protected abstract IndicatorValue AreaValue(IndicatorDefinition def, DecayedSums sums, DecayedSums country, Methodology m, IndicatorContext ctx);
}

/// <summary>"feedback.score": the fair score (1–5) of a criterion — employees' and units' shrunk, case-mix adjusted
/// estimates with their 95% interval (official status = enough data); areas' pooled recency-weighted mean.</summary>
public sealed class FeedbackScoreSource(FeedbackData data) : FeedbackSourceBase(data)
{
    public override string Code => "feedback.score";
    public override MeasureUnit Measure => MeasureUnit.Score;
    public override double NaturalMin => 1;
    public override double? NaturalMax => 5;

    protected override Task<IndicatorValue> SubjectValueAsync(IndicatorDefinition def, Subject s, ScoreSubject type, Criterion criterion, ScoreFigure f,
        Methodology m, IndicatorContext ctx, CancellationToken ct)
    {
        var se = f.StandardError;
        var value = new IndicatorValue(f.Estimate, f.Lower, f.Upper, se, f.EffectiveN, f.Official, f.Official ? null : "Indicator.ReasonFewRatings");
        if (!f.Official) return Task.FromResult(value);
        var (limit, zone) = ctx.NormalPosition(f.Estimate, f.PeerMean, se, def.HigherIsBetter);
        return Task.FromResult(value with { PeerTarget = f.PeerMean, PeerLimit = limit, PeerZone = zone });
    }

    protected override IndicatorValue AreaValue(IndicatorDefinition def, DecayedSums sums, DecayedSums country, Methodology m, IndicatorContext ctx)
    {
        var moments = sums.ToMoments();
        var mean = moments.Mean;
        var se = moments.StandardErrorOfMean;
        var enough = moments.EffectiveSampleSize >= m.MinimumEffectiveN && moments.IsVarianceDefined;
        var value = new IndicatorValue(mean, Math.Max(1, mean - (Z95 * se)), Math.Min(5, mean + (Z95 * se)), se, moments.EffectiveSampleSize, enough,
            enough ? null : "Indicator.ReasonFewRatings");
        if (!enough) return value;
        var target = country.Mean;
        var (limit, zone) = ctx.NormalPosition(mean, target, se, def.HigherIsBetter);
        return value with { PeerTarget = target, PeerLimit = limit, PeerZone = zone };
    }
}

/// <summary>"feedback.share-satisfied": the share (%) of ratings at or above the methodology's "satisfied" threshold,
/// with the Wilson interval; enough data from the methodology's minimum number of ratings. Compared with the pooled
/// share of the peer group by exact binomial funnel limits.</summary>
public sealed class ShareSatisfiedSource(FeedbackData data) : FeedbackSourceBase(data)
{
    public override string Code => "feedback.share-satisfied";
    public override MeasureUnit Measure => MeasureUnit.Percent;
    public override double NaturalMin => 0;
    public override double? NaturalMax => 100;

    private static IndicatorValue Share(IndicatorDefinition def, long satisfied, long n, double? peer, Methodology m, IndicatorContext ctx)
    {
        var w = Proportions.Wilson(satisfied, n);
        var enough = n >= m.MinimumEffectiveN;
        var se = 100 * Math.Sqrt(w.Estimate * (1 - w.Estimate) / n);
        var value = new IndicatorValue(100 * w.Estimate, 100 * w.Lower, 100 * w.Upper, se, n, enough, enough ? null : "Indicator.ReasonFewRatings");
        if (!enough || peer is not { } target) return value;
        var (limit, zone) = ctx.ProportionPosition(satisfied, n, target, def.HigherIsBetter);
        return value with { PeerTarget = 100 * target, PeerLimit = 100 * limit, PeerZone = zone };
    }

    protected override async Task<IndicatorValue> SubjectValueAsync(IndicatorDefinition def, Subject s, ScoreSubject type, Criterion criterion, ScoreFigure f,
        Methodology m, IndicatorContext ctx, CancellationToken ct)
    {
        if (f.Share is not { } share || f.Ratings <= 0) return IndicatorValue.None("Indicator.ReasonNoRatings");
        var peers = await Data.PeerSharesAsync(type, criterion, ctx, ct);
        return Share(def, (long)Math.Round(share * f.Ratings), f.Ratings, peers.TryGetValue(FeedbackData.PeerGroupOf(s), out var p) ? p : null, m, ctx);
    }

    protected override IndicatorValue AreaValue(IndicatorDefinition def, DecayedSums sums, DecayedSums country, Methodology m, IndicatorContext ctx) =>
        Share(def, sums.Satisfied, sums.Count, country.Count > 0 ? (double)country.Satisfied / country.Count : null, m, ctx);
}

/// <summary>"feedback.ratings": how many counted ratings the subject received in the period — a volume of work, so a
/// statistical count: context only, never weighted.</summary>
public sealed class RatingsReceivedSource(FeedbackData data) : FeedbackSourceBase(data)
{
    public override string Code => "feedback.ratings";
    public override MeasureUnit Measure => MeasureUnit.Count;
    public override double NaturalMin => 0;
    public override double? NaturalMax => null;
    public override bool IsStatisticalCount => true;
    public override bool UsesCriterion => false;

    protected override IndicatorValue Empty(IndicatorDefinition def) => IndicatorValue.Exact(0);

    protected override Task<IndicatorValue> SubjectValueAsync(IndicatorDefinition def, Subject s, ScoreSubject type, Criterion criterion, ScoreFigure f,
        Methodology m, IndicatorContext ctx, CancellationToken ct) => Task.FromResult(IndicatorValue.Exact(f.Ratings));

    protected override IndicatorValue AreaValue(IndicatorDefinition def, DecayedSums sums, DecayedSums country, Methodology m, IndicatorContext ctx) =>
        IndicatorValue.Exact(sums.Count);
}
