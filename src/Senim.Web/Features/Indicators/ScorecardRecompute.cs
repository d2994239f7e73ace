using System.Diagnostics;
using Microsoft.Extensions.Options;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Indicators;

public sealed record ScorecardRecomputeResult(string Period, DateOnly DefinitionsOf, int Employees, int Units, int Districts, int Regions, int IndicatorValues,
    int FlagsRaised, int FlagsWithdrawn, TimeSpan Elapsed);

/// <summary>
/// Recomputes and stores every scorecard of a period, all or nothing: one transaction deletes the period's stored
/// results, reads the definitions in force on the period's last day, computes, writes the results (binary COPY on
/// PostgreSQL) and applies the early-warning rules — readers see the old results or the new, never a mix.
/// Serialisation with definition changes: on PostgreSQL the recompute and every activation of a definition take the
/// same transaction-level advisory lock, and the recompute reads the definitions only once it holds it; on SQLite the
/// transaction starts by writing (BEGIN IMMEDIATE, then the delete), which excludes every other writer until commit.
/// So an activation waits for a running recompute (or the recompute for the activation), and no scorecard is ever
/// computed from a half-activated definition.
/// </summary>
public sealed class ScorecardRecompute(SenimDb db, ScorecardEngine engine, EarlyWarning warnings, AuditLog audit, ScorecardCache cache, IOptions<IndicatorOptions> options, TimeProvider clock)
{
    /// <summary>Takes the lock shared by recomputes and definition activations (PostgreSQL; on SQLite the first write is the lock).</summary>
    public static async Task LockAsync(SenimDb db, CancellationToken ct)
    {
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync(IndicatorsSql.DefinitionsLock, ct);
    }

    public IndicatorContext NewContext(ScorePeriod period, SubjectSet subjects, bool storedScores)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new IndicatorContext(period, period.End < now ? period.End : now, now, subjects, options.Value.FlagConfidence, storedScores);
    }

    public async Task<ScorecardRecomputeResult> RunAsync(ScorePeriod period, bool storedScores = false, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var clockStart = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        progress?.Report("lock");
        await LockAsync(db, ct);
        // First a write (the lock on SQLite), then the reads.
        progress?.Report("delete");
        await db.IndicatorResults.Where(r => r.Period == period.Label).ExecuteDeleteAsync(ct);
        await db.ScorecardResults.Where(r => r.Period == period.Label).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var day = DefinitionSet.ReferenceDay(period, now);
        progress?.Report("definitions");
        var definitions = await DefinitionSet.LoadAsync(db, day, ct);
        progress?.Report("subjects");
        var subjects = await SubjectSet.LoadAsync(db, ct);
        var ctx = NewContext(period, subjects, storedScores);
        progress?.Report("compute");
        // PostgreSQL stores each card's indicator lines by COPY while they are built (PostgreSQL inserting on one core,
        // Senim computing on the other); the scorecards follow once their ranks are known.
        var lines = db.IsPostgres ? new CopyLines((Npgsql.NpgsqlConnection)db.Database.GetDbConnection()) : null;
        var computed = await engine.ComputeAsync(definitions, ctx, null, progress, lines, ct);
        progress?.Report("store");
        await WriteAsync(computed, ct);
        progress?.Report("flags");
        var flags = await warnings.ApplyAsync(computed, ctx, ct);
        int Count(IndicatorLevel l) => computed.Results.Count(r => r.Level == l);
        audit.Record("scorecards.recompute", "scorecards", period.Label, null,
            new { Definitions = day, Subjects = computed.Results.Count, flags.Raised, flags.Withdrawn });
        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
            cache.Invalidate();
        }
        return new ScorecardRecomputeResult(period.Label, day, Count(IndicatorLevel.Employee), Count(IndicatorLevel.Unit), Count(IndicatorLevel.District),
            Count(IndicatorLevel.Region), computed.Indicators.Count, flags.Raised, flags.Withdrawn, clockStart.Elapsed);
    }

    /// <summary>The stored periods whose definitions a change effective from <paramref name="from"/> alters.</summary>
    public async Task<List<ScorePeriod>> AffectedPeriodsAsync(DateOnly from, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var labels = await db.ScorecardResults.Select(r => r.Period).Distinct().ToListAsync(ct);
        return [.. labels.Select(l => ScorePeriod.Parse(l, now)).Where(p => p is not null && DefinitionSet.ReferenceDay(p, now) >= from).Select(p => p!)];
    }

    /// <summary>The scorecards (PostgreSQL: COPY in CSV form, numbers formatted into a stack buffer, so hundreds of
    /// thousands of rows cost no allocation per field; their indicator lines went in while they were built) or, on
    /// SQLite, the scorecards and their lines by batched inserts.</summary>
    private async Task WriteAsync(ComputedPeriod computed, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
            await using (var w = await connection.BeginTextImportAsync(IndicatorsSql.CopyScorecardResults, ct))
            {
                foreach (var r in computed.Results)
                {
                    Csv.Text(w, r.Period); Csv.Int(w, (int)r.Level); Csv.Text(w, r.SubjectKey); Csv.Text(w, r.ScorecardCode); Csv.Int(w, r.ScorecardVersion);
                    Csv.Text(w, r.PeerGroup); Csv.Real(w, r.Composite); Csv.Real(w, r.Lower); Csv.Real(w, r.Upper); Csv.Real(w, r.DataShare);
                    Csv.Bool(w, r.Sufficient); Csv.Int(w, (int)r.Light); Csv.Int(w, r.Rank); Csv.Int(w, r.RankBest); Csv.Int(w, r.RankWorst);
                    Csv.Int(w, r.Peers); Csv.Time(w, r.ComputedAt, last: true);
                }
            }
            return;
        }
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var chunk in computed.Results.Chunk(2000))
            {
                db.ScorecardResults.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            foreach (var chunk in computed.Indicators.Chunk(2000))
            {
                db.IndicatorResults.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }
    }


    /// <summary>Each card's indicator lines by one COPY in CSV form on the recompute's connection and transaction.</summary>
    private sealed class CopyLines(Npgsql.NpgsqlConnection connection) : IIndicatorLineSink
    {
        public async Task<IIndicatorLineStream> BeginAsync(CancellationToken ct) =>
            new CardLines(await connection.BeginTextImportAsync(IndicatorsSql.CopyIndicatorResults, ct));

        private sealed class CardLines(Npgsql.NpgsqlCopyTextWriter w) : IIndicatorLineStream
        {
            private bool _completed;

            public void Write(IndicatorResult r)
            {
                Csv.Text(w, r.Period); Csv.Int(w, (int)r.Level); Csv.Text(w, r.SubjectKey); Csv.Text(w, r.IndicatorCode); Csv.Int(w, r.IndicatorVersion);
                Csv.Int(w, r.Order); Csv.Real(w, r.Weight); Csv.Real(w, r.Value); Csv.Real(w, r.Lower); Csv.Real(w, r.Upper); Csv.Real(w, r.StandardError);
                Csv.Real(w, r.N); Csv.Bool(w, r.HasData); Csv.Real(w, r.Points); Csv.Int(w, (int)r.Light); Csv.Real(w, r.PeerTarget); Csv.Real(w, r.PeerLimit);
                Csv.Int(w, r.PeerZone is { } z ? (int)z : null); Csv.Text(w, r.Reason, last: true);
            }

            public async Task CompleteAsync(CancellationToken ct)
            {
                _completed = true;
                await w.DisposeAsync();
            }

            public async ValueTask DisposeAsync()
            {
                if (_completed) return;
                // Abandoned (an error while computing): the COPY is cancelled, and the transaction with it.
                await w.CancelAsync();
                await w.DisposeAsync();
            }
        }
    }
}

