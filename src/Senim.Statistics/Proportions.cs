namespace Senim.Statistics;

/// <summary>A confidence interval for a binomial proportion.</summary>
/// <param name="Successes">x (may be a weighted, non-integer count).</param>
/// <param name="Trials">n (may be an effective, non-integer count).</param>
/// <param name="Estimate">x / n, or 0 when n = 0.</param>
/// <param name="Lower">Lower limit, in [0, 1].</param>
/// <param name="Upper">Upper limit, in [0, 1].</param>
/// <param name="IsDefined">False when n = 0: nothing is known and the interval is [0, 1].</param>
public readonly record struct ProportionInterval(
    double Successes,
    double Trials,
    double Estimate,
    double Lower,
    double Upper,
    bool IsDefined)
{
    /// <summary>Upper − Lower.</summary>
    public double Width => Upper - Lower;
}

/// <summary>Confidence intervals for proportions (e.g. the share of residents who feel safe).</summary>
public static class Proportions
{
    /// <summary>
    /// The Wilson score interval without continuity correction (Wilson, E. B., "Probable inference, the law of
    /// succession, and statistical inference", JASA 22:209–212, 1927; Newcombe, R. G., "Two-sided confidence
    /// intervals for the single proportion: comparison of seven methods", Statistics in Medicine 17:857–872, 1998,
    /// method 3): (2np̂ + z² ∓ z√(z² + 4np̂(1 − p̂))) / (2(n + z²)).
    /// </summary>
    /// <param name="successes">x, with 0 ≤ x ≤ n.</param>
    /// <param name="trials">n ≥ 0.</param>
    /// <param name="confidenceLevel">Two-sided level, default 0.95.</param>
    /// <returns>The interval.</returns>
    public static ProportionInterval Wilson(double successes, double trials, double confidenceLevel = 0.95)
    {
        Validate(successes, trials);
        double z = NormalDistribution.TwoSidedCriticalValue(confidenceLevel);
        if (trials == 0)
        {
            return new ProportionInterval(successes, trials, 0.0, 0.0, 1.0, IsDefined: false);
        }

        double p = successes / trials;
        double z2 = z * z;
        double denominator = 2.0 * (trials + z2);
        double centre = (2.0 * successes) + z2;
        double half = z * Math.Sqrt(z2 + (4.0 * successes * (1.0 - p)));
        double lower = successes == 0 ? 0.0 : Math.Max(0.0, (centre - half) / denominator);
        double upper = successes == trials ? 1.0 : Math.Min(1.0, (centre + half) / denominator);
        return new ProportionInterval(successes, trials, p, lower, upper, IsDefined: true);
    }

    /// <summary>
    /// The Jeffreys interval: the equal-tailed interval of the Beta(x + ½, n − x + ½) posterior, with the lower limit
    /// set to 0 when x = 0 and the upper to 1 when x = n (Brown, L. D., Cai, T. T. &amp; DasGupta, A., "Interval
    /// estimation for a binomial proportion", Statistical Science 16(2):101–133, 2001, §4.1.2).
    /// </summary>
    /// <param name="successes">x, with 0 ≤ x ≤ n.</param>
    /// <param name="trials">n ≥ 0.</param>
    /// <param name="confidenceLevel">Two-sided level, default 0.95.</param>
    /// <returns>The interval.</returns>
    public static ProportionInterval Jeffreys(double successes, double trials, double confidenceLevel = 0.95)
    {
        Validate(successes, trials);
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must lie strictly between 0 and 1.");
        }

        if (trials == 0)
        {
            return new ProportionInterval(successes, trials, 0.0, 0.0, 1.0, IsDefined: false);
        }

        double alpha = 1.0 - confidenceLevel;
        double a = successes + 0.5;
        double b = trials - successes + 0.5;
        double lower = successes == 0 ? 0.0 : SpecialFunctions.InverseRegularizedIncompleteBeta(alpha / 2.0, a, b);
        double upper = successes == trials ? 1.0 : SpecialFunctions.InverseRegularizedIncompleteBeta(1.0 - (alpha / 2.0), a, b);
        return new ProportionInterval(successes, trials, successes / trials, lower, upper, IsDefined: true);
    }

    private static void Validate(double successes, double trials)
    {
        if (!double.IsFinite(trials) || trials < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "The number of trials must be finite and non-negative.");
        }

        if (!double.IsFinite(successes) || successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), successes, "The number of successes must lie between 0 and the number of trials.");
        }
    }
}
