namespace Senim.Statistics;

/// <summary>
/// Log-gamma, regularized incomplete gamma and beta functions and the inverse of the regularized incomplete beta
/// function. These underlie the normal distribution, the binomial distribution (funnel plots) and the Jeffreys
/// interval. Implemented from the published formulas, without lookup tables.
/// </summary>
public static class SpecialFunctions
{
    private const double Epsilon = 1e-16;
    private const double FloatingPointMinimum = 1e-300;
    private const int MaximumContinuedFractionTerms = 1_000_000;

    // Stirling-series coefficients B_{2k} / (2k (2k - 1)) for k = 1..7 (Bernoulli numbers B2 = 1/6, B4 = -1/30,
    // B6 = 1/42, B8 = -1/30, B10 = 5/66, B12 = -691/2730, B14 = 7/6).
    private static readonly double[] StirlingCoefficients =
    [
        1.0 / 12.0, -1.0 / 360.0, 1.0 / 1260.0, -1.0 / 1680.0, 1.0 / 1188.0, -691.0 / 360360.0, 1.0 / 156.0,
    ];

    private const double StirlingThreshold = 15.0;
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2.0 * Math.PI);

    /// <summary>Natural logarithm of the gamma function, ln Γ(x), for x &gt; 0.</summary>
    /// <param name="x">A positive, finite argument.</param>
    /// <returns>ln Γ(x), accurate to about 1e-15 relative.</returns>
    /// <exception cref="ArgumentOutOfRangeException">x is not positive and finite.</exception>
    public static double LogGamma(double x)
    {
        if (!(x > 0) || double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The log-gamma function is defined here for positive finite x.");
        }

        // Shift the argument up with the recurrence Γ(z + 1) = z Γ(z) (Abramowitz & Stegun 1964, Handbook of
        // Mathematical Functions, eq. 6.1.15) until Stirling's series is accurate to double precision.
        double shift = 0.0;
        double product = 1.0;
        double z = x;
        while (z < StirlingThreshold)
        {
            product *= z;
            z += 1.0;
        }

        if (product != 1.0)
        {
            shift = Math.Log(product);
        }

        // Stirling's asymptotic series (Abramowitz & Stegun 1964, eq. 6.1.40):
        // ln Γ(z) ≈ (z − ½) ln z − z + ½ ln(2π) + Σ_k B_{2k} / (2k (2k − 1) z^{2k−1}).
        // With z ≥ 15 the first omitted term is below 1e-19.
        double inverse = 1.0 / z;
        double inverseSquared = inverse * inverse;
        double series = 0.0;
        for (int k = StirlingCoefficients.Length - 1; k >= 0; k--)
        {
            series = (series * inverseSquared) + StirlingCoefficients[k];
        }

        series *= inverse;
        return ((z - 0.5) * Math.Log(z)) - z + HalfLogTwoPi + series - shift;
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), the log of the complete beta function.</summary>
    /// <param name="a">First shape, positive.</param>
    /// <param name="b">Second shape, positive.</param>
    /// <returns>ln B(a, b).</returns>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>
    /// The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).
    /// Series for x &lt; a + 1, continued fraction otherwise (Press, Teukolsky, Vetterling &amp; Flannery,
    /// Numerical Recipes, 3rd ed., 2007, §6.2.1).
    /// </summary>
    /// <param name="a">Shape, positive.</param>
    /// <param name="x">Argument, non-negative.</param>
    /// <returns>P(a, x) in [0, 1].</returns>
    public static double RegularizedGammaP(double a, double x)
    {
        ValidateGammaArguments(a, x);
        if (x == 0)
        {
            return 0.0;
        }

        return x < a + 1.0 ? GammaSeries(a, x) : 1.0 - GammaContinuedFraction(a, x);
    }

    /// <summary>The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), computed without cancellation.</summary>
    /// <param name="a">Shape, positive.</param>
    /// <param name="x">Argument, non-negative.</param>
    /// <returns>Q(a, x) in [0, 1].</returns>
    public static double RegularizedGammaQ(double a, double x)
    {
        ValidateGammaArguments(a, x);
        if (x == 0)
        {
            return 1.0;
        }

        return x < a + 1.0 ? 1.0 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    private static void ValidateGammaArguments(double a, double x)
    {
        if (!(a > 0) || double.IsInfinity(a))
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, "The shape must be positive and finite.");
        }

        if (!(x >= 0) || double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The argument must be non-negative and finite.");
        }
    }

    // P(a, x) = e^{−x} x^a / Γ(a) Σ_{n≥0} x^n / (a (a+1) ... (a+n))  (Numerical Recipes 3rd ed., §6.2.1, the series).
    private static double GammaSeries(double a, double x)
    {
        double term = 1.0 / a;
        double sum = term;
        double denominator = a;
        for (int n = 0; n < MaximumContinuedFractionTerms; n++)
        {
            denominator += 1.0;
            term *= x / denominator;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                return sum * Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a));
            }
        }

        throw new InvalidOperationException("The incomplete gamma series did not converge.");
    }

    // Q(a, x) = e^{−x} x^a / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− ...))), evaluated with the modified
    // Lentz method (Numerical Recipes 3rd ed., §6.2.1, the continued fraction, and §5.2 for Lentz's method).
    private static double GammaContinuedFraction(double a, double x)
    {
        double b = x + 1.0 - a;
        double c = 1.0 / FloatingPointMinimum;
        double d = 1.0 / b;
        double h = d;
        for (int i = 1; i < MaximumContinuedFractionTerms; i++)
        {
            double an = -i * (i - a);
            b += 2.0;
            d = (an * d) + b;
            if (Math.Abs(d) < FloatingPointMinimum)
            {
                d = FloatingPointMinimum;
            }

            c = b + (an / c);
            if (Math.Abs(c) < FloatingPointMinimum)
            {
                c = FloatingPointMinimum;
            }

            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1.0) <= Epsilon)
            {
                return Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a)) * h;
            }
        }

        throw new InvalidOperationException("The incomplete gamma continued fraction did not converge.");
    }

    /// <summary>
    /// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b)
    /// (Numerical Recipes 3rd ed., 2007, §6.4: continued fraction, using the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a) where it converges faster).
    /// </summary>
    /// <param name="x">Point in [0, 1].</param>
    /// <param name="a">First shape, positive.</param>
    /// <param name="b">Second shape, positive.</param>
    /// <returns>I_x(a, b) in [0, 1].</returns>
    public static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        ValidateBetaShapes(a, b);
        if (!(x >= 0 && x <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The point must lie in [0, 1].");
        }

        if (x == 0)
        {
            return 0.0;
        }

        if (x == 1)
        {
            return 1.0;
        }

        double logFront = (a * Math.Log(x)) + (b * double.LogP1(-x)) - LogBeta(a, b);
        if (x < (a + 1.0) / (a + b + 2.0))
        {
            return Clamp01(Math.Exp(logFront) * BetaContinuedFraction(a, b, x) / a);
        }

        return Clamp01(1.0 - (Math.Exp(logFront) * BetaContinuedFraction(b, a, 1.0 - x) / b));
    }

    // Continued fraction for the incomplete beta function, modified Lentz evaluation (Numerical Recipes 3rd ed.,
    // §6.4): d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)), d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)).
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        double qab = a + b;
        double qap = a + 1.0;
        double qam = a - 1.0;
        double c = 1.0;
        double d = 1.0 - (qab * x / qap);
        if (Math.Abs(d) < FloatingPointMinimum)
        {
            d = FloatingPointMinimum;
        }

        d = 1.0 / d;
        double h = d;
        for (int m = 1; m < MaximumContinuedFractionTerms; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 + (aa * d);
            if (Math.Abs(d) < FloatingPointMinimum)
            {
                d = FloatingPointMinimum;
            }

            c = 1.0 + (aa / c);
            if (Math.Abs(c) < FloatingPointMinimum)
            {
                c = FloatingPointMinimum;
            }

            d = 1.0 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 + (aa * d);
            if (Math.Abs(d) < FloatingPointMinimum)
            {
                d = FloatingPointMinimum;
            }

            c = 1.0 + (aa / c);
            if (Math.Abs(c) < FloatingPointMinimum)
            {
                c = FloatingPointMinimum;
            }

            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1.0) <= Epsilon)
            {
                return h;
            }
        }

        throw new InvalidOperationException("The incomplete beta continued fraction did not converge.");
    }

    /// <summary>
    /// The inverse of the regularized incomplete beta function: the x in [0, 1] with I_x(a, b) = p, i.e. the
    /// p-quantile of a Beta(a, b) distribution. Newton's method on I_x(a, b) − p with derivative
    /// x^{a−1}(1−x)^{b−1}/B(a, b), safeguarded by bisection so that every step stays inside a bracket that holds the
    /// root (Numerical Recipes 3rd ed., 2007, §9.4 "rtsafe"; §6.4 discusses inverting I_x(a, b) the same way).
    /// </summary>
    /// <param name="p">Probability in [0, 1].</param>
    /// <param name="a">First shape, positive.</param>
    /// <param name="b">Second shape, positive.</param>
    /// <returns>x with I_x(a, b) = p.</returns>
    public static double InverseRegularizedIncompleteBeta(double p, double a, double b)
    {
        ValidateBetaShapes(a, b);
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must lie in [0, 1].");
        }

        if (p == 0)
        {
            return 0.0;
        }

        if (p == 1)
        {
            return 1.0;
        }

        double logBeta = LogBeta(a, b);
        double low = 0.0;
        double high = 1.0;
        double x = a / (a + b);
        for (int iteration = 0; iteration < 400; iteration++)
        {
            double f = RegularizedIncompleteBeta(x, a, b) - p;
            if (f == 0)
            {
                return x;
            }

            if (f < 0)
            {
                low = x;
            }
            else
            {
                high = x;
            }

            double logDensity = ((a - 1.0) * Math.Log(x)) + ((b - 1.0) * double.LogP1(-x)) - logBeta;
            double density = Math.Exp(logDensity);
            double next = density > 0 && !double.IsInfinity(density) ? x - (f / density) : double.NaN;
            if (!(next > low && next < high))
            {
                next = 0.5 * (low + high);
            }

            if (Math.Abs(next - x) <= 4.0 * double.Epsilon + (2e-16 * Math.Abs(x)) || high - low <= 2e-16 * high)
            {
                return next;
            }

            x = next;
        }

        return x;
    }

    private static void ValidateBetaShapes(double a, double b)
    {
        if (!(a > 0) || double.IsInfinity(a))
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, "The shape must be positive and finite.");
        }

        if (!(b > 0) || double.IsInfinity(b))
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, "The shape must be positive and finite.");
        }
    }

    private static double Clamp01(double value) => value < 0 ? 0 : value > 1 ? 1 : value;
}