/// <summary>Fields of PostgreSQL's CSV COPY format: an empty unquoted field is NULL; the values written here (codes,
/// keys, period labels, resource keys) never contain a comma, quote or line break, and are refused if they do.</summary>
internal static class Csv
{
    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static void End(TextWriter w, bool last) => w.Write(last ? '\n' : ',');

    public static void Text(TextWriter w, string? value, bool last = false)
    {
        if (value is not null)
        {
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0) throw new ArgumentException("Unexpected character in a CSV field: " + value, nameof(value));
            w.Write(value);
        }
        End(w, last);
    }

    public static void Int(TextWriter w, int? value, bool last = false)
    {
        if (value is { } v)
        {
            Span<char> buffer = stackalloc char[16];
            v.TryFormat(buffer, out var n, default, Inv);
            w.Write(buffer[..n]);
        }
        End(w, last);
    }

    public static void Real(TextWriter w, double? value, bool last = false)
    {
        if (value is { } v)
        {
            if (!double.IsFinite(v)) throw new ArgumentException("Non-finite value in a stored result.", nameof(value));
            Span<char> buffer = stackalloc char[32];
            v.TryFormat(buffer, out var n, "R", Inv);
            w.Write(buffer[..n]);
        }
        End(w, last);
    }

    public static void Bool(TextWriter w, bool value, bool last = false)
    {
        w.Write(value ? 't' : 'f');
        End(w, last);
    }

    public static void Time(TextWriter w, DateTime utc, bool last = false)
    {
        Span<char> buffer = stackalloc char[40];
        utc.TryFormat(buffer, out var n, "yyyy-MM-dd HH:mm:ss.ffffff+00", Inv);
        w.Write(buffer[..n]);
        End(w, last);
    }
}
