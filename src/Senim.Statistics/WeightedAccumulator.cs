namespace Senim.Statistics;

/// <summary>
/// Summary statistics of a weighted sample, as produced by <see cref="WeightedAccumulator"/>.
/// The state (n, Σw, Σw², weighted mean, Σw(x − mean)²) is equivalent to the raw sums (Σw, Σwx, Σwx², Σw²)
/// but is updated in the numerically stable form of West (1979).
/// </summary>
/// <param name="Count">Number of observations held, including any with weight zero.</param>
/// <param name="SumOfWeights">Σw.</param>
/// <param name="SumOfSquaredWeights">Σw².</param>
/// <param name="Mean">Weighted mean Σwx / Σw; 0 when <see cref="IsMeanDefined"/> is false.</param>
/// <param name="SumOfSquaredDeviations">Σw(x − mean)²; 0 when nothing is held.</param>
public readonly record struct Moments(
    long Count,
    double SumOfWeights,
    double SumOfSquaredWeights,
    double Mean,
    double SumOfSquaredDeviations)
{
    private const double RelativeTolerance = 1e-12;

    /// <summary>True when there is positive total weight, so the mean exists.</summary>
    public bool IsMeanDefined => SumOfWeights > 0;

    /// <summary>
    /// Kish's effective sample size n_eff = (Σw)² / Σw² (Kish, L., Survey Sampling, Wiley 1965, §11.7 on weighting).
    /// Equals n for equal weights; 0 when nothing (or only zero weight) is held.
    /// </summary>
    public double EffectiveSampleSize => SumOfSquaredWeights > 0 ? SumOfWeights * SumOfWeights / SumOfSquaredWeights : 0.0;

    /// <summary>True when the effective sample size exceeds one, so a variance can be estimated.</summary>
    public bool IsVarianceDefined => SumOfWeights > 0 && VarianceDenominator > RelativeTolerance * SumOfWeights;

    private double VarianceDenominator => SumOfWeights > 0 ? SumOfWeights - (SumOfSquaredWeights / SumOfWeights) : 0.0;

    /// <summary>
    /// Unbiased variance for reliability (precision-style) weights:
    /// s² = Σw(x − x̄)² / (Σw − Σw²/Σw) (GNU Scientific Library Reference Manual, chapter "Statistics", section "Weighted Samples",
    /// gsl_stats_wvariance). With unit weights this is the usual Σ(x − x̄)² / (n − 1). 0 when undefined.
    /// </summary>
    public double Variance => IsVarianceDefined ? SumOfSquaredDeviations / VarianceDenominator : 0.0;

    /// <summary>Sample standard deviation √<see cref="Variance"/>; 0 when undefined.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>The weighted population variance Σw(x − x̄)² / Σw; 0 when no weight is held.</summary>
    public double PopulationVariance => SumOfWeights > 0 ? SumOfSquaredDeviations / SumOfWeights : 0.0;

    /// <summary>
    /// Standard error of the weighted mean, √(s² / n_eff) (Kish 1965, §11.7: the variance of a weighted mean is
    /// inflated by the factor n / n_eff). 0 when the variance is undefined.
    /// </summary>
    public double StandardErrorOfMean => IsVarianceDefined ? Math.Sqrt(Variance / EffectiveSampleSize) : 0.0;

    /// <summary>Σwx, recovered from the stable state.</summary>
    public double SumOfWeightedValues => SumOfWeights * Mean;

    /// <summary>Σwx², recovered from the stable state.</summary>
    public double SumOfWeightedSquares => SumOfSquaredDeviations + (SumOfWeights * Mean * Mean);
}

