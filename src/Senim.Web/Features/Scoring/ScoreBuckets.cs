using Microsoft.EntityFrameworkCore.Storage;
using Senim.Statistics;
using Senim.Web.Features.Feedback;

namespace Senim.Web.Features.Scoring;

public readonly record struct BucketKey(ScoreSubject SubjectType, Guid SubjectId, int Month, Guid KindId);

/// <summary>The sufficient statistics behind scores (see <see cref="ScoreBucket"/>): a rating that starts or stops
/// counting changes one bucket of each employee it names and one of its unit, by atomic upserts in the caller's
/// transaction — O(1) per rating, never a rescan. <see cref="RebuildAsync"/> recomputes every bucket from the ratings;
/// both give the same sums (tested to 1e-9).</summary>
public static class ScoreBuckets
{
    public static int MonthOf(DateTime utc) => (utc.Year * 100) + utc.Month;

    public static DateTime MonthStart(int month) => new(month / 100, month % 100, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The anchored weight of a rating submitted at <paramref name="at"/> (anchor: its month's first instant).</summary>
    public static double Weight(DateTime at, double halfLifeDays) =>
        DecayedSums.AnchoredWeight((at - MonthStart(MonthOf(at))).TotalDays, halfLifeDays);

    /// <summary>Adds (sign +1) or removes (sign −1) one rating's contribution to an in-memory bucket.</summary>
    public static void Accumulate(ScoreBucket b, Methodology m, DateTime at, int courtesy, int competence, int timeliness, int resolved, int sign)
    {
        var w = Weight(at, m.HalfLifeDays);
        var overall = m.Overall(courtesy, competence, timeliness, resolved);
        var t = m.SatisfiedThreshold;
        b.Count += sign;
        b.SumW += sign * w;
        b.SumW2 += sign * w * w;
        b.OverallSum += sign * w * overall; b.OverallSumSq += sign * w * overall * overall; b.OverallSat += overall >= t ? sign : 0;
        b.CourtesySum += sign * w * courtesy; b.CourtesySumSq += sign * w * courtesy * courtesy; b.CourtesySat += courtesy >= t ? sign : 0;
        b.CompetenceSum += sign * w * competence; b.CompetenceSumSq += sign * w * competence * competence; b.CompetenceSat += competence >= t ? sign : 0;
        b.TimelinessSum += sign * w * timeliness; b.TimelinessSumSq += sign * w * timeliness * timeliness; b.TimelinessSat += timeliness >= t ? sign : 0;
        b.ResolvedSum += sign * w * resolved; b.ResolvedSumSq += sign * w * resolved * resolved; b.ResolvedSat += resolved >= t ? sign : 0;
    }

    /// <summary>One criterion of a bucket as <see cref="DecayedSums"/>.</summary>
    public static DecayedSums Sums(ScoreBucket b, Criterion c) => c switch
    {
        Criterion.Courtesy => new(b.Count, b.SumW, b.SumW2, b.CourtesySum, b.CourtesySumSq, b.CourtesySat),
        Criterion.Competence => new(b.Count, b.SumW, b.SumW2, b.CompetenceSum, b.CompetenceSumSq, b.CompetenceSat),
        Criterion.Timeliness => new(b.Count, b.SumW, b.SumW2, b.TimelinessSum, b.TimelinessSumSq, b.TimelinessSat),
        Criterion.Resolved => new(b.Count, b.SumW, b.SumW2, b.ResolvedSum, b.ResolvedSumSq, b.ResolvedSat),
        _ => new(b.Count, b.SumW, b.SumW2, b.OverallSum, b.OverallSumSq, b.OverallSat),
    };

    /// <summary>The bucket deltas of ratings that start (sign +1) or stop (sign −1) counting.</summary>
    public static Dictionary<BucketKey, ScoreBucket> Deltas(IEnumerable<(Rating Rating, IEnumerable<Guid> Employees, int Sign)> changes, Methodology m)
    {
        var deltas = new Dictionary<BucketKey, ScoreBucket>();
        foreach (var (r, employees, sign) in changes)
        {
            var month = MonthOf(r.SubmittedAt);
            foreach (var key in employees.Distinct().Select(e => new BucketKey(ScoreSubject.Employee, e, month, r.KindId))
                         .Append(new BucketKey(ScoreSubject.Unit, r.UnitId, month, r.KindId)))
            {
                if (!deltas.TryGetValue(key, out var b))
                    deltas[key] = b = new ScoreBucket { SubjectType = key.SubjectType, SubjectId = key.SubjectId, Month = key.Month, KindId = key.KindId };
                Accumulate(b, m, r.SubmittedAt, r.Courtesy, r.Competence, r.Timeliness, r.Resolved, sign);
            }
        }
        return deltas;
    }

    private static object[] Values(ScoreBucket b) => [.. ScoringSql.BucketValueColumns.Select(c => c.Long is { } l ? (object)l(b) : c.Double!(b))];

    /// <summary>Adds the deltas to the stored buckets with atomic upserts (INSERT … ON CONFLICT DO UPDATE SET x = x + excluded.x,
    /// on PostgreSQL and SQLite alike), in the caller's transaction. Rows are written in key order, so
    /// transactions that touch the same buckets (the group-commit writers, a moderator's release) lock them in the same
    /// order and wait for one another instead of deadlocking: with ratings for many employees, two batches written in
    /// their arrival order deadlocked on PostgreSQL (bench/ingest, 2026-12-07), and every rating of the failed batch got
    /// a 500.</summary>
    public static async Task ApplyAsync(SenimDb db, IReadOnlyCollection<ScoreBucket> deltas, CancellationToken ct)
    {
        if (deltas.Count == 0) return;
        if (db.IsPostgres)
        {
            await ApplyNpgsqlAsync(db, deltas, ct);
            return;
        }
        const int chunk = 400; // 22 parameters a row: within SQLite's parameter limit
        var ordered = deltas.OrderBy(b => b.SubjectType).ThenBy(b => b.SubjectId).ThenBy(b => b.Month).ThenBy(b => b.KindId);
        foreach (var part in ordered.Chunk(chunk))
        {
            var parameters = new List<object>(part.Length * ScoringSql.BucketRowWidth);
            foreach (var b in part) parameters.AddRange([(short)b.SubjectType, SqliteId(b.SubjectId), b.Month, SqliteId(b.KindId), .. Values(b)]);
            await db.Database.ExecuteSqlRawAsync(ScoringSql.SqliteUpsertBuckets(part.Length), parameters, ct);
        }
    }

    /// <summary>PostgreSQL: the same upsert as one statement whose text never changes, whatever the number of buckets
    /// (<see cref="ScoringSql.UpsertBuckets"/>). The rows are locked in the key order of its ORDER BY, the same for every caller.</summary>
    private static async Task ApplyNpgsqlAsync(SenimDb db, IReadOnlyCollection<ScoreBucket> deltas, CancellationToken ct)
    {
        var rows = deltas as ScoreBucket[] ?? [.. deltas];
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new Npgsql.NpgsqlCommand(ScoringSql.UpsertBuckets, (Npgsql.NpgsqlConnection)db.Database.GetDbConnection())
            {
                Transaction = (Npgsql.NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            const NpgsqlTypes.NpgsqlDbType array = NpgsqlTypes.NpgsqlDbType.Array;
            void Add<T>(Func<ScoreBucket, T> value, NpgsqlTypes.NpgsqlDbType type) =>
                command.Parameters.Add(new Npgsql.NpgsqlParameter<T[]> { TypedValue = Array.ConvertAll(rows, b => value(b)), NpgsqlDbType = array | type });
            Add(b => (short)b.SubjectType, NpgsqlTypes.NpgsqlDbType.Smallint);
            Add(b => b.SubjectId, NpgsqlTypes.NpgsqlDbType.Uuid);
            Add(b => b.Month, NpgsqlTypes.NpgsqlDbType.Integer);
            Add(b => b.KindId, NpgsqlTypes.NpgsqlDbType.Uuid);
            foreach (var (_, whole, sum) in ScoringSql.BucketValueColumns)
            {
                if (whole is not null) Add(whole, NpgsqlTypes.NpgsqlDbType.Bigint);
                else Add(sum!, NpgsqlTypes.NpgsqlDbType.Double);
            }
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // EF stores a Guid on SQLite as upper-case text; raw parameters must match that form.
    private static string SqliteId(Guid id) => id.ToString("D").ToUpperInvariant();

    /// <summary>Applies the change of counted-ness of ratings (e.g. a moderator's release, a contest) to the buckets.</summary>
    public static async Task ApplyStatusChangesAsync(SenimDb db, IReadOnlyList<(Rating Rating, int Sign)> changes, CancellationToken ct)
    {
        if (changes.Count == 0) return;
        var m = await ActiveAsync(db, ct);
        var ids = changes.Select(c => c.Rating.InteractionId).Distinct().ToList();
        var staff = (await db.InteractionEmployees.AsNoTracking().Where(x => ids.Contains(x.InteractionId)).ToListAsync(ct))
            .ToLookup(x => x.InteractionId, x => x.EmployeeId);
        var deltas = Deltas(changes.Select(c => (c.Rating, (IEnumerable<Guid>)staff[c.Rating.InteractionId], c.Sign)), m);
        await ApplyAsync(db, deltas.Values, ct);
    }

    public static async Task<Methodology> ActiveAsync(SenimDb db, CancellationToken ct) =>
        await db.Methodologies.AsNoTracking().Where(x => x.Status == MethodologyStatus.Active).OrderByDescending(x => x.Version).FirstOrDefaultAsync(ct)
        ?? throw new InvalidOperationException("No active scoring methodology.");

    /// <summary>Rebuilds every bucket from the counted ratings under methodology <paramref name="m"/>: one streaming pass
    /// over the ratings with their employees and one over the ratings alone (for units), aggregated here in memory
    /// proportional to the number of buckets, not of ratings; then written in one go (binary COPY on PostgreSQL). The
    /// arithmetic is the same code as the incremental path (<see cref="Accumulate"/>).</summary>
    public static async Task<int> RebuildAsync(SenimDb db, Methodology m, CancellationToken ct)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // Ratings written meanwhile wait at their bucket upsert until this commits, so each rating is counted exactly
        // once: in the rebuilt sums if it committed before the rebuild read the ratings, else by its own upsert after.
        var npgsql = db.IsPostgres;
        if (npgsql) await db.Database.ExecuteSqlRawAsync(ScoringSql.LockBuckets, ct);
        await db.ScoreBuckets.ExecuteDeleteAsync(ct);
        var buckets = new Dictionary<BucketKey, ScoreBucket>();
        void Add(ScoreSubject type, Guid subject, Guid kind, DateTime at, int c, int k, int t, int r)
        {
            var key = new BucketKey(type, subject, MonthOf(at), kind);
            if (!buckets.TryGetValue(key, out var b))
                buckets[key] = b = new ScoreBucket { SubjectType = type, SubjectId = subject, Month = key.Month, KindId = kind };
            Accumulate(b, m, at, c, k, t, r, +1);
        }
        if (npgsql)
        {
            // A second connection reads committed ratings while the transaction's connection holds the lock.
            await using var source = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
            await source.OpenAsync(ct);
            foreach (var (type, sql) in new[] { (ScoreSubject.Employee, ScoringSql.RebuildEmployeeRatings), (ScoreSubject.Unit, ScoringSql.RebuildUnitRatings) })
            {
                await using var cmd = new Npgsql.NpgsqlCommand(sql, source) { CommandTimeout = 0 };
                await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
                while (await reader.ReadAsync(ct))
                    Add(type, reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTime>(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6));
            }
            await CopyAsync(db, buckets.Values, ct);
        }
        else
        {
            await foreach (var x in (from r in db.Ratings.AsNoTracking()
                                     where r.Status == RatingStatus.Counted
                                     join ie in db.InteractionEmployees on r.InteractionId equals ie.InteractionId
                                     select new { ie.EmployeeId, r.KindId, r.SubmittedAt, r.Courtesy, r.Competence, r.Timeliness, r.Resolved }).AsAsyncEnumerable().WithCancellation(ct))
                Add(ScoreSubject.Employee, x.EmployeeId, x.KindId, x.SubmittedAt, x.Courtesy, x.Competence, x.Timeliness, x.Resolved);
            await foreach (var x in db.Ratings.AsNoTracking().Where(r => r.Status == RatingStatus.Counted)
                               .Select(r => new { r.UnitId, r.KindId, r.SubmittedAt, r.Courtesy, r.Competence, r.Timeliness, r.Resolved }).AsAsyncEnumerable().WithCancellation(ct))
                Add(ScoreSubject.Unit, x.UnitId, x.KindId, x.SubmittedAt, x.Courtesy, x.Competence, x.Timeliness, x.Resolved);
            await ApplyAsync(db, buckets.Values, ct);
        }
        if (tx is not null) await tx.CommitAsync(ct);
        return buckets.Count;
    }

    private static async Task CopyAsync(SenimDb db, IEnumerable<ScoreBucket> buckets, CancellationToken ct)
    {
        var target = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await target.BeginBinaryImportAsync(ScoringSql.CopyBuckets, ct);
        foreach (var b in buckets)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync((short)b.SubjectType, NpgsqlTypes.NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync(b.SubjectId, NpgsqlTypes.NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(b.Month, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(b.KindId, NpgsqlTypes.NpgsqlDbType.Uuid, ct);
            foreach (var value in Values(b))
            {
                if (value is long count) await copy.WriteAsync(count, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                else await copy.WriteAsync((double)value, NpgsqlTypes.NpgsqlDbType.Double, ct);
            }
        }
        await copy.CompleteAsync(ct);
    }
}
