using System.Linq.Expressions;
using Senim.Web.Features.Feedback.Moderation;

namespace Senim.Web.Features.Feedback;

public sealed record RatingInput(int? Courtesy, int? Competence, int? Timeliness, int? Resolved, int? Trust, string? Comment);

/// <summary>A rating the rules accepted: counted, or held for a moderator with stable reason codes ("network", "phone",
/// "burst-low", "burst-high", then the comment's "profanity:…"); the comment as screened.</summary>
public sealed record RatingDecision(RatingStatus Status, string? HoldReason, string? Comment, CommentStatus CommentStatus);

/// <summary>The ratings already on record that the hold rules count, read once before a batch is decided: per network and
/// per phone hash since <see cref="RatingRules.SourceWindowStart"/>, per employee the extremely low and extremely high
/// ratings since <see cref="RatingRules.BurstWindowStart"/>. <see cref="RatingRules.Decide"/> adds every rating it
/// decides, so a batch's earlier ratings count for its later ones exactly as if they had been written one by one.</summary>
public sealed class RecentRatings
{
    public Dictionary<string, int> ByNetwork { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> ByPhone { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<Guid, int> LowByEmployee { get; init; } = [];
    public Dictionary<Guid, int> HighByEmployee { get; init; } = [];
}

/// <summary>The rules of a resident's rating, once for the one-rating and the batch path: when a code may be used, what
/// input is valid, that staff never rate their own interaction, how a comment is screened, and when a rating is held
/// instead of counted. Pure: the caller reads the facts (the interaction, its staff and their names, the
/// <see cref="RecentRatings"/>) and writes what is decided. Every threshold comes from <see cref="FeedbackOptions"/>.</summary>
public sealed class RatingRules(FeedbackOptions options)
{
    public const int CommentMaxLength = 1000;

    /// <summary>Start of the day over which ratings from one network or one phone are counted.</summary>
    public static DateTime SourceWindowStart(DateTime now) => now.AddDays(-1);

    /// <summary>How far a source's recent ratings need counting: past this many, the next one is held whatever the exact
    /// count, so a busy source costs a bounded index scan.</summary>
    public int SourceCountLimit => options.SameSourcePerDay;

    public DateTime BurstWindowStart(DateTime now) => now.AddMinutes(-options.BurstWindowMinutes);

    /// <summary>Field name → resource keys (with arguments) of the messages; empty when the input is valid.</summary>
    public static Dictionary<string, List<(string Key, object[] Args)>> Validate(RatingInput input)
    {
        var e = new Dictionary<string, List<(string Key, object[] Args)>>();
        void Scale(string field, int? value, int min, int max)
        {
            if (value is null) e[field] = [("Rating.Required", [])];
            else if (value < min || value > max) e[field] = [("Rating.OutOfRange", [min, max])];
        }
        Scale("courtesy", input.Courtesy, 1, 5);
        Scale("competence", input.Competence, 1, 5);
        Scale("timeliness", input.Timeliness, 1, 5);
        Scale("resolved", input.Resolved, 1, 5);
        Scale("trust", input.Trust, 0, 10);
        if (input.Comment is { Length: > CommentMaxLength }) e["comment"] = [("Rating.CommentTooLong", [CommentMaxLength])];
        return e;
    }

    /// <summary>Why a code cannot take a rating now (unknown, already used, expired), or null when it can.
    /// <paramref name="repeated"/>: the same code came earlier in the same batch, which will use it first.</summary>
    public static SubmitResult? CodeRefusal(Interaction? interaction, bool repeated, DateTime now) => interaction switch
    {
        null => SubmitResult.Unknown,
        { UsedAt: not null } => SubmitResult.AlreadyUsed,
        _ when repeated => SubmitResult.AlreadyUsed,
        { ExpiresAt: var expires } when expires <= now => SubmitResult.Expired,
        _ => null,
    };

    /// <summary>A signed-in employee may not rate an interaction they took part in.</summary>
    public static bool IsOwnInteraction(IEnumerable<Guid> staff, Guid? rater) => rater is { } me && staff.Contains(me);

    private static int Sum(RatingInput input) => input.Courtesy!.Value + input.Competence!.Value + input.Timeliness!.Value + input.Resolved!.Value;

    /// <summary>Whether a valid rating is extremely low (<paramref name="low"/>) or extremely high: the burst rule's kinds.</summary>
    public bool IsExtreme(RatingInput input, bool low) => low ? Sum(input) <= options.BurstLowAtMost : Sum(input) >= options.BurstHighAtLeast;

    /// <summary>The same test as <see cref="IsExtreme"/> for stored ratings, as a query filter.</summary>
    public Expression<Func<Rating, bool>> IsExtremeRating(bool low)
    {
        int lowAtMost = options.BurstLowAtMost, highAtLeast = options.BurstHighAtLeast;
        return low
            ? r => r.Courtesy + r.Competence + r.Timeliness + r.Resolved <= lowAtMost
            : r => r.Courtesy + r.Competence + r.Timeliness + r.Resolved >= highAtLeast;
    }

    /// <summary>Screens the comment and applies the hold rules to one valid rating of an interaction with the given staff,
    /// then adds the rating to <paramref name="recent"/>. Held (not counted) when its network or its phone has sent more
    /// than <see cref="FeedbackOptions.SameSourcePerDay"/> ratings in a day with this one, or when this rating makes
    /// <see cref="FeedbackOptions.BurstCount"/> extreme ratings of the same kind within the burst window for the busiest
    /// of the interaction's staff (for the usual one-employee interaction: that employee). Profanity holds only the
    /// comment; its reason is recorded after the rating's own.</summary>
    public RatingDecision Decide(RatingInput input, string? network, string? phone, IReadOnlyCollection<Guid> staff,
        IReadOnlyList<string> staffNames, RecentRatings recent)
    {
        // Comments are screened before anyone sees them: personal data masked, profanity held for a moderator.
        string? comment = null;
        var commentStatus = CommentStatus.None;
        var reasons = new List<string>();
        var profanity = new List<string>();
        if (!string.IsNullOrWhiteSpace(input.Comment))
        {
            var screened = CommentScreen.Screen(input.Comment, staffNames);
            comment = screened.Text.Length == 0 ? null : screened.Text;
            commentStatus = comment is null ? CommentStatus.None : screened.Hold ? CommentStatus.Held : CommentStatus.Published;
            if (screened.Hold) profanity.AddRange(screened.Reasons.Where(r => r.StartsWith("profanity", StringComparison.Ordinal)));
        }

        // Anti-manipulation: such ratings are held (not counted) and flagged with the reason.
        if (network is not null && Bump(recent.ByNetwork, network) > options.SameSourcePerDay) reasons.Add("network");
        if (phone is not null && Bump(recent.ByPhone, phone) > options.SameSourcePerDay) reasons.Add("phone");
        foreach (var low in (ReadOnlySpan<bool>)[true, false])
        {
            if (staff.Count == 0 || !IsExtreme(input, low)) continue;
            var counts = low ? recent.LowByEmployee : recent.HighByEmployee;
            var similar = staff.Max(e => counts.GetValueOrDefault(e));
            foreach (var e in staff) counts[e] = counts.GetValueOrDefault(e) + 1;
            if (similar + 1 >= options.BurstCount) reasons.Add(low ? "burst-low" : "burst-high");
        }

        var status = reasons.Count > 0 ? RatingStatus.Held : RatingStatus.Counted;
        reasons.AddRange(profanity);
        return new RatingDecision(status, reasons.Count > 0 ? string.Join(",", reasons) : null, comment, commentStatus);
    }

    /// <summary>Counts one more rating from a source and returns the new count.</summary>
    private static int Bump<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull => counts[key] = counts.GetValueOrDefault(key) + 1;
}
