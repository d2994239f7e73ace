namespace Senim.Statistics;

/// <summary>Where a point lies relative to one pair of funnel limits.</summary>
public enum FunnelZone
{
    /// <summary>On or between the limits.</summary>
    Within = 0,

    /// <summary>Strictly above the upper limit.</summary>
    Above = 1,

    /// <summary>Strictly below the lower limit.</summary>
    Below = 2,
}

/// <summary>Funnel-plot control limits at one sample size: 95% (p = 0.025, 0.975) and 99.8% (p = 0.001, 0.999).</summary>
/// <param name="Target">The target θ₀ (peer mean or proportion).</param>
/// <param name="Lower95">Lower 95% limit.</param>
/// <param name="Upper95">Upper 95% limit.</param>
/// <param name="Lower998">Lower 99.8% limit.</param>
/// <param name="Upper998">Upper 99.8% limit.</param>
/// <param name="IsDefined">False when the sample size is 0 (every limit is then the target and nothing is flagged).</param>
public readonly record struct FunnelLimits(double Target, double Lower95, double Upper95, double Lower998, double Upper998, bool IsDefined);

/// <summary>A point classified against funnel limits.</summary>
/// <param name="Value">The plotted value (a mean or a proportion).</param>
/// <param name="Limits">The limits at the point's sample size.</param>
/// <param name="At95">Position relative to the 95% limits.</param>
/// <param name="At998">Position relative to the 99.8% limits.</param>
public readonly record struct FunnelPosition(double Value, FunnelLimits Limits, FunnelZone At95, FunnelZone At998);

/// <summary>
/// Funnel plots for comparing units with a target (Spiegelhalter, D. J., "Funnel plots for comparing institutional
/// performance", Statistics in Medicine 24:1185–1202, 2005). Limits are drawn at the p = 0.001, 0.025, 0.975 and
/// 0.999 points of the distribution of the indicator for an "in control" unit of the given size (§2–3).
/// </summary>
public static class Funnel
{
    /// <summary>The probabilities of the four limits.</summary>
    public const double Lower95Probability = 0.025;

    /// <inheritdoc cref="Lower95Probability"/>
    public const double Upper95Probability = 0.975;

    /// <inheritdoc cref="Lower95Probability"/>
    public const double Lower998Probability = 0.001;

    /// <inheritdoc cref="Lower95Probability"/>
    public const double Upper998Probability = 0.999;

    /// <summary>
    /// The normal-approximation limit for a mean: θ₀ + z_p σ / √n (Spiegelhalter 2005, §3, a normally distributed
    /// indicator with standard error σ/√n).
    /// </summary>
    /// <param name="target">θ₀.</param>
    /// <param name="standardDeviation">σ, the standard deviation of one observation; ≥ 0.</param>
    /// <param name="sampleSize">n (or n_eff); &gt; 0.</param>
    /// <param name="p">The limit's probability in (0, 1).</param>
    /// <returns>The limit.</returns>
    public static double NormalLimit(double target, double standardDeviation, double sampleSize, double p)
    {
        ValidateMeanArguments(target, standardDeviation, sampleSize);
        if (!(sampleSize > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "The sample size must be positive.");
        }

        return target + (NormalDistribution.Quantile(p) * standardDeviation / Math.Sqrt(sampleSize));
    }

    /// <summary>All four limits for a mean of <paramref name="sampleSize"/> observations.</summary>
    /// <param name="target">θ₀.</param>
    /// <param name="standardDeviation">σ of one observation.</param>
    /// <param name="sampleSize">n (or n_eff), ≥ 0.</param>
    /// <returns>The limits; undefined for n = 0.</returns>
    public static FunnelLimits MeanLimits(double target, double standardDeviation, double sampleSize)
    {
        ValidateMeanArguments(target, standardDeviation, sampleSize);
        if (sampleSize == 0)
        {
            return new FunnelLimits(target, target, target, target, target, IsDefined: false);
        }

        return new FunnelLimits(
            target,
            NormalLimit(target, standardDeviation, sampleSize, Lower95Probability),
            NormalLimit(target, standardDeviation, sampleSize, Upper95Probability),
            NormalLimit(target, standardDeviation, sampleSize, Lower998Probability),
            NormalLimit(target, standardDeviation, sampleSize, Upper998Probability),
            IsDefined: true);
    }

    /// <summary>Classifies a mean against its limits.</summary>
    /// <param name="observedMean">The unit's mean.</param>
    /// <param name="target">θ₀.</param>
    /// <param name="standardDeviation">σ of one observation.</param>
    /// <param name="sampleSize">n (or n_eff).</param>
    /// <returns>The position.</returns>
    public static FunnelPosition ClassifyMean(double observedMean, double target, double standardDeviation, double sampleSize)
    {
        if (!double.IsFinite(observedMean))
        {
            throw new ArgumentOutOfRangeException(nameof(observedMean), observedMean, "The observed mean must be finite.");
        }

        return Classify(observedMean, MeanLimits(target, standardDeviation, sampleSize));
    }

