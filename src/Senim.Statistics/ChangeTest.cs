namespace Senim.Statistics;

/// <summary>The comparison of two independent estimates (e.g. this period's score against last period's).</summary>
/// <param name="Difference">After − before.</param>
/// <param name="StandardError">√(se_before² + se_after²).</param>
/// <param name="Lower">Lower end of the interval for the difference.</param>
/// <param name="Upper">Upper end of the interval for the difference.</param>
/// <param name="Z">Difference / standard error (0 when undefined).</param>
/// <param name="PValue">Two-sided p = 2 Φ(−|z|) (1 when undefined).</param>
/// <param name="IsSignificant">True when p &lt; 1 − level, i.e. the interval excludes 0.</param>
/// <param name="IsDefined">False when both standard errors are 0: no test is possible and nothing is called significant.</param>
public readonly record struct ChangeTestResult(
    double Difference,
    double StandardError,
    double Lower,
    double Upper,
    double Z,
    double PValue,
    bool IsSignificant,
    bool IsDefined);

/// <summary>
/// The z-test for the difference of two independent estimates (Altman, D. G. &amp; Bland, J. M., "Interaction
/// revisited: the difference between two estimates", BMJ 326:219, 2003): d = E₂ − E₁, SE(d) = √(SE₁² + SE₂²),
/// z = d / SE(d), interval d ± z_{1−α/2} SE(d).
/// </summary>
public static class ChangeTest
{
    /// <summary>Tests the change from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <param name="before">The earlier estimate.</param>
    /// <param name="standardErrorBefore">Its standard error, ≥ 0.</param>
    /// <param name="after">The later estimate.</param>
    /// <param name="standardErrorAfter">Its standard error, ≥ 0.</param>
    /// <param name="confidenceLevel">Two-sided level, default 0.95.</param>
    /// <returns>The comparison.</returns>
    public static ChangeTestResult Compare(double before, double standardErrorBefore, double after, double standardErrorAfter, double confidenceLevel = 0.95)
    {
        if (!double.IsFinite(before) || !double.IsFinite(after))
        {
            throw new ArgumentException("Estimates must be finite.", nameof(before));
        }

        if (!double.IsFinite(standardErrorBefore) || standardErrorBefore < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(standardErrorBefore), standardErrorBefore, "Standard errors must be finite and non-negative.");
        }

        if (!double.IsFinite(standardErrorAfter) || standardErrorAfter < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(standardErrorAfter), standardErrorAfter, "Standard errors must be finite and non-negative.");
        }

        double critical = NormalDistribution.TwoSidedCriticalValue(confidenceLevel);
        double difference = after - before;
        double se = Math.Sqrt((standardErrorBefore * standardErrorBefore) + (standardErrorAfter * standardErrorAfter));
        if (se == 0)
        {
            return new ChangeTestResult(difference, 0.0, difference, difference, 0.0, 1.0, IsSignificant: false, IsDefined: false);
        }

        double z = difference / se;
        double p = Math.Min(1.0, 2.0 * NormalDistribution.Cdf(-Math.Abs(z)));
        return new ChangeTestResult(difference, se, difference - (critical * se), difference + (critical * se), z, p,
            IsSignificant: p < 1.0 - confidenceLevel, IsDefined: true);
    }
}
