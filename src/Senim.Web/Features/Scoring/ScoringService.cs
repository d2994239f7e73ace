using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Senim.Statistics;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Scoring;

public sealed record ScorePeriod(DateTime Start, DateTime End, string Label)
{
    /// <summary>"rolling12" (default: the 12 months up to now), "YYYY-MM" or "YYYY-Qn"; null when malformed.</summary>
    public static ScorePeriod? Parse(string? text, DateTime now)
    {
        // Rolling 12 months: the current month so far and the 11 whole months before it (scores are kept per month).
        if (string.IsNullOrWhiteSpace(text) || text == "rolling12")
            return new(new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-11), now, "rolling12");
        if (text.Length == 7 && text[4] == '-' && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 && y is >= 2000 and <= 2100)
        {
            var start = new DateTime(y, m, 1, 0, 0, 0, DateTimeKind.Utc);
            return new(start, start.AddMonths(1), text);
        }
        if (text.Length == 7 && text[4] == '-' && text[5] is 'Q' or 'q' && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var qy)
            && text[6] is >= '1' and <= '4' && qy is >= 2000 and <= 2100)
        {
            var start = new DateTime(qy, (text[6] - '1') * 3 + 1, 1, 0, 0, 0, DateTimeKind.Utc);
            return new(start, start.AddMonths(3), text.ToUpperInvariant());
        }
        return null;
    }
}

public sealed record ScoreExplanation(
    string Subject, Guid SubjectId, string Period, int MethodologyVersion, string PeerGroup, int PeerGroupSize,
    int Ratings, double EffectiveN, double? RawMean, double? ExpectedMean, double? CaseMixAdjustedMean, double PeerMean,
    double Estimate, double Lower, double Upper, double ShrinkageFactor, double Pull, double WithinVariance, double BetweenVariance,
    double? ShareSatisfied, double? ShareSatisfiedLower, double? ShareSatisfiedUpper, double? Percentile, string Status, string[] InsufficientBecause)
{
    /// <summary>"overall" or the criterion this explains.</summary>
    public string Criterion { get; init; } = "overall";
    /// <summary>With the overall score: the same explanation for each of the four criteria.</summary>
    public IReadOnlyDictionary<string, ScoreExplanation>? Criteria { get; init; }
}

/// <summary>Scores from the sufficient statistics (<see cref="ScoreBucket"/>), never from a rescan of ratings: each
/// month's sums are brought to the period's end by one recency factor, each interaction kind is compared with its peer
/// norm (case mix), and the adjusted means are shrunk toward the peer mean by empirical Bayes, with the interval, the
/// Wilson share satisfied, the percentile among peers and the official/insufficient status. Every formula is in
/// Senim.Statistics (cited there); this class only gathers and explains.</summary>
public static class ScoreCalculator
{
    public static readonly Criterion[] AllCriteria = [Criterion.Overall, Criterion.Courtesy, Criterion.Competence, Criterion.Timeliness, Criterion.Resolved];

    public static string Name(Criterion c) => c.ToString().ToLowerInvariant();

