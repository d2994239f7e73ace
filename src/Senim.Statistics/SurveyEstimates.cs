namespace Senim.Statistics;

/// <summary>A weighted survey estimate of a mean with its interval.</summary>
/// <param name="Estimate">The weighted mean Σwx / Σw.</param>
/// <param name="StandardError">Its standard error (design-effect adjusted).</param>
/// <param name="Lower">Lower end of the interval, clipped to the scale's minimum.</param>
/// <param name="Upper">Upper end of the interval, clipped to the scale's maximum.</param>
/// <param name="Count">Unweighted number of observations n.</param>
/// <param name="EffectiveSampleSize">Kish's n_eff = (Σw)² / Σw².</param>
/// <param name="DesignEffect">Kish's weighting design effect n / n_eff (1 for equal weights).</param>
public readonly record struct MeanEstimate(
    double Estimate,
    double StandardError,
    double Lower,
    double Upper,
    int Count,
    double EffectiveSampleSize,
    double DesignEffect);

/// <summary>One stratum (e.g. a district) of a combined estimate: its population and its own estimate.</summary>
/// <param name="Population">The stratum's population N_h, &gt; 0.</param>
/// <param name="Estimate">The stratum's estimate.</param>
public readonly record struct Stratum(double Population, MeanEstimate Estimate);

/// <summary>
/// Estimates of survey indices (0–100 scales) from raked weights, and their combination over districts.
/// </summary>
public static class SurveyEstimates
{
    /// <summary>
    /// The weighted mean with a design-effect-adjusted standard error. With Kish's weighting design effect
    /// deff = n Σw² / (Σw)² (Kish, L., "Weighting for unequal P_i", Journal of Official Statistics 8(2):183–200, 1992),
    /// SE = √deff · s / √n = s / √n_eff, where s² = Σw(x − x̄)² / (Σw − Σw²/Σw) is the weighted sample variance
    /// (<see cref="Moments.Variance"/>; equals the usual s² for equal weights). The interval is x̄ ± z_{1−α/2} SE
    /// (normal approximation), clipped to [<paramref name="minimum"/>, <paramref name="maximum"/>].
    /// </summary>
    /// <param name="values">Observations.</param>
    /// <param name="weights">Weights, one per observation, finite and non-negative.</param>
    /// <param name="confidenceLevel">Two-sided level, default 0.95.</param>
    /// <param name="minimum">Lowest possible value of the scale (default 0).</param>
    /// <param name="maximum">Highest possible value of the scale (default 100).</param>
    /// <returns>The estimate; with no positive weight, every figure is 0.</returns>
    public static MeanEstimate WeightedMean(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double confidenceLevel = 0.95,
        double minimum = 0, double maximum = 100)
    {
        var moments = WeightedAccumulator.Of(values, weights).Moments;
        if (!moments.IsMeanDefined)
        {
            return new MeanEstimate(0, 0, 0, 0, values.Length, 0, 0);
        }

        double z = NormalDistribution.TwoSidedCriticalValue(confidenceLevel);
        double se = moments.StandardErrorOfMean;
        double neff = moments.EffectiveSampleSize;
        double deff = neff > 0 ? values.Length / neff : 0;
        return new MeanEstimate(moments.Mean, se, Math.Max(minimum, moments.Mean - (z * se)), Math.Min(maximum, moments.Mean + (z * se)),
            values.Length, neff, deff);
    }

    /// <summary>
    /// Combines independent stratum estimates (districts) into one for the whole (a region, the country), each
    /// weighted by its population share W_h = N_h / ΣN: the stratified estimator ȳ = Σ W_h ȳ_h with
    /// Var(ȳ) = Σ W_h² Var(ȳ_h) (Cochran, W. G., Sampling Techniques, 3rd ed., Wiley 1977, §5.3, theorems 5.1–5.2).
    /// The effective sample size of the combined weights is n_eff = 1 / Σ (W_h² / n_eff,h), which is Kish's
    /// (Σw)² / Σw² when every response of stratum h carries W_h / Σ_{i∈h}w_i of its own weight (Kish 1992).
    /// </summary>
    /// <param name="strata">Strata with positive population and an estimate from at least one response.</param>
    /// <param name="confidenceLevel">Two-sided level, default 0.95.</param>
    /// <param name="minimum">Lowest possible value of the scale (default 0).</param>
    /// <param name="maximum">Highest possible value of the scale (default 100).</param>
    /// <returns>The combined estimate; Count is Σn_h.</returns>
    /// <exception cref="ArgumentException">No strata, or a population that is not positive and finite.</exception>
    public static MeanEstimate Combine(IReadOnlyList<Stratum> strata, double confidenceLevel = 0.95, double minimum = 0, double maximum = 100)
    {
        ArgumentNullException.ThrowIfNull(strata);
        if (strata.Count == 0)
        {
            throw new ArgumentException("At least one stratum is needed.", nameof(strata));
        }

        double total = 0;
        foreach (var s in strata)
        {
            if (!double.IsFinite(s.Population) || s.Population <= 0)
            {
                throw new ArgumentException("Every stratum needs a positive, finite population.", nameof(strata));
            }

            total += s.Population;
        }

        double mean = 0, variance = 0, inverseNeff = 0;
        int count = 0;
        foreach (var s in strata)
        {
            double w = s.Population / total;
            mean += w * s.Estimate.Estimate;
            variance += w * w * s.Estimate.StandardError * s.Estimate.StandardError;
            inverseNeff += s.Estimate.EffectiveSampleSize > 0 ? w * w / s.Estimate.EffectiveSampleSize : double.PositiveInfinity;
            count += s.Estimate.Count;
        }

        double se = Math.Sqrt(variance);
        double z = NormalDistribution.TwoSidedCriticalValue(confidenceLevel);
        double neff = double.IsFinite(inverseNeff) && inverseNeff > 0 ? 1.0 / inverseNeff : 0;
        return new MeanEstimate(mean, se, Math.Max(minimum, mean - (z * se)), Math.Min(maximum, mean + (z * se)), count, neff,
            neff > 0 ? count / neff : 0);
    }
}
