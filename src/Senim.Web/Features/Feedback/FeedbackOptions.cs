using System.ComponentModel.DataAnnotations;

namespace Senim.Web.Features.Feedback;

public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Days an invitation code stays valid.</summary>
    [Range(1, 365)] public int CodeLifetimeDays { get; set; } = 14;

    // The public base address (Feedback:PublicBaseUrl) is read by Common's PublicLinks.

    // The hash key (Feedback:HashKey) is read by Common.ResidentPrivacyOptions: every feature hashes with it.

    [Range(1, 10_000)] public int MaxBulk { get; set; } = 10_000;

    /// <summary>Burst rule: this many extreme ratings of one employee within the window, all low or all high, are held
    /// (the one that reaches the count and every later one while the window holds them).</summary>
    [Range(2, 1000)] public int BurstCount { get; set; } = 8;
    [Range(1, 1440)] public int BurstWindowMinutes { get; set; } = 30;
    /// <summary>A rating is extremely low when its four 1–5 criteria add up to at most this (8: an average of 2 or
    /// less), extremely high when they add up to at least <see cref="BurstHighAtLeast"/> (19: three 5s and a 4).</summary>
    [Range(4, 20)] public int BurstLowAtMost { get; set; } = 8;
    [Range(4, 20)] public int BurstHighAtLeast { get; set; } = 19;
    /// <summary>Ratings from one network or one phone within a day above this are held.</summary>
    [Range(1, 10_000)] public int SameSourcePerDay { get; set; } = 20;

    /// <summary>Requests a minute to the resident endpoints from one address, and attempts a minute on one code.</summary>
    [Range(1, 1_000_000)] public int PerAddressPerMinute { get; set; } = 120;
    [Range(1, 1_000_000)] public int PerCodePerMinute { get; set; } = 10;

    /// <summary>Group commit of residents' ratings (see RatingWriter). Off: each rating is its own transaction.</summary>
    public bool GroupCommit { get; set; } = true;
    /// <summary>Most ratings written in one transaction, and the number of writer loops.</summary>
    [Range(1, 5000)] public int MaxBatch { get; set; } = 500;
    [Range(1, 16)] public int Writers { get; set; } = 2;
}