    /// <summary>
    /// The exact binomial limit with Spiegelhalter's interpolation (Spiegelhalter 2005, §3 and the Appendix, binomial case):
    /// r_p is the smallest r with P(R ≤ r) ≥ p for R ~ Binomial(n, θ₀);
    /// α = (P(R ≤ r_p) − p) / (P(R ≤ r_p) − P(R ≤ r_p − 1)); the limit is (r_p − α) / n, so that the limits move
    /// smoothly with n rather than in steps. Clamped to [0, 1]. A target of exactly 0 or 1 is a point mass, whose
    /// limits are the target itself.
    /// The interpolated limit lies in ((r_p − 1)/n, r_p/n]. For a lower limit this is exact-conservative: a count
    /// below it has P(R ≤ y) &lt; p. For an upper limit a count of exactly r_p is already above it although
    /// P(R ≥ r_p) exceeds 1 − p, so an "above" flag at the smallest flagged count is slightly anti-conservative;
    /// this is a property of the published interpolation.
    /// </summary>
    /// <param name="target">θ₀ in [0, 1].</param>
    /// <param name="trials">n &gt; 0.</param>
    /// <param name="p">The limit's probability in (0, 1).</param>
    /// <returns>The limit on the proportion scale.</returns>
    public static double BinomialLimit(double target, long trials, double p)
    {
        ValidateProportionArguments(target, trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must lie strictly between 0 and 1.");
        }

        if (target == 0 || target == 1)
        {
            return target;
        }

        long low = 0;
        long high = trials;
        while (low < high)
        {
            long mid = low + ((high - low) / 2);
            if (BinomialDistribution.Cdf(mid, trials, target) >= p)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        long rp = low;
        double atRp = BinomialDistribution.Cdf(rp, trials, target);
        double belowRp = BinomialDistribution.Cdf(rp - 1, trials, target);
        double jump = atRp - belowRp;
        double alpha = jump > 0 ? (atRp - p) / jump : 0.0;
        double limit = (rp - alpha) / trials;
        return Math.Clamp(limit, 0.0, 1.0);
    }

    /// <summary>All four binomial limits for a proportion out of <paramref name="trials"/>.</summary>
    /// <param name="target">θ₀ in [0, 1].</param>
    /// <param name="trials">n ≥ 0.</param>
    /// <returns>The limits; undefined for n = 0.</returns>
    public static FunnelLimits ProportionLimits(double target, long trials)
    {
        ValidateProportionArguments(target, trials);
        if (trials == 0)
        {
            return new FunnelLimits(target, target, target, target, target, IsDefined: false);
        }

        return new FunnelLimits(
            target,
            BinomialLimit(target, trials, Lower95Probability),
            BinomialLimit(target, trials, Upper95Probability),
            BinomialLimit(target, trials, Lower998Probability),
            BinomialLimit(target, trials, Upper998Probability),
            IsDefined: true);
    }

    /// <summary>Classifies an observed proportion <paramref name="events"/>/<paramref name="trials"/> against its binomial limits.</summary>
    /// <param name="events">Number of events, 0 ≤ events ≤ trials.</param>
    /// <param name="trials">n ≥ 0.</param>
    /// <param name="target">θ₀ in [0, 1].</param>
    /// <returns>The position (value 0 and Within when n = 0).</returns>
    public static FunnelPosition ClassifyProportion(long events, long trials, double target)
    {
        ValidateProportionArguments(target, trials);
        if (events < 0 || events > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(events), events, "The number of events must lie between 0 and the number of trials.");
        }

        var limits = ProportionLimits(target, trials);
        double value = trials == 0 ? 0.0 : (double)events / trials;
        return Classify(value, limits);
    }

    private static FunnelPosition Classify(double value, FunnelLimits limits)
    {
        if (!limits.IsDefined)
        {
            return new FunnelPosition(value, limits, FunnelZone.Within, FunnelZone.Within);
        }

        return new FunnelPosition(value, limits, Zone(value, limits.Lower95, limits.Upper95), Zone(value, limits.Lower998, limits.Upper998));
    }

    private static FunnelZone Zone(double value, double lower, double upper) =>
        value > upper ? FunnelZone.Above : value < lower ? FunnelZone.Below : FunnelZone.Within;

    private static void ValidateMeanArguments(double target, double standardDeviation, double sampleSize)
    {
        if (!double.IsFinite(target))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "The target must be finite.");
        }

        if (!double.IsFinite(standardDeviation) || standardDeviation < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and non-negative.");
        }

        if (!double.IsFinite(sampleSize) || sampleSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "The sample size must be finite and non-negative.");
        }
    }

    private static void ValidateProportionArguments(double target, long trials)
    {
        if (!(target >= 0 && target <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "The target proportion must lie in [0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(trials);
    }
}
