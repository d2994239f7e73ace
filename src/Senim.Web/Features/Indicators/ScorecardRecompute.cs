using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Senim.Web.Data;
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
public sealed class ScorecardRecompute(SenimDb db, ScorecardEngine engine, EarlyWarning warnings, AuditLog audit, IOptions<IndicatorOptions> options, TimeProvider clock)
{
    /// <summary>The advisory lock shared by recomputes and definition activations ("Senim/ind").</summary>
    public const long AdvisoryLockKey = 0x53656E696D2F69;

    public static async Task LockAsync(SenimDb db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
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
        await LockAsync(db, ct);
        // First a write (the lock on SQLite), then the reads.
        await db.IndicatorResults.Where(r => r.Period == period.Label).ExecuteDeleteAsync(ct);
        await db.ScorecardResults.Where(r => r.Period == period.Label).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var day = DefinitionSet.ReferenceDay(period, now);
        var definitions = await DefinitionSet.LoadAsync(db, day, ct);
        progress?.Report("subjects");
        var subjects = await SubjectSet.LoadAsync(db, ct);
        var ctx = NewContext(period, subjects, storedScores);
        progress?.Report("compute");
        var computed = await engine.ComputeAsync(definitions, ctx, null, ct);
        progress?.Report("store");
        await WriteAsync(computed, ct);
        progress?.Report("flags");
        var flags = await warnings.ApplyAsync(computed, ctx, ct);
        int Count(IndicatorLevel l) => computed.Results.Count(r => r.Level == l);
        audit.Record("scorecards.recompute", "scorecards", period.Label, null,
            new { Definitions = day, Subjects = computed.Results.Count, flags.Raised, flags.Withdrawn });
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
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

    private async Task WriteAsync(ComputedPeriod computed, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
            await using (var copy = await connection.BeginBinaryImportAsync("""
                COPY scorecard_results ("Period", "Level", "SubjectKey", "ScorecardCode", "ScorecardVersion", "PeerGroup", "Composite", "Lower", "Upper",
                "DataShare", "Sufficient", "Light", "Rank", "RankBest", "RankWorst", "Peers", "ComputedAt") FROM STDIN (FORMAT BINARY)
                """, ct))
            {
                foreach (var r in computed.Results)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(r.Period, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync((int)r.Level, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(r.SubjectKey, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(r.ScorecardCode, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(r.ScorecardVersion, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(r.PeerGroup, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await Nullable(copy, r.Composite, ct);
                    await Nullable(copy, r.Lower, ct);
                    await Nullable(copy, r.Upper, ct);
                    await copy.WriteAsync(r.DataShare, NpgsqlTypes.NpgsqlDbType.Double, ct);
                    await copy.WriteAsync(r.Sufficient, NpgsqlTypes.NpgsqlDbType.Boolean, ct);
                    await copy.WriteAsync((int)r.Light, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                    await NullableInt(copy, r.Rank, ct);
                    await NullableInt(copy, r.RankBest, ct);
                    await NullableInt(copy, r.RankWorst, ct);
                    await copy.WriteAsync(r.Peers, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(r.ComputedAt, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("""
                COPY scorecard_indicator_results ("Period", "Level", "SubjectKey", "IndicatorCode", "IndicatorVersion", "Order", "Weight", "Value", "Lower",
                "Upper", "StandardError", "N", "HasData", "Points", "Light", "PeerTarget", "PeerLimit", "PeerZone", "Reason") FROM STDIN (FORMAT BINARY)
                """, ct))
            {
                foreach (var r in computed.Indicators)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(r.Period, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync((int)r.Level, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(r.SubjectKey, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(r.IndicatorCode, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(r.IndicatorVersion, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(r.Order, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(r.Weight, NpgsqlTypes.NpgsqlDbType.Double, ct);
                    await Nullable(copy, r.Value, ct);
                    await Nullable(copy, r.Lower, ct);
                    await Nullable(copy, r.Upper, ct);
                    await Nullable(copy, r.StandardError, ct);
                    await copy.WriteAsync(r.N, NpgsqlTypes.NpgsqlDbType.Double, ct);
                    await copy.WriteAsync(r.HasData, NpgsqlTypes.NpgsqlDbType.Boolean, ct);
                    await Nullable(copy, r.Points, ct);
                    await copy.WriteAsync((int)r.Light, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                    await Nullable(copy, r.PeerTarget, ct);
                    await Nullable(copy, r.PeerLimit, ct);
                    await NullableInt(copy, r.PeerZone is { } z ? (int)z : null, ct);
                    if (r.Reason is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(r.Reason, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                }
                await copy.CompleteAsync(ct);
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

    private static async Task Nullable(Npgsql.NpgsqlBinaryImporter copy, double? value, CancellationToken ct)
    {
        if (value is { } v) await copy.WriteAsync(v, NpgsqlTypes.NpgsqlDbType.Double, ct);
        else await copy.WriteNullAsync(ct);
    }

    private static async Task NullableInt(Npgsql.NpgsqlBinaryImporter copy, int? value, CancellationToken ct)
    {
        if (value is { } v) await copy.WriteAsync(v, NpgsqlTypes.NpgsqlDbType.Integer, ct);
        else await copy.WriteNullAsync(ct);
    }
}
