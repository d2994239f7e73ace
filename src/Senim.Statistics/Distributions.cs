namespace Senim.Statistics;

/// <summary>The standard normal distribution: density, cumulative distribution function and quantile.</summary>
public static class NormalDistribution
{
    private static readonly double InverseSqrtTwoPi = 1.0 / Math.Sqrt(2.0 * Math.PI);

    // Acklam, P. J. (2003), "An algorithm for computing the inverse normal cumulative distribution function",
    // rational approximations with relative error below 1.15e-9; coefficients as published by the author.
    private static readonly double[] CentralNumerator =
    [
        -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
    ];

    private static readonly double[] CentralDenominator =
    [
        -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01,
    ];

    private static readonly double[] TailNumerator =
    [
        -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
    ];

    private static readonly double[] TailDenominator =
    [
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00,
    ];

    private const double AcklamLowBreakpoint = 0.02425;

    /// <summary>The standard normal density φ(z) = exp(−z²/2) / √(2π).</summary>
    /// <param name="z">Any finite value.</param>
    /// <returns>φ(z).</returns>
    public static double Density(double z) => InverseSqrtTwoPi * Math.Exp(-0.5 * z * z);

    /// <summary>
    /// The standard normal CDF Φ(z) = ½ erfc(−z/√2), with erfc(t) = Q(½, t²) for t ≥ 0 (Numerical Recipes 3rd ed.,
    /// 2007, §6.2.2: erf(x) = P(½, x²), erfc(x) = Q(½, x²)). Both tails keep full relative
    /// precision, so Φ(−8) ≈ 6.2e-16 is returned accurately rather than as 0.
    /// </summary>
    /// <param name="z">Any value; ±∞ give 0 and 1.</param>
    /// <returns>Φ(z) in [0, 1].</returns>
    public static double Cdf(double z)
    {
        if (double.IsNaN(z))
        {
            throw new ArgumentException("The argument must not be NaN.", nameof(z));
        }

        if (double.IsNegativeInfinity(z))
        {
            return 0.0;
        }

        if (double.IsPositiveInfinity(z))
        {
            return 1.0;
        }

        double tail = 0.5 * SpecialFunctions.RegularizedGammaQ(0.5, 0.5 * z * z);
        return z < 0 ? tail : 1.0 - tail;
    }

    /// <summary>The upper tail 1 − Φ(z) = Φ(−z), without cancellation for large z.</summary>
    /// <param name="z">Any value.</param>
    /// <returns>1 − Φ(z).</returns>
    public static double UpperTail(double z) => Cdf(-z);

    /// <summary>
    /// The standard normal quantile Φ⁻¹(p): Acklam's (2003) rational approximation refined by Halley's method
    /// (x ← x − u / (1 + x u / 2), u = (Φ(x) − p) / φ(x)), as Acklam recommends, to full double precision.
    /// For p &gt; ½ the symmetry Φ⁻¹(p) = −Φ⁻¹(1 − p) is used (1 − p is exact in floating point there).
    /// </summary>
    /// <param name="p">Probability strictly between 0 and 1.</param>
    /// <returns>z with Φ(z) = p.</returns>
    /// <exception cref="ArgumentOutOfRangeException">p is not in (0, 1).</exception>
    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must lie strictly between 0 and 1.");
        }

        // Callers ask for the same few probabilities (0.025, 0.975, ...) hundreds of thousands of times in a scorecard
        // recompute; each answer costs up to three Φ evaluations. The last few answers are kept in an array that is
        // replaced, never changed, so a reader on another thread sees whole pairs: the same p gives the same double as
        // computing it again.
        var memo = _quantiles;
        foreach (var (known, x) in memo)
        {
            if (known == p)
            {
                return x;
            }
        }

        double result = p > 0.5 ? -LowerQuantile(1.0 - p) : LowerQuantile(p);
        _quantiles = [(p, result), .. memo.AsSpan(0, Math.Min(memo.Length, QuantileMemoSize - 1))];
        return result;
    }

    private const int QuantileMemoSize = 8;

    private static (double P, double X)[] _quantiles = [];

    // Φ⁻¹(p) for 0 < p ≤ ½.
    private static double LowerQuantile(double p)
    {

        double x;
        if (p < AcklamLowBreakpoint)
        {
            double q = Math.Sqrt(-2.0 * Math.Log(p));
            x = Polynomial(TailNumerator, q) / ((Polynomial(TailDenominator, q) * q) + 1.0);
        }
        else
        {
            double q = p - 0.5;
            double r = q * q;
            x = Polynomial(CentralNumerator, r) * q / ((Polynomial(CentralDenominator, r) * r) + 1.0);
        }

        // Halley refinement on f(x) = Φ(x) − p (f' = φ, f'' = −x φ).
        for (int i = 0; i < 3; i++)
        {
            double density = Density(x);
            if (density == 0)
            {
                break;
            }

            double u = (Cdf(x) - p) / density;
            double step = u / (1.0 + (0.5 * x * u));
            x -= step;
            if (Math.Abs(step) <= 1e-16 * Math.Max(1.0, Math.Abs(x)))
            {
                break;
            }
        }

        return x;
    }

    /// <summary>The two-sided critical value z_{1−(1−level)/2}, e.g. 1.959963984540054 for level 0.95.</summary>
    /// <param name="level">Confidence level strictly between 0 and 1.</param>
    /// <returns>The critical value.</returns>
    public static double TwoSidedCriticalValue(double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie strictly between 0 and 1.");
        }

        return -Quantile(0.5 * (1.0 - level));
    }

    // Horner evaluation of c[0] x^{n-1} + c[1] x^{n-2} + ... + c[n-1].
    private static double Polynomial(double[] coefficients, double x)
    {
        double value = 0.0;
        foreach (double c in coefficients)
        {
            value = (value * x) + c;
        }

        return value;
    }
}

/// <summary>The binomial distribution's cumulative distribution function.</summary>
public static class BinomialDistribution
{
    /// <summary>
    /// P(R ≤ r) for R ~ Binomial(n, θ), through the identity P(R ≤ r) = I_{1−θ}(n − r, r + 1) for 0 ≤ r &lt; n
    /// (Abramowitz &amp; Stegun 1964, eq. 26.5.24; Numerical Recipes 3rd ed., 2007, §6.4).
    /// </summary>
    /// <param name="r">Number of successes (any integer; below 0 gives 0, n or more gives 1).</param>
    /// <param name="n">Number of trials, non-negative.</param>
    /// <param name="theta">Success probability in [0, 1].</param>
    /// <returns>P(R ≤ r).</returns>
    public static double Cdf(long r, long n, double theta)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!(theta >= 0 && theta <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(theta), theta, "The probability must lie in [0, 1].");
        }

        if (r < 0)
        {
            return 0.0;
        }

        if (r >= n)
        {
            return 1.0;
        }

        if (theta == 0)
        {
            return 1.0;
        }

        if (theta == 1)
        {
            return 0.0;
        }

        return SpecialFunctions.RegularizedIncompleteBeta(1.0 - theta, n - r, r + 1.0);
    }
}
