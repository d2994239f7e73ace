using System.Net;

namespace Senim.Web.Features.Feedback;

public enum SubmitResult { Created, Invalid, Unknown, Expired, AlreadyUsed, OwnInteraction }

public sealed record SubmitOutcome(SubmitResult Result, Guid? RatingId = null, RatingStatus? Status = null, CommentStatus? CommentStatus = null,
    Dictionary<string, List<(string Key, object[] Args)>>? Errors = null);

/// <summary>Takes residents' ratings from the rating page and the API. A valid rating goes to the group-commit
/// <see cref="RatingWriter"/> (or, with group commit off or the writer stopping, is written here as a batch of one by
/// the same <see cref="RatingBatchWriter"/>); invalid input only needs the code's status and the errors. The code is
/// used by one conditional UPDATE inside the rating's transaction, so a code submitted concurrently yields one rating.</summary>
public sealed class RatingIntake(SenimDb db, RatingWriter writer, RatingBatchWriter batches, ResidentPrivacy privacy, TimeProvider clock)
{
    public async Task<SubmitOutcome> SubmitAsync(string? typedCode, RatingInput input, IPAddress? ip, string culture, Guid? staffEmployeeId, CancellationToken ct = default)
    {
        var code = InvitationCode.Normalise(typedCode);
        if (code is null) return new(SubmitResult.Unknown);
        var errors = RatingRules.Validate(input);
        if (errors.Count > 0)
        {
            var interaction = await db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, ct);
            return RatingRules.CodeRefusal(interaction, repeated: false, clock.GetUtcNow().UtcDateTime) is { } refusal
                ? new(refusal) : new(SubmitResult.Invalid, Errors: errors);
        }
        var pending = new PendingRating(code, input, privacy.NetworkHash(ip), culture, staffEmployeeId);
        if (writer.Enabled && await writer.SubmitAsync(pending, ct) is { } outcome) return outcome;
        await batches.WriteAsync([pending], ct);
        return await pending.Done.Task;
    }
}
