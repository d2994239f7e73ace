namespace Senim.Statistics;

/// <summary>Whether a score may be used officially (e.g. for pay) or only shown as "not enough data".</summary>
public enum ScoreStatusKind
{
    /// <summary>Not enough evidence: shown with a warning, never used for decisions.</summary>
    Insufficient = 0,

    /// <summary>Enough evidence to be used.</summary>
    Official = 1,
}

/// <summary>Why a score is insufficient.</summary>
[Flags]
public enum InsufficiencyReasons
{
    /// <summary>No reason: the score is official.</summary>
    None = 0,

    /// <summary>The effective number of ratings is below the minimum.</summary>
    TooFewEffectiveRatings = 1,

    /// <summary>The interval is wider than the maximum.</summary>
    IntervalTooWide = 2,
}

/// <summary>The thresholds a score must meet to be official.</summary>
/// <param name="MaximumIntervalWidth">Largest allowed interval width (upper − lower), &gt; 0.</param>
/// <param name="MinimumEffectiveSampleSize">Smallest allowed n_eff (default 30), ≥ 0.</param>
public sealed record ScoreStatusPolicy(double MaximumIntervalWidth, double MinimumEffectiveSampleSize = 30.0);

/// <summary>The status of one score and the reasons behind it.</summary>
/// <param name="Status">Official or insufficient.</param>
/// <param name="Reasons">Every threshold that was missed.</param>
public readonly record struct ScoreStatusResult(ScoreStatusKind Status, InsufficiencyReasons Reasons)
{
    /// <summary>True when the score is official.</summary>
    public bool IsOfficial => Status == ScoreStatusKind.Official;
}

/// <summary>
/// Decides whether a score is official: n_eff ≥ the minimum and interval width ≤ the maximum, both inclusive
/// (design principle 2: nobody's pay moves on noise).
/// </summary>
public static class ScoreStatus
{
    /// <summary>Evaluates one score.</summary>
    /// <param name="effectiveSampleSize">Kish's n_eff of the score's ratings, ≥ 0.</param>
    /// <param name="intervalWidth">The width of its interval, ≥ 0.</param>
    /// <param name="policy">The thresholds.</param>
    /// <returns>Official, or insufficient with the reasons.</returns>
    public static ScoreStatusResult Evaluate(double effectiveSampleSize, double intervalWidth, ScoreStatusPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (double.IsNaN(effectiveSampleSize) || effectiveSampleSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(effectiveSampleSize), effectiveSampleSize, "The effective sample size must be non-negative.");
        }

        if (double.IsNaN(intervalWidth) || intervalWidth < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalWidth), intervalWidth, "The interval width must be non-negative.");
        }

        if (double.IsNaN(policy.MaximumIntervalWidth) || policy.MaximumIntervalWidth <= 0)
        {
            throw new ArgumentException("The maximum interval width must be positive.", nameof(policy));
        }

        if (double.IsNaN(policy.MinimumEffectiveSampleSize) || policy.MinimumEffectiveSampleSize < 0)
        {
            throw new ArgumentException("The minimum effective sample size must be non-negative.", nameof(policy));
        }

        var reasons = InsufficiencyReasons.None;
        if (effectiveSampleSize < policy.MinimumEffectiveSampleSize)
        {
            reasons |= InsufficiencyReasons.TooFewEffectiveRatings;
        }

        if (intervalWidth > policy.MaximumIntervalWidth)
        {
            reasons |= InsufficiencyReasons.IntervalTooWide;
        }

        return new ScoreStatusResult(reasons == InsufficiencyReasons.None ? ScoreStatusKind.Official : ScoreStatusKind.Insufficient, reasons);
    }
}