    /// <summary>Scores of one peer group. <paramref name="buckets"/> holds the subjects' buckets of the period's months.</summary>
    public static List<ScoreExplanation> Compute(string subject, string peerGroup, IReadOnlyList<Guid> peers, Func<Guid, IEnumerable<ScoreBucket>> buckets,
        Methodology m, ScorePeriod period, DateTime asOf)
    {
        var factors = new Dictionary<int, double>();
        double Factor(int month)
        {
            if (!factors.TryGetValue(month, out var f))
                factors[month] = f = DecayedSums.FactorToAsOf((asOf - ScoreBuckets.MonthStart(month)).TotalDays, m.HalfLifeDays);
            return f;
        }
        var byCriterion = new Dictionary<Criterion, List<ScoreExplanation>>();
        foreach (var c in AllCriteria)
        {
            // Each subject's sums per interaction kind, brought to the period's end.
            var perSubject = new Dictionary<Guid, DecayedSums>[peers.Count];
            var observations = new List<CategoryObservation<Guid>>();
            for (var i = 0; i < peers.Count; i++)
            {
                var kinds = perSubject[i] = [];
                foreach (var b in buckets(peers[i]))
                {
                    if (b.Count <= 0 || b.SumW <= 0) continue;
                    var sums = ScoreBuckets.Sums(b, c).Scale(Factor(b.Month));
                    kinds[b.KindId] = kinds.TryGetValue(b.KindId, out var had) ? had.Plus(sums) : sums;
                }
                observations.AddRange(kinds.Select(k => new CategoryObservation<Guid>(k.Key, k.Value.Mean, k.Value.SumOfWeights)));
            }
            // Case mix: the peer norm of each kind (weighted mean of the kind's sums); a rating counts as its distance from it.
            var norms = CaseMix.Norms(observations);
            var groups = new GroupSummary[peers.Count];
            var counts = new long[peers.Count];
            var satisfied = new long[peers.Count];
            var adjustedN = new double[peers.Count];
            for (var i = 0; i < peers.Count; i++)
            {
                var adjusted = new DecayedSums();
                foreach (var (kind, sums) in perSubject[i]) adjusted = adjusted.Plus(sums.Shift(norms.Norms[kind] - norms.GrandMean));
                counts[i] = adjusted.Count;
                satisfied[i] = adjusted.Satisfied;
                var moments = adjusted.ToMoments();
                adjustedN[i] = moments.EffectiveSampleSize;
                groups[i] = adjusted.Count == 0 ? new GroupSummary(0, 0, 0) : GroupSummary.FromMoments(moments);
            }
            var fit = EmpiricalBayes.Shrink(groups, new EmpiricalBayesOptions { MinimumBetweenGroupVariance = m.BetweenVarianceFloor });
            // Percentile among the peers with ratings: all ranks at once, O(n log n) (a peer group may hold 20,000 people).
            var withRatings = fit.IsDefined ? Enumerable.Range(0, peers.Count).Where(i => fit.Estimates[i].HasObservations).ToArray() : [];
            var ranks = Statistics.Percentile.Ranks([.. withRatings.Select(i => fit.Estimates[i].Estimate)]);
            var rankOf = new Dictionary<int, PercentileRank>(withRatings.Length);
            for (var k = 0; k < withRatings.Length; k++) rankOf[withRatings[k]] = ranks[k];
            var list = new List<ScoreExplanation>(peers.Count);
            for (var me = 0; me < peers.Count; me++)
            {
                var caseMix = perSubject[me].Count == 0 ? default
                    : norms.Adjust(perSubject[me].Select(k => new CategoryObservation<Guid>(k.Key, k.Value.Mean, k.Value.SumOfWeights)));
                var hasCaseMix = perSubject[me].Count > 0 && caseMix.IsDefined;
                if (!fit.IsDefined || !fit.Estimates[me].HasObservations)
                {
                    // No ratings, or no spread to learn from: defined, explained, and never official.
                    var peerMean = fit.IsDefined ? fit.PeerMean : norms.GrandMean;
                    list.Add(new ScoreExplanation(subject, peers[me], period.Label, m.Version, peerGroup, peers.Count, (int)counts[me], adjustedN[me],
                        hasCaseMix ? caseMix.ObservedMean : null, hasCaseMix ? caseMix.ExpectedMean : null, hasCaseMix ? caseMix.AdjustedMean : null,
                        peerMean, peerMean, 1, 5, 1, 0, fit.WithinVariance, fit.BetweenGroupVariance, null, null, null, null, "insufficient",
                        ["TooFewEffectiveRatings"]) { Criterion = Name(c) });
                    continue;
                }
                var e = fit.Estimates[me];
                var share = Proportions.Wilson(satisfied[me], counts[me]);
                var percentile = rankOf[me];
                var status = ScoreStatus.Evaluate(e.SampleSize, e.IntervalWidth, new ScoreStatusPolicy(m.MaximumIntervalWidth, m.MinimumEffectiveN));
                list.Add(new ScoreExplanation(subject, peers[me], period.Label, m.Version, peerGroup, peers.Count, (int)counts[me], e.SampleSize,
                    caseMix.ObservedMean, caseMix.ExpectedMean, caseMix.AdjustedMean, fit.PeerMean, e.Estimate, e.Lower, e.Upper, e.ShrinkageFactor, e.Pull,
                    fit.WithinVariance, fit.BetweenGroupVariance, share.Estimate, share.Lower, share.Upper, percentile.IsDefined ? percentile.Rank : null,
                    status.IsOfficial ? "official" : "insufficient",
                    [.. Enum.GetValues<InsufficiencyReasons>().Where(r => r != InsufficiencyReasons.None && status.Reasons.HasFlag(r)).Select(r => r.ToString())])
                    { Criterion = Name(c) });
            }
            byCriterion[c] = list;
        }
        var result = new List<ScoreExplanation>(peers.Count);
        for (var i = 0; i < peers.Count; i++)
        {
            var criteria = AllCriteria.Skip(1).ToDictionary(Name, c => byCriterion[c][i]);
            result.Add(byCriterion[Criterion.Overall][i] with { Criteria = criteria });
        }
        return result;
    }

