using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Scoring;

public sealed record RecomputeResult(int Buckets, int EmployeeScores, int UnitScores, TimeSpan Rebuild, TimeSpan Compute, long PeakManagedBytes);

/// <summary>The full recompute: rebuild the sufficient statistics from every counted rating, compute every employee's
/// and unit's scores for a period under one methodology, and store them (replacing that period's stored scores for the
/// version) — all in one transaction, so readers see the old scores or the new ones, never a mix. On PostgreSQL a
/// transaction-level advisory lock serialises recomputes started on different nodes. Memory grows with the number of
/// buckets (subjects × months × kinds), not with the number of ratings: ratings are aggregated by the database (or
/// streamed), and scores are written peer group by peer group.</summary>
public sealed class ScoreRecompute(SenimDb db, ScoringService scoring)
{
    public async Task<RecomputeResult> RunAsync(Methodology m, ScorePeriod period, bool rebuild, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var peak = GC.GetTotalMemory(false);
        void Sample() => peak = Math.Max(peak, GC.GetTotalMemory(false));
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        // Inside the caller's transaction when there is one (activating a methodology), else in its own.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync(ScoringSql.RecomputeLock, ct);
        var clock = Stopwatch.StartNew();
        var buckets = 0;
        if (rebuild)
        {
            progress?.Report("buckets");
            buckets = await ScoreBuckets.RebuildAsync(db, m, ct);
        }
        var rebuildTime = clock.Elapsed;
        clock.Restart();

        var asOf = scoring.AsOf(period);
        var (firstMonth, lastMonth) = ScoringService.Months(period, asOf);
        var now = DateTime.UtcNow;
        await db.Scores.Where(s => s.Period == period.Label && s.MethodologyVersion == m.Version).ExecuteDeleteAsync(ct);

        // Employees, peer group by peer group (position category).
        progress?.Report("employees");
        var employees = await (from e in db.Employees.AsNoTracking()
                               join p in db.Positions on e.PositionId equals p.Id into pj
                               from p in pj.DefaultIfEmpty()
                               select new { e.Id, Category = p == null ? PositionCategory.Other : p.Category }).ToListAsync(ct);
        var employeeBuckets = await LoadAsync(ScoreSubject.Employee, firstMonth, lastMonth, ct);
        Sample();
        var employeeScores = 0;
        foreach (var group in employees.GroupBy(e => e.Category))
        {
            var scores = await scoring.ComputeEmployeesAsync(group.Key.ToString(), [.. group.Select(e => e.Id)], Of(employeeBuckets), m, period, asOf, ct);
            Sample();
            employeeScores += await WriteAsync(ScoreSubject.Employee, scores, now, ct);
        }
        employeeBuckets.Clear();

        // Units, by unit kind.
        progress?.Report("units");
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Kind }).ToListAsync(ct);
        var unitBuckets = await LoadAsync(ScoreSubject.Unit, firstMonth, lastMonth, ct);
        var unitScores = 0;
        foreach (var group in units.GroupBy(u => u.Kind))
        {
            var scores = ScoreCalculator.Compute("unit", group.Key.ToString(), [.. group.Select(u => u.Id)], Of(unitBuckets), m, period, asOf);
            unitScores += await WriteAsync(ScoreSubject.Unit, scores, now, ct);
        }
        Sample();
        if (tx is not null) await tx.CommitAsync(ct);
        return new RecomputeResult(buckets, employeeScores, unitScores, rebuildTime, clock.Elapsed, peak);
    }

    private static Func<Guid, IEnumerable<ScoreBucket>> Of(Dictionary<Guid, List<ScoreBucket>> buckets) =>
        id => buckets.TryGetValue(id, out var list) ? list : [];

    private async Task<Dictionary<Guid, List<ScoreBucket>>> LoadAsync(ScoreSubject type, int firstMonth, int lastMonth, CancellationToken ct)
    {
        var result = new Dictionary<Guid, List<ScoreBucket>>();
        await foreach (var b in db.ScoreBuckets.AsNoTracking().Where(b => b.SubjectType == type && b.Month >= firstMonth && b.Month <= lastMonth && b.Count > 0)
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!result.TryGetValue(b.SubjectId, out var list)) result[b.SubjectId] = list = [];
            list.Add(b);
        }
        return result;
    }

    private static IEnumerable<StoredScore> Rows(ScoreSubject type, ScoreExplanation overall, DateTime now)
    {
        foreach (var s in overall.Criteria!.Values.Prepend(overall))
        {
            yield return new StoredScore
            {
                SubjectType = type, SubjectId = s.SubjectId, Period = s.Period, Criterion = Enum.Parse<Criterion>(s.Criterion, ignoreCase: true),
                MethodologyVersion = s.MethodologyVersion, PeerGroup = s.PeerGroup, Ratings = s.Ratings, EffectiveN = s.EffectiveN, RawMean = s.RawMean,
                ExpectedMean = s.ExpectedMean, PeerMean = s.PeerMean, Estimate = s.Estimate, Lower = s.Lower, Upper = s.Upper,
                ShareSatisfied = s.ShareSatisfied, Percentile = s.Percentile, Official = s.Status == "official",
                Reasons = s.InsufficientBecause.Length == 0 ? null : string.Join(",", s.InsufficientBecause), ComputedAt = now,
            };
        }
    }

    /// <summary>PostgreSQL: binary COPY; SQLite: batched inserts. Both inside the recompute's transaction.</summary>
    private async Task<int> WriteAsync(ScoreSubject type, List<ScoreExplanation> scores, DateTime now, CancellationToken ct)
    {
        var rows = scores.SelectMany(s => Rows(type, s, now));
        var n = 0;
        if (db.IsPostgres)
        {
            var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
            await using var copy = await connection.BeginBinaryImportAsync(ScoringSql.CopyScores, ct);
            foreach (var r in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync((short)r.SubjectType, NpgsqlTypes.NpgsqlDbType.Smallint, ct);
                await copy.WriteAsync(r.SubjectId, NpgsqlTypes.NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(r.Period, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((short)r.Criterion, NpgsqlTypes.NpgsqlDbType.Smallint, ct);
                await copy.WriteAsync(r.MethodologyVersion, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(r.PeerGroup, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.Ratings, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(r.EffectiveN, NpgsqlTypes.NpgsqlDbType.Double, ct);
                await WriteNullableAsync(copy, r.RawMean, ct);
                await WriteNullableAsync(copy, r.ExpectedMean, ct);
                await copy.WriteAsync(r.PeerMean, NpgsqlTypes.NpgsqlDbType.Double, ct);
                await copy.WriteAsync(r.Estimate, NpgsqlTypes.NpgsqlDbType.Double, ct);
                await copy.WriteAsync(r.Lower, NpgsqlTypes.NpgsqlDbType.Double, ct);
                await copy.WriteAsync(r.Upper, NpgsqlTypes.NpgsqlDbType.Double, ct);
                await WriteNullableAsync(copy, r.ShareSatisfied, ct);
                await WriteNullableAsync(copy, r.Percentile, ct);
                await copy.WriteAsync(r.Official, NpgsqlTypes.NpgsqlDbType.Boolean, ct);
                if (r.Reasons is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(r.Reasons, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.ComputedAt, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
                n++;
            }
            await copy.CompleteAsync(ct);
            return n;
        }
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var chunk in rows.Chunk(2000))
            {
                db.Scores.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                n += chunk.Length;
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }
        return n;
    }

    private static async Task WriteNullableAsync(Npgsql.NpgsqlBinaryImporter copy, double? value, CancellationToken ct)
    {
        if (value is { } v) await copy.WriteAsync(v, NpgsqlTypes.NpgsqlDbType.Double, ct);
        else await copy.WriteNullAsync(ct);
    }
}
