using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Feedback;

/// <summary>Writes valid ratings: the group-commit writer's batches, and a single rating as a batch of one. Reads the
/// facts once per batch (the codes, their staff, the staff's names when a comment came, the recent ratings the hold rules
/// count), lets <see cref="RatingRules"/> decide each rating, then one transaction uses every code with one conditional
/// UPDATE, inserts the ratings and moves the score statistics. Completes each rating's outcome after the commit, so a
/// 201 is only ever sent for a rating that is on disk.</summary>
public sealed class RatingBatchWriter(SenimDb db, RatingRules rules, TimeProvider clock)
{
    internal async Task WriteAsync(IReadOnlyList<PendingRating> batch, CancellationToken ct)
    {
        // One connection for the whole batch (its reads, then its transaction): otherwise each read outside the
        // transaction takes a pooled connection and gives it back, and every return costs a reset round trip.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await WriteOpenAsync(batch, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task WriteOpenAsync(IReadOnlyList<PendingRating> batch, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var codes = batch.Select(p => p.Code).Distinct().ToList();
        var interactions = await db.Interactions.AsNoTracking().Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        var live = new List<(PendingRating P, Interaction I)>(batch.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in batch)
        {
            var i = interactions.GetValueOrDefault(p.Code);
            if (RatingRules.CodeRefusal(i, repeated: !seen.Add(p.Code), now) is { } refusal) p.Done.TrySetResult(new(refusal));
            else live.Add((p, i!));
        }
        if (live.Count == 0) return;

        var ids = live.Select(x => x.I.Id).ToList();
        var staff = (await db.InteractionEmployees.AsNoTracking().Where(x => ids.Contains(x.InteractionId))
            .Select(x => new { x.InteractionId, x.EmployeeId }).ToListAsync(ct)).ToLookup(x => x.InteractionId, x => x.EmployeeId);
        live.RemoveAll(x =>
        {
            if (!RatingRules.IsOwnInteraction(staff[x.I.Id], x.P.StaffEmployeeId)) return false;
            x.P.Done.TrySetResult(new(SubmitResult.OwnInteraction));
            return true;
        });
        if (live.Count == 0) return;

        // Names of the staff, for masking them in comments (only when a comment came in).
        var named = live.Where(x => !string.IsNullOrWhiteSpace(x.P.Input.Comment)).SelectMany(x => staff[x.I.Id]).Distinct().ToList();
        var names = named.Count == 0 ? [] : (await db.Employees.AsNoTracking().Where(e => named.Contains(e.Id))
            .Select(e => new { e.Id, e.LastName, e.FirstName, e.MiddleName }).ToListAsync(ct))
            .ToDictionary(e => e.Id, e => new[] { e.LastName, e.FirstName, e.MiddleName }.OfType<string>().ToList());

        var recent = await RecentAsync(live, staff, now, ct);
        var ratings = new List<(PendingRating P, Rating R)>(live.Count);
        foreach (var (p, i) in live)
        {
            var members = staff[i.Id].ToList();
            var d = rules.Decide(p.Input, p.Network, i.PhoneHash, members, [.. members.SelectMany(e => names.GetValueOrDefault(e) ?? [])], recent);
            var input = p.Input;
            ratings.Add((p, new Rating
            {
                InteractionId = i.Id, UnitId = i.UnitId, KindId = i.KindId, SubmittedAt = now,
                Courtesy = input.Courtesy!.Value, Competence = input.Competence!.Value, Timeliness = input.Timeliness!.Value,
                Resolved = input.Resolved!.Value, Trust = input.Trust!.Value, Comment = d.Comment, CommentStatus = d.CommentStatus,
                Status = d.Status, HoldReason = d.HoldReason, NetworkHash = p.Network, PhoneHash = i.PhoneHash, Culture = p.Culture,
            }));
        }

        HashSet<Guid> won;
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            won = db.IsPostgres ? await UseCodesAndInsertAsync(ratings.ConvertAll(x => x.R), now, ct) : await UseCodesAsync([.. ratings.Select(x => x.R.InteractionId)], now, ct);
            var written = ratings.Where(x => won.Contains(x.R.InteractionId)).Select(x => x.R).ToList();
            if (!db.IsPostgres)
            {
                db.Ratings.AddRange(written);
                await db.SaveChangesAsync(ct);
            }
            // Scores' sufficient statistics move with the ratings, in the same transaction.
            var counted = written.Where(r => r.Status == RatingStatus.Counted).ToList();
            if (counted.Count > 0)
            {
                var methodology = await ScoreBuckets.ActiveAsync(db, ct);
                var deltas = ScoreBuckets.Deltas(counted.Select(r => (r, staff[r.InteractionId], +1)), methodology);
                await ScoreBuckets.ApplyAsync(db, deltas.Values, ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another node wrote one of these ratings between our checks and our insert: a lone rating lost its code;
            // a batch is retried rating by rating.
            db.ChangeTracker.Clear();
            if (batch.Count == 1)
            {
                batch[0].Done.TrySetResult(new(SubmitResult.AlreadyUsed));
                return;
            }
            foreach (var (p, _) in ratings) await WriteOpenAsync([p], ct);
            return;
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }
        foreach (var (p, r) in ratings)
            p.Done.TrySetResult(won.Contains(r.InteractionId) ? new(SubmitResult.Created, r.Id, r.Status, r.CommentStatus) : new(SubmitResult.AlreadyUsed));
    }

    /// <summary>The recent ratings the hold rules count, once per batch: one query per source kind and one per extreme
    /// kind, each only for the networks, phones and employees of the batch.</summary>
    private async Task<RecentRatings> RecentAsync(List<(PendingRating P, Interaction I)> live, ILookup<Guid, Guid> staff, DateTime now, CancellationToken ct)
    {
        var since = RatingRules.SourceWindowStart(now);
        var networks = live.Select(x => x.P.Network).OfType<string>().Distinct().ToList();
        var phones = live.Select(x => x.I.PhoneHash).OfType<string>().Distinct().ToList();
        var windowStart = rules.BurstWindowStart(now);
        async Task<Dictionary<Guid, int>> SimilarAsync(bool low)
        {
            var employees = live.Where(x => rules.IsExtreme(x.P.Input, low)).SelectMany(x => staff[x.I.Id]).Distinct().ToList();
            if (employees.Count == 0) return [];
            // From the employees' interactions to their ratings (indexed both ways), not a scan of every recent rating.
            return await (
                from ie in db.InteractionEmployees
                where employees.Contains(ie.EmployeeId)
                join r in db.Ratings.Where(rules.IsExtremeRating(low)) on ie.InteractionId equals r.InteractionId
                where r.SubmittedAt > windowStart
                group r by ie.EmployeeId into g
                select new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        }
        return new RecentRatings
        {
            ByNetwork = await SourceCountsAsync(networks, phone: false, since, ct),
            ByPhone = await SourceCountsAsync(phones, phone: true, since, ct),
            LowByEmployee = await SimilarAsync(low: true),
            HighByEmployee = await SimilarAsync(low: false),
        };
    }

    /// <summary>Ratings from each source (network or phone hash) since <paramref name="since"/>, counted only up to
    /// <see cref="RatingRules.SourceCountLimit"/> on PostgreSQL, where a busy source would otherwise cost one row per
    /// rating it ever sent.</summary>
    private async Task<Dictionary<string, int>> SourceCountsAsync(List<string> sources, bool phone, DateTime since, CancellationToken ct)
    {
        if (sources.Count == 0) return new(StringComparer.Ordinal);
        if (db.IsPostgres)
        {
            await using var command = Command(phone ? FeedbackSql.RecentRatingsPerPhone : FeedbackSql.RecentRatingsPerNetwork);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sources], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = since, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = rules.SourceCountLimit, NpgsqlDbType = NpgsqlDbType.Integer });
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt32(1);
            return counts;
        }
        var query = phone
            ? db.Ratings.AsNoTracking().Where(r => r.PhoneHash != null && sources.Contains(r.PhoneHash) && r.SubmittedAt > since).GroupBy(r => r.PhoneHash!)
            : db.Ratings.AsNoTracking().Where(r => r.NetworkHash != null && sources.Contains(r.NetworkHash) && r.SubmittedAt > since).GroupBy(r => r.NetworkHash!);
        return await query.Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, StringComparer.Ordinal, ct);
    }

    /// <summary>A PostgreSQL command on the context's open connection, in its transaction if one is open.</summary>
    private NpgsqlCommand Command(string sql) => new(sql, (NpgsqlConnection)db.Database.GetDbConnection())
    {
        Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
    };

    /// <summary>PostgreSQL: <see cref="FeedbackSql.UseCodesAndInsertRatings"/>, one statement whose text never changes
    /// (before, a batch took four round trips here: the UPDATE, a savepoint, EF's multi-row INSERT with 18 parameters per
    /// rating and a text that changed with the batch size, the savepoint's release). Returns the interactions won.</summary>
    private async Task<HashSet<Guid>> UseCodesAndInsertAsync(List<Rating> ratings, DateTime now, CancellationToken ct)
    {
        await using var command = Command(FeedbackSql.UseCodesAndInsertRatings);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        void Add<T>(Func<Rating, T> value, NpgsqlDbType type) => command.Parameters.Add(
            new NpgsqlParameter<T[]> { TypedValue = [.. ratings.Select(value)], NpgsqlDbType = NpgsqlDbType.Array | type });
        Add(r => r.Id, NpgsqlDbType.Uuid);
        Add(r => r.InteractionId, NpgsqlDbType.Uuid);
        Add(r => r.UnitId, NpgsqlDbType.Uuid);
        Add(r => r.KindId, NpgsqlDbType.Uuid);
        Add(r => r.Courtesy, NpgsqlDbType.Integer);
        Add(r => r.Competence, NpgsqlDbType.Integer);
        Add(r => r.Timeliness, NpgsqlDbType.Integer);
        Add(r => r.Resolved, NpgsqlDbType.Integer);
        Add(r => r.Trust, NpgsqlDbType.Integer);
        Add(r => r.Comment, NpgsqlDbType.Text);
        Add(r => (int)r.CommentStatus, NpgsqlDbType.Integer);
        Add(r => (int)r.Status, NpgsqlDbType.Integer);
        Add(r => r.HoldReason, NpgsqlDbType.Text);
        Add(r => r.NetworkHash, NpgsqlDbType.Text);
        Add(r => r.PhoneHash, NpgsqlDbType.Text);
        Add(r => r.Culture, NpgsqlDbType.Text);
        var won = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) won.Add(reader.GetGuid(0));
        return won;
    }

    /// <summary>SQLite (one writer at a time anyway): marks the codes used — only those still unused and unexpired —
    /// with one conditional UPDATE per code, and returns the interactions this transaction won.</summary>
    private async Task<HashSet<Guid>> UseCodesAsync(List<Guid> ids, DateTime now, CancellationToken ct)
    {
        var result = new HashSet<Guid>();
        foreach (var id in ids)
        {
            if (await db.Interactions.Where(i => i.Id == id && i.UsedAt == null && i.ExpiresAt > now)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), ct) == 1)
                result.Add(id);
        }
        return result;
    }
}
