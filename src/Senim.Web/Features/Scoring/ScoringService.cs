using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Senim.Statistics;
using Senim.Web.Data;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Scoring;

/// <summary>The parameters of the scoring method (version 1, from configuration section "Scoring").</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";
    [Range(1, int.MaxValue)] public int MethodologyVersion { get; set; } = 1;
    /// <summary>Half-life of a rating's weight, in days (recency weighting).</summary>
    [Range(1, 3650)] public double HalfLifeDays { get; set; } = 180;
    /// <summary>Below this effective number of ratings a score is "insufficient".</summary>
    [Range(0, 100_000)] public double MinimumEffectiveN { get; set; } = 30;
    /// <summary>A score whose 95% interval is wider than this (on the 1–5 scale) is "insufficient".</summary>
    [Range(0.01, 10)] public double MaximumIntervalWidth { get; set; } = 0.8;
    /// <summary>Floor for the between-employee variance τ², so that nobody is pulled all the way to the peer mean.</summary>
    [Range(0, 10)] public double BetweenVarianceFloor { get; set; } = 0.0025;
    /// <summary>A rating is "satisfied" when the mean of its four criteria is at least this.</summary>
    [Range(1, 5)] public double SatisfiedThreshold { get; set; } = 4;
}

public sealed record ScorePeriod(DateTime Start, DateTime End, string Label)
{
    /// <summary>"rolling12" (default: the 12 months up to now), "YYYY-MM" or "YYYY-Qn"; null when malformed.</summary>
    public static ScorePeriod? Parse(string? text, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(text) || text == "rolling12") return new(now.AddMonths(-12), now, "rolling12");
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
    double? ShareSatisfied, double? ShareSatisfiedLower, double? ShareSatisfiedUpper, double? Percentile, string Status, string[] InsufficientBecause);

/// <summary>Fair scores, computed from counted ratings for a period: each rating's four criteria averaged, weighted by
/// recency (half-life), compared with the peer norm for its interaction kind (case mix), then shrunk toward the peer
/// mean by empirical Bayes; with the interval, Wilson share satisfied, percentile among peers and official/insufficient
/// status. Every formula is in Senim.Statistics (cited there); this class only gathers the data and explains.
/// Peer group (methodology 1): employees of the same position category; units of the same kind.</summary>
public sealed class ScoringService(SenimDb db, IOptions<ScoringOptions> options, TimeProvider clock)
{
    private readonly ScoringOptions _o = options.Value;

    private sealed record Row(Guid Subject, Guid Kind, double Value, DateTime At);