/// <summary>
/// An immutable accumulator of weighted observations. <see cref="Add"/>, <see cref="Remove"/> and
/// <see cref="Merge"/> are O(1) and return a new value; the original is unchanged. Updates follow West, D.H.D.,
/// "Updating mean and variance estimates: an improved method", Communications of the ACM 22(9):532–535, 1979
/// (the weighted form of Welford's algorithm); merging follows Chan, Golub &amp; LeVeque, "Updating formulae and a
/// pairwise algorithm for computing sample variances", Stanford CS report STAN-CS-79-773, 1979, eq. 2.1.
/// </summary>
public readonly record struct WeightedAccumulator
{
    // Below this fraction of the previous total weight, a remainder after removal is rounding noise.
    private const double RemovalNoiseFraction = 1e-12;

    private WeightedAccumulator(long count, double sumOfWeights, double sumOfSquaredWeights, double mean, double sumOfSquaredDeviations)
    {
        Count = count;
        SumOfWeights = sumOfWeights;
        SumOfSquaredWeights = sumOfSquaredWeights;
        Mean = mean;
        SumOfSquaredDeviations = sumOfSquaredDeviations;
    }

    /// <summary>An accumulator that holds nothing.</summary>
    public static WeightedAccumulator Empty => default;

    /// <summary>Number of observations held (including zero-weight ones).</summary>
    public long Count { get; }

    /// <summary>Σw.</summary>
    public double SumOfWeights { get; }

    /// <summary>Σw².</summary>
    public double SumOfSquaredWeights { get; }

    /// <summary>Weighted mean; 0 while no positive weight is held.</summary>
    public double Mean { get; }

    /// <summary>Σw(x − mean)².</summary>
    public double SumOfSquaredDeviations { get; }

    /// <summary>The summary statistics of what is held.</summary>
    public Moments Moments => new(Count, SumOfWeights, SumOfSquaredWeights, Mean, SumOfSquaredDeviations);

    /// <summary>Accumulates a whole sample, one observation at a time.</summary>
    /// <param name="values">Observations.</param>
    /// <param name="weights">Non-negative weights, one per observation.</param>
    /// <returns>The accumulator holding every observation.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or a value or weight is invalid.</exception>
    public static WeightedAccumulator Of(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        if (values.Length != weights.Length)
        {
            throw new ArgumentException("Every value needs exactly one weight.", nameof(weights));
        }

        var accumulator = Empty;
        for (int i = 0; i < values.Length; i++)
        {
            accumulator = accumulator.Add(values[i], weights[i]);
        }

        return accumulator;
    }

    /// <summary>Accumulates an unweighted sample (every weight 1).</summary>
    /// <param name="values">Observations.</param>
    /// <returns>The accumulator holding every observation.</returns>
    public static WeightedAccumulator Of(ReadOnlySpan<double> values)
    {
        var accumulator = Empty;
        foreach (double value in values)
        {
            accumulator = accumulator.Add(value);
        }

        return accumulator;
    }

    /// <summary>Adds one observation (West 1979, weighted incremental update).</summary>
    /// <param name="value">The observation, finite.</param>
    /// <param name="weight">Its weight, finite and non-negative; default 1.</param>
    /// <returns>The updated accumulator.</returns>
    public WeightedAccumulator Add(double value, double weight = 1.0)
    {
        Validate(value, weight);
        if (weight == 0)
        {
            return new(Count + 1, SumOfWeights, SumOfSquaredWeights, Mean, SumOfSquaredDeviations);
        }

        // West (1979), weighted algorithm: W' = W + w; δ = x − m; R = δ w / W'; m' = m + R; S' = S + W δ R.
        double newSum = SumOfWeights + weight;
        double delta = value - Mean;
        double r = delta * weight / newSum;
        double newMean = Mean + r;
        double newDeviations = SumOfSquaredDeviations + (SumOfWeights * delta * r);
        return new(Count + 1, newSum, SumOfSquaredWeights + (weight * weight), newMean, newDeviations);
    }

    /// <summary>
    /// Removes one observation that was previously added with the same value and weight, inverting West's update
    /// exactly in exact arithmetic: W = W' − w; m = m' − w(x − m')/W; S = S' − w(x − m)(x − m').
    /// </summary>
    /// <param name="value">The observation's value.</param>
    /// <param name="weight">The weight it was added with; default 1.</param>
    /// <returns>The accumulator as it would be without that observation.</returns>
    /// <exception cref="InvalidOperationException">The accumulator is empty.</exception>
    /// <exception cref="ArgumentException">The weight exceeds the total weight held, or a value is invalid.</exception>
    public WeightedAccumulator Remove(double value, double weight = 1.0)
    {
        Validate(value, weight);
        if (Count == 0)
        {
            throw new InvalidOperationException("Cannot remove an observation from an empty accumulator.");
        }

        if (weight > SumOfWeights * (1.0 + RemovalNoiseFraction))
        {
            throw new ArgumentException("The weight to remove exceeds the total weight held.", nameof(weight));
        }

        if (Count == 1)
        {
            return Empty;
        }

        if (weight == 0)
        {
            return new(Count - 1, SumOfWeights, SumOfSquaredWeights, Mean, SumOfSquaredDeviations);
        }

        double oldSum = SumOfWeights - weight;
        double oldSquaredWeights = Math.Max(0.0, SumOfSquaredWeights - (weight * weight));
        if (oldSum <= RemovalNoiseFraction * SumOfWeights)
        {
            // Only zero-weight observations remain (up to rounding): no mean, no spread.
            return new(Count - 1, 0.0, 0.0, 0.0, 0.0);
        }

        double oldMean = Mean - (weight * (value - Mean) / oldSum);
        double oldDeviations = SumOfSquaredDeviations - (weight * (value - oldMean) * (value - Mean));
        return new(Count - 1, oldSum, oldSquaredWeights, oldMean, Math.Max(0.0, oldDeviations));
    }

    /// <summary>
    /// Combines two accumulators as if every observation of both had been added to one (Chan, Golub &amp; LeVeque
    /// 1979, eq. 2.1, weighted: m = m_a + δ W_b / W, S = S_a + S_b + δ² W_a W_b / W with δ = m_b − m_a).
    /// </summary>
    /// <param name="other">The accumulator to merge in.</param>
    /// <returns>The combined accumulator.</returns>
    public WeightedAccumulator Merge(WeightedAccumulator other)
    {
        if (other.SumOfWeights == 0)
        {
            return new(Count + other.Count, SumOfWeights, SumOfSquaredWeights, Mean, SumOfSquaredDeviations);
        }

        if (SumOfWeights == 0)
        {
            return new(Count + other.Count, other.SumOfWeights, other.SumOfSquaredWeights, other.Mean, other.SumOfSquaredDeviations);
        }

        double total = SumOfWeights + other.SumOfWeights;
        double delta = other.Mean - Mean;
        double mean = Mean + (delta * other.SumOfWeights / total);
        double deviations = SumOfSquaredDeviations + other.SumOfSquaredDeviations
            + (delta * delta * SumOfWeights * other.SumOfWeights / total);
        return new(Count + other.Count, total, SumOfSquaredWeights + other.SumOfSquaredWeights, mean, deviations);
    }

    private static void Validate(double value, double weight)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Observations must be finite.");
        }

        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "Weights must be finite and non-negative.");
        }
    }
}