    /// <summary>Buckets built in memory from ratings (for a draft methodology's preview, which has no stored buckets).</summary>
    public static ILookup<Guid, ScoreBucket> BucketsFrom(IEnumerable<(Guid Subject, Guid Kind, DateTime At, int C, int K, int T, int R)> ratings, Methodology m)
    {
        var buckets = new Dictionary<(Guid, int, Guid), ScoreBucket>();
        foreach (var x in ratings)
        {
            var key = (x.Subject, ScoreBuckets.MonthOf(x.At), x.Kind);
            if (!buckets.TryGetValue(key, out var b))
                buckets[key] = b = new ScoreBucket { SubjectId = x.Subject, Month = key.Item2, KindId = x.Kind };
            ScoreBuckets.Accumulate(b, m, x.At, x.C, x.K, x.T, x.R, +1);
        }
        return buckets.Values.ToLookup(b => b.SubjectId);
    }
}

/// <summary>Reads scores for employees and units (computed on request from the sufficient statistics, so a rating
/// counts at once), and runs the full recompute that rebuilds the statistics and stores every score.
/// Peer groups: employees of the same position category (and, if the methodology says so, the same main interaction
/// kind); units of the same kind.</summary>
public sealed class ScoringService(SenimDb db, TimeProvider clock)
{
    public Task<Methodology> ActiveMethodologyAsync(CancellationToken ct = default) => ScoreBuckets.ActiveAsync(db, ct);

