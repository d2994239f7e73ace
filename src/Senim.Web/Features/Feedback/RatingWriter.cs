using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Senim.Web.Features.Feedback;

/// <summary>A rating waiting for the group-commit writer. <see cref="Done"/> completes after its transaction commits,
/// so the resident's 201 is only ever sent for a rating that is on disk.</summary>
public sealed class PendingRating(string code, RatingInput input, string? network, string culture, Guid? staffEmployeeId)
{
    public string Code { get; } = code;
    public RatingInput Input { get; } = input;
    public string? Network { get; } = network;
    public string Culture { get; } = culture;
    public Guid? StaffEmployeeId { get; } = staffEmployeeId;
    public TaskCompletionSource<SubmitOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Group commit for residents' ratings: requests queue their (already validated) ratings, and a few writer
/// loops each take whatever has queued — up to <see cref="FeedbackOptions.MaxBatch"/> — and check, screen and write
/// it in one transaction (one commit, one WAL flush, a handful of statements for the whole batch instead of eight
/// round trips per rating). Batches form by themselves: while one is being written the next one queues, so a lone
/// rating is written at once and a busy server writes large batches. The one-use rule stays in the database (a
/// conditional UPDATE and a unique index), so several Senim nodes may run writers side by side.</summary>
public sealed class RatingWriter(IServiceScopeFactory scopes, IOptions<FeedbackOptions> options, ILogger<RatingWriter> log) : BackgroundService
{
    private readonly Channel<PendingRating> _queue = Channel.CreateBounded<PendingRating>(
        new BoundedChannelOptions(Math.Max(options.Value.MaxBatch * 8, 1024)) { FullMode = BoundedChannelFullMode.Wait });

    public bool Enabled => options.Value.GroupCommit;

    /// <summary>Queues the rating and waits for its outcome. False when the writer is stopping (the caller then
    /// writes the rating itself).</summary>
    public async Task<SubmitOutcome?> SubmitAsync(PendingRating rating, CancellationToken ct)
    {
        try
        {
            await _queue.Writer.WriteAsync(rating, ct);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
        // Not cancelled by the request: once queued, the rating is written whether or not the resident is still there.
        return await rating.Done.Task;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Writers)).Select(_ => Task.Run(WriteLoopAsync, CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking new ratings; the loops drain what is queued, then end.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private const int MaxAttempts = 3;

    /// <summary>PostgreSQL's deadlock_detected (40P01) and serialization_failure (40001): the transaction was rolled
    /// back whole and may simply be run again.</summary>
    internal static bool IsTransient(Exception? ex) =>
        ex is not null && (ex is Npgsql.PostgresException { SqlState: "40P01" or "40001" } || IsTransient(ex.InnerException));

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var max = Math.Max(1, options.Value.MaxBatch);
        var batch = new List<PendingRating>(max);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < max && reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count == 0) continue;
            IReadOnlyList<PendingRating> pending = batch;
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<RatingBatchWriter>().WriteAsync(pending, CancellationToken.None);
                    break;
                }
                catch (Exception ex) when (attempt < MaxAttempts && IsTransient(ex))
                {
                    // Rolled back whole (a deadlock or serialization failure with another transaction): write again the
                    // ratings that have no answer yet; those already refused (unknown, used, expired code) keep theirs.
                    log.LogWarning(ex, "A batch of {Count} ratings met a transient conflict (attempt {Attempt}); writing it again", pending.Count, attempt);
                    pending = [.. pending.Where(p => !p.Done.Task.IsCompleted)];
                }
                catch (Exception ex)
                {
                    log.LogError(ex, "A batch of {Count} ratings could not be written", pending.Count);
                    foreach (var item in pending) item.Done.TrySetException(ex);
                    break;
                }
            }
        }
    }
}