    public async Task<ScoreExplanation?> EmployeeAsync(Guid employeeId, ScorePeriod period, CancellationToken ct = default)
    {
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null) return null;
        var category = await db.Positions.Where(p => p.Id == employee.PositionId).Select(p => (PositionCategory?)p.Category).FirstOrDefaultAsync(ct) ?? PositionCategory.Other;
        var all = await PeerEmployeesAsync(category, period, ct);
        return all.First(x => x.SubjectId == employeeId);
    }

    /// <summary>Scores of every employee in a peer group (one position category), computed together.</summary>
    public async Task<IReadOnlyList<ScoreExplanation>> PeerEmployeesAsync(PositionCategory category, ScorePeriod period, CancellationToken ct = default)
    {
        var peers = db.Employees.Where(e => db.Positions.Any(p => p.Id == e.PositionId && p.Category == category)
            || (category == PositionCategory.Other && e.PositionId == null));
        var rows = await (
            from ie in db.InteractionEmployees
            join r in db.Ratings on ie.InteractionId equals r.InteractionId
            where r.Status == RatingStatus.Counted && r.SubmittedAt >= period.Start && r.SubmittedAt < period.End
            join e in peers on ie.EmployeeId equals e.Id
            select new { ie.EmployeeId, r.KindId, r.Courtesy, r.Competence, r.Timeliness, r.Resolved, r.SubmittedAt }).AsNoTracking().ToListAsync(ct);
        var peerIds = await peers.Select(e => e.Id).ToListAsync(ct);
        var data = rows.Select(r => new Row(r.EmployeeId, r.KindId, (r.Courtesy + r.Competence + r.Timeliness + r.Resolved) / 4.0, r.SubmittedAt)).ToList();
        return Explain("employee", category.ToString(), peerIds, data, period);
    }

    /// <summary>The employees of a subtree, each scored within their own peer group, best estimate first.</summary>
    public async Task<IReadOnlyList<(Guid EmployeeId, string Name, ScoreExplanation Score)>> TeamAsync(string unitPath, ScorePeriod period, CancellationToken ct = default)
    {
        var members = await (
            from e in db.Employees.AsNoTracking()
            join u in db.Units on e.UnitId equals u.Id
            where u.Path.StartsWith(unitPath)
            join p in db.Positions on e.PositionId equals p.Id into pj
            from p in pj.DefaultIfEmpty()
            select new { e.Id, e.LastName, e.FirstName, Category = p == null ? PositionCategory.Other : p.Category }).Take(500).ToListAsync(ct);
        var result = new List<(Guid, string, ScoreExplanation)>();
        foreach (var group in members.GroupBy(m => m.Category))
        {
            var scores = (await PeerEmployeesAsync(group.Key, period, ct)).ToDictionary(s => s.SubjectId);
            result.AddRange(group.Select(m => (m.Id, $"{m.LastName} {m.FirstName}", scores[m.Id])));
        }
        return [.. result.OrderByDescending(r => r.Item3.Ratings > 0).ThenByDescending(r => r.Item3.Estimate)];
    }

    public sealed record FunnelPoint(Guid UnitId, string Name, int Ratings, double Mean, FunnelZone At95, FunnelZone At998);

    public sealed record FunnelView(UnitKind Kind, double Target, double StandardDeviation, IReadOnlyList<FunnelPoint> Points, int MaxRatings);

    /// <summary>Units of one kind on a funnel plot: each unit's case-mix adjusted mean against its number of ratings,
    /// with 95% and 99.8% control limits around the peer mean (Spiegelhalter 2005, via Senim.Statistics.Funnel).</summary>
    public async Task<FunnelView> FunnelAsync(UnitKind kind, ScorePeriod period, IQueryable<Unit> visibleUnits, CancellationToken ct = default)
    {
        var rows = await (
            from r in db.Ratings
            where r.Status == RatingStatus.Counted && r.SubmittedAt >= period.Start && r.SubmittedAt < period.End
            join u in db.Units on r.UnitId equals u.Id
            where u.Kind == kind
            select new { r.UnitId, r.KindId, Value = (r.Courtesy + r.Competence + r.Timeliness + r.Resolved) / 4.0 }).AsNoTracking().ToListAsync(ct);
        var norms = CaseMix.Norms(rows.Select(r => new CategoryObservation<Guid>(r.KindId, r.Value)));
        var all = WeightedAccumulator.Empty;
        var perUnit = new Dictionary<Guid, WeightedAccumulator>();
        foreach (var r in rows)
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
            points.Add(new FunnelPoint(u.Id, Infrastructure.SenimCultures.Pick(u.NameKk, u.NameRu, u.NameEn), (int)acc.Count, acc.Mean, position.At95, position.At998));
        }
        return new FunnelView(kind, norms.GrandMean, sd, points, points.Count == 0 ? 0 : points.Max(p => p.Ratings));
    }

    public async Task<ScoreExplanation?> UnitAsync(Guid unitId, ScorePeriod period, CancellationToken ct = default)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return null;
        var peers = db.Units.Where(u => u.Kind == unit.Kind);
        var rows = await (
            from r in db.Ratings
            where r.Status == RatingStatus.Counted && r.SubmittedAt >= period.Start && r.SubmittedAt < period.End
            join u in peers on r.UnitId equals u.Id
            select new { r.UnitId, r.KindId, r.Courtesy, r.Competence, r.Timeliness, r.Resolved, r.SubmittedAt }).AsNoTracking().ToListAsync(ct);
        var peerIds = await peers.Select(u => u.Id).ToListAsync(ct);
        var data = rows.Select(r => new Row(r.UnitId, r.KindId, (r.Courtesy + r.Competence + r.Timeliness + r.Resolved) / 4.0, r.SubmittedAt)).ToList();
        return Explain("unit", unit.Kind.ToString(), peerIds, data, period).First(x => x.SubjectId == unitId);
    }

    private List<ScoreExplanation> Explain(string subject, string peerGroup, IReadOnlyList<Guid> peerIds, List<Row> rows, ScorePeriod period)
    {
        var asOf = period.End < clock.GetUtcNow().UtcDateTime ? period.End : clock.GetUtcNow().UtcDateTime;
        var recency = new RecencyWeights(_o.HalfLifeDays);
        var weighted = rows.Select(r => (Row: r, W: recency.Weight((asOf - r.At).TotalDays))).ToList();

        // Case mix: the peer norm of each interaction kind; a rating counts as its distance from that norm.
        var norms = CaseMix.Norms(weighted.Select(x => new CategoryObservation<Guid>(x.Row.Kind, x.Row.Value, x.W)));
        var index = peerIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var adjusted = new WeightedAccumulator[peerIds.Count];
        var satisfied = new int[peerIds.Count];
        var counts = new int[peerIds.Count];
        var bySubject = new List<CategoryObservation<Guid>>[peerIds.Count];
        foreach (var (row, w) in weighted)
        {
            if (!index.TryGetValue(row.Subject, out var i)) continue;
            adjusted[i] = adjusted[i].Add(row.Value - norms.Norms[row.Kind] + norms.GrandMean, w);
            counts[i]++;
            if (row.Value >= _o.SatisfiedThreshold) satisfied[i]++;
            (bySubject[i] ??= []).Add(new CategoryObservation<Guid>(row.Kind, row.Value, w));
        }

        var groups = adjusted.Select(a => a.Count == 0 ? new GroupSummary(0, 0, 0) : GroupSummary.FromMoments(a.Moments)).ToList();
        var fit = EmpiricalBayes.Shrink(groups, new EmpiricalBayesOptions { MinimumBetweenGroupVariance = _o.BetweenVarianceFloor });
        var estimates = fit.IsDefined ? fit.Estimates.Where(x => x.HasObservations).Select(x => x.Estimate).ToArray() : [];
        var result = new List<ScoreExplanation>(peerIds.Count);
        for (var me = 0; me < peerIds.Count; me++)
        {
            var caseMix = norms.Adjust(bySubject[me] ?? []);
            if (!fit.IsDefined || !fit.Estimates[me].HasObservations)
            {
                // No ratings, or no spread to learn from: defined, explained, and never official.
                result.Add(new ScoreExplanation(subject, peerIds[me], period.Label, _o.MethodologyVersion, peerGroup, peerIds.Count,
                    counts[me], adjusted[me].Moments.EffectiveSampleSize,
                    caseMix.IsDefined ? caseMix.ObservedMean : null, caseMix.IsDefined ? caseMix.ExpectedMean : null, caseMix.IsDefined ? caseMix.AdjustedMean : null,
                    fit.IsDefined ? fit.PeerMean : norms.GrandMean, fit.IsDefined ? fit.PeerMean : norms.GrandMean, 1, 5, 1, 0,
                    fit.WithinVariance, fit.BetweenGroupVariance, null, null, null, null, "insufficient", ["TooFewEffectiveRatings"]));
                continue;
            }
            var e = fit.Estimates[me];
            var share = Proportions.Wilson(satisfied[me], counts[me]);
            var percentile = Statistics.Percentile.Rank(e.Estimate, estimates);
            var status = ScoreStatus.Evaluate(e.SampleSize, e.IntervalWidth, new ScoreStatusPolicy(_o.MaximumIntervalWidth, _o.MinimumEffectiveN));
            result.Add(new ScoreExplanation(subject, peerIds[me], period.Label, _o.MethodologyVersion, peerGroup, peerIds.Count, counts[me], e.SampleSize,
                caseMix.ObservedMean, caseMix.ExpectedMean, caseMix.AdjustedMean, fit.PeerMean, e.Estimate, e.Lower, e.Upper, e.ShrinkageFactor, e.Pull,
                fit.WithinVariance, fit.BetweenGroupVariance, share.Estimate, share.Lower, share.Upper, percentile.IsDefined ? percentile.Rank : null,
                status.IsOfficial ? "official" : "insufficient",
                [.. Enum.GetValues<InsufficiencyReasons>().Where(r => r != InsufficiencyReasons.None && status.Reasons.HasFlag(r)).Select(r => r.ToString())]));
        }
        return result;
    }
}