    internal DateTime AsOf(ScorePeriod period)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return period.End < now ? period.End : now;
    }

    internal static (int From, int To) Months(ScorePeriod period, DateTime asOf) =>
        (ScoreBuckets.MonthOf(period.Start), ScoreBuckets.MonthOf(asOf.AddTicks(-1) < period.Start ? period.Start : asOf.AddTicks(-1)));

    public async Task<ScoreExplanation?> EmployeeAsync(Guid employeeId, ScorePeriod period, CancellationToken ct = default)
    {
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null) return null;
        var category = await db.Positions.Where(p => p.Id == employee.PositionId).Select(p => (PositionCategory?)p.Category).FirstOrDefaultAsync(ct) ?? PositionCategory.Other;
        var all = await PeerEmployeesAsync(category, period, ct);
        return all.First(x => x.SubjectId == employeeId);
    }

    private IQueryable<Employee> PeersOf(PositionCategory category) => db.Employees.Where(e =>
        db.Positions.Any(p => p.Id == e.PositionId && p.Category == category) || (category == PositionCategory.Other && e.PositionId == null));

    /// <summary>Scores of every employee of one position category (split by main kind when the methodology says so).</summary>
    public async Task<IReadOnlyList<ScoreExplanation>> PeerEmployeesAsync(PositionCategory category, ScorePeriod period, CancellationToken ct = default)
    {
        var m = await ActiveMethodologyAsync(ct);
        var asOf = AsOf(period);
        var (firstMonth, lastMonth) = Months(period, asOf);
        var peers = PeersOf(category);
        var peerIds = await peers.Select(e => e.Id).ToListAsync(ct);
        var buckets = (await (from b in db.ScoreBuckets.AsNoTracking()
                              where b.SubjectType == ScoreSubject.Employee && b.Month >= firstMonth && b.Month <= lastMonth
                              join e in peers on b.SubjectId equals e.Id
                              select b).ToListAsync(ct)).ToLookup(b => b.SubjectId);
        return await ComputeEmployeesAsync(category.ToString(), peerIds, id => buckets[id], m, period, asOf, ct);
    }

    internal async Task<List<ScoreExplanation>> ComputeEmployeesAsync(string category, List<Guid> peerIds, Func<Guid, IEnumerable<ScoreBucket>> buckets,
        Methodology m, ScorePeriod period, DateTime asOf, CancellationToken ct)
    {
        if (m.PeerGroups == PeerGroupRule.PositionCategory)
            return ScoreCalculator.Compute("employee", category, peerIds, buckets, m, period, asOf);
        var kinds = await db.InteractionKinds.AsNoTracking().ToDictionaryAsync(k => k.Id, k => k.Code, ct);
        var result = new List<ScoreExplanation>(peerIds.Count);
        foreach (var group in peerIds.GroupBy(id => MainKind(buckets(id))))
        {
            var label = group.Key is { } k ? $"{category}/{kinds.GetValueOrDefault(k, "?")}" : category;
            result.AddRange(ScoreCalculator.Compute("employee", label, [.. group], buckets, m, period, asOf));
        }
        return result;
    }

    /// <summary>The interaction kind most of a subject's ratings in the period come from (null: none).</summary>
    private static Guid? MainKind(IEnumerable<ScoreBucket> buckets) =>
        buckets.Where(b => b.Count > 0).GroupBy(b => b.KindId).Select(g => (g.Key, N: g.Sum(b => b.Count)))
            .OrderByDescending(x => x.N).ThenBy(x => x.Key).Select(x => (Guid?)x.Key).FirstOrDefault();

    /// <summary>The employees of a subtree, each scored within their own peer group, best estimate first.</summary>
    public async Task<IReadOnlyList<(Guid EmployeeId, string Name, ScoreExplanation Score)>> TeamAsync(string unitPath, ScorePeriod period, CancellationToken ct = default)
    {
        var members = await (
            from e in db.Employees.AsNoTracking()
            join u in db.Units on e.UnitId equals u.Id
            where u.Path.StartsWith(unitPath)
            join p in db.Positions on e.PositionId equals p.Id into pj
            from p in pj.DefaultIfEmpty()
            orderby e.LastName, e.FirstName, e.Id
            select new { e.Id, e.LastName, e.FirstName, Category = p == null ? PositionCategory.Other : p.Category }).Take(500).ToListAsync(ct);
        var result = new List<(Guid, string, ScoreExplanation)>();
        foreach (var group in members.GroupBy(m => m.Category))
        {
            var scores = (await PeerEmployeesAsync(group.Key, period, ct)).ToDictionary(s => s.SubjectId);
            result.AddRange(group.Select(m => (m.Id, $"{m.LastName} {m.FirstName}", scores[m.Id])));
        }
        return [.. result.OrderByDescending(r => r.Item3.Ratings > 0).ThenByDescending(r => r.Item3.Estimate)];
    }

    public async Task<ScoreExplanation?> UnitAsync(Guid unitId, ScorePeriod period, CancellationToken ct = default)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return null;
        var m = await ActiveMethodologyAsync(ct);
        var asOf = AsOf(period);
        var (firstMonth, lastMonth) = Months(period, asOf);
        var peers = db.Units.Where(u => u.Kind == unit.Kind);
        var peerIds = await peers.Select(u => u.Id).ToListAsync(ct);
        var buckets = (await (from b in db.ScoreBuckets.AsNoTracking()
                              where b.SubjectType == ScoreSubject.Unit && b.Month >= firstMonth && b.Month <= lastMonth
                              join u in peers on b.SubjectId equals u.Id
                              select b).ToListAsync(ct)).ToLookup(b => b.SubjectId);
        return ScoreCalculator.Compute("unit", unit.Kind.ToString(), peerIds, id => buckets[id], m, period, asOf).First(x => x.SubjectId == unitId);
    }

    public sealed record FunnelPoint(Guid UnitId, string Name, int Ratings, double Mean, FunnelZone At95, FunnelZone At998);

    public sealed record FunnelView(UnitKind Kind, double Target, double StandardDeviation, IReadOnlyList<FunnelPoint> Points, int MaxRatings);

    /// <summary>Units of one kind on a funnel plot: each unit's case-mix adjusted mean against its number of ratings,
    /// with 95% and 99.8% control limits around the peer mean (Spiegelhalter 2005, via Senim.Statistics.Funnel).</summary>
    public async Task<FunnelView> FunnelAsync(UnitKind kind, ScorePeriod period, IQueryable<Unit> visibleUnits, CancellationToken ct = default)
    {
        var m = await ActiveMethodologyAsync(ct);
        var rows = await (
            from r in db.Ratings
            where r.Status == RatingStatus.Counted && r.SubmittedAt >= period.Start && r.SubmittedAt < period.End
            join u in db.Units on r.UnitId equals u.Id
            where u.Kind == kind
            select new { r.UnitId, r.KindId, r.Courtesy, r.Competence, r.Timeliness, r.Resolved }).AsNoTracking().ToListAsync(ct);
        var values = rows.Select(r => (r.UnitId, r.KindId, Value: m.Overall(r.Courtesy, r.Competence, r.Timeliness, r.Resolved))).ToList();
        var norms = CaseMix.Norms(values.Select(r => new CategoryObservation<Guid>(r.KindId, r.Value)));
        var all = WeightedAccumulator.Empty;
        var perUnit = new Dictionary<Guid, WeightedAccumulator>();
        foreach (var r in values)
        {
            var v = r.Value - norms.Norms[r.KindId] + norms.GrandMean;
            perUnit[r.UnitId] = perUnit.GetValueOrDefault(r.UnitId).Add(v, 1);
            all = all.Add(v, 1);
        }
        var sd = all.Moments.IsVarianceDefined ? all.Moments.StandardDeviation : 0;
        var visible = await visibleUnits.Where(u => u.Kind == kind).Select(u => new { u.Id, u.NameKk, u.NameRu, u.NameEn }).ToListAsync(ct);
        var points = new List<FunnelPoint>();
        foreach (var u in visible)
        {
            if (!perUnit.TryGetValue(u.Id, out var acc) || acc.Count == 0) continue;
            var position = Funnel.ClassifyMean(acc.Mean, norms.GrandMean, sd, acc.Count);
            points.Add(new FunnelPoint(u.Id, Common.SenimCultures.Pick(u.NameKk, u.NameRu, u.NameEn), (int)acc.Count, acc.Mean, position.At95, position.At998));
        }
        return new FunnelView(kind, norms.GrandMean, sd, points, points.Count == 0 ? 0 : points.Max(p => p.Ratings));
    }
}
