using System.Globalization;

namespace Senim.Statistics;

/// <summary>One observation with its case-mix category (e.g. the kind of interaction that was rated).</summary>
/// <typeparam name="TCategory">The category type.</typeparam>
/// <param name="Category">The category.</param>
/// <param name="Value">The observed value (e.g. a rating).</param>
/// <param name="Weight">The observation's weight (default 1), e.g. a recency weight.</param>
public readonly record struct CategoryObservation<TCategory>(TCategory Category, double Value, double Weight = 1.0);

/// <summary>A subject's case-mix adjusted score.</summary>
/// <param name="ObservedMean">The subject's own (weighted) mean.</param>
/// <param name="ExpectedMean">What the peer norms predict for this subject's mix: Σ n_k norm_k / Σ n_k.</param>
/// <param name="AdjustedMean">Peer grand mean + (observed − expected).</param>
/// <param name="GrandMean">The peer grand mean.</param>
/// <param name="TotalWeight">Σ n_k, the subject's total (weighted) count.</param>
/// <param name="IsDefined">False when the subject has no weight: then every mean equals the grand mean.</param>
public readonly record struct CaseMixResult(
    double ObservedMean,
    double ExpectedMean,
    double AdjustedMean,
    double GrandMean,
    double TotalWeight,
    bool IsDefined)
{
    /// <summary>Observed − expected: how much better or worse than peers doing the same mix of work.</summary>
    public double Difference => ObservedMean - ExpectedMean;
}

/// <summary>
/// Peer norms per category and the peer grand mean, used for indirect standardisation. Create with
/// <see cref="CaseMix.Norms{TCategory}"/> or <see cref="CaseMix.FromNorms{TCategory}"/>.
/// </summary>
/// <typeparam name="TCategory">The category type.</typeparam>
public sealed class CaseMixNorms<TCategory>
    where TCategory : notnull
{
    internal CaseMixNorms(IReadOnlyDictionary<TCategory, double> norms, double grandMean)
    {
        Norms = norms;
        GrandMean = grandMean;
    }

    /// <summary>The peer mean of each category.</summary>
    public IReadOnlyDictionary<TCategory, double> Norms { get; }

    /// <summary>The peer grand mean over all categories.</summary>
    public double GrandMean { get; }

    /// <summary>Adjusts a subject from its own observations.</summary>
    /// <param name="subjectObservations">The subject's observations (category, value, weight).</param>
    /// <returns>The adjusted score.</returns>
    /// <exception cref="ArgumentException">A category has no norm, or a value or weight is invalid.</exception>
    public CaseMixResult Adjust(IEnumerable<CategoryObservation<TCategory>> subjectObservations)
    {
        ArgumentNullException.ThrowIfNull(subjectObservations);
        var weights = new Dictionary<TCategory, double>();
        double sumW = 0.0;
        double sumWX = 0.0;
        foreach (var o in subjectObservations)
        {
            CaseMix.Validate(o.Value, o.Weight);
            weights[o.Category] = weights.GetValueOrDefault(o.Category) + o.Weight;
            sumW += o.Weight;
            sumWX += o.Weight * o.Value;
        }

        double observed = sumW > 0 ? sumWX / sumW : GrandMean;
        return Adjust(observed, weights);
    }

    /// <summary>
    /// Adjusts a subject given its observed mean and its (weighted) count in each category.
    /// Indirect standardisation: expected = Σ_k n_k norm_k / Σ_k n_k (Breslow, N. E. &amp; Day, N. E., Statistical
    /// Methods in Cancer Research, Vol. II, IARC Scientific Publications 82, 1987, ch. 2, the expected count
    /// E = Σ_k n_k λ_k behind the standardised mortality ratio; Iezzoni, L. I. (ed.), Risk Adjustment for Measuring
    /// Health Care Outcomes, 4th ed., 2013, observed-versus-expected comparison). The additive adjustment
    /// grandMean + (observed − expected) is the difference analogue of the ratio grandMean × observed / expected, and
    /// is the one that stays on the rating scale.
    /// </summary>
    /// <param name="observedMean">The subject's observed mean.</param>
    /// <param name="weightByCategory">The subject's count (or total weight) per category.</param>
    /// <returns>The adjusted score.</returns>
    /// <exception cref="ArgumentException">A category has no norm, or a count is negative.</exception>
    public CaseMixResult Adjust(double observedMean, IEnumerable<KeyValuePair<TCategory, double>> weightByCategory)
    {
        ArgumentNullException.ThrowIfNull(weightByCategory);
        if (!double.IsFinite(observedMean))
        {
            throw new ArgumentOutOfRangeException(nameof(observedMean), observedMean, "The observed mean must be finite.");
        }

        double total = 0.0;
        double expectedSum = 0.0;
        foreach (var (category, weight) in weightByCategory)
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The count for category '{category}' must be finite and non-negative."), nameof(weightByCategory));
            }

            if (weight == 0)
            {
                continue;
            }

            if (!Norms.TryGetValue(category, out double norm))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"No peer norm exists for category '{category}'."), nameof(weightByCategory));
            }

            total += weight;
            expectedSum += weight * norm;
        }

        if (total <= 0)
        {
            return new CaseMixResult(GrandMean, GrandMean, GrandMean, GrandMean, 0.0, IsDefined: false);
        }

        double expected = expectedSum / total;
        return new CaseMixResult(observedMean, expected, GrandMean + (observedMean - expected), GrandMean, total, IsDefined: true);
    }
}

/// <summary>Case-mix (indirect standardisation) helpers: build peer norms, then adjust subjects with them.</summary>
public static class CaseMix
{
    /// <summary>
    /// Builds norms from all peer observations: each category's weighted mean, and the weighted grand mean over every
    /// observation (so a subject whose observations all sit exactly at their category norms, in the peer group's own
    /// mix, scores exactly the grand mean).
    /// </summary>
    /// <typeparam name="TCategory">The category type.</typeparam>
    /// <param name="peerObservations">Every observation of the peer group.</param>
    /// <returns>The norms; with no positive weight, no categories and a grand mean of 0.</returns>
    public static CaseMixNorms<TCategory> Norms<TCategory>(IEnumerable<CategoryObservation<TCategory>> peerObservations)
        where TCategory : notnull
    {
        ArgumentNullException.ThrowIfNull(peerObservations);
        var sums = new Dictionary<TCategory, (double W, double WX)>();
        double sumW = 0.0;
        double sumWX = 0.0;
        foreach (var o in peerObservations)
        {
            Validate(o.Value, o.Weight);
            var current = sums.GetValueOrDefault(o.Category);
            sums[o.Category] = (current.W + o.Weight, current.WX + (o.Weight * o.Value));
            sumW += o.Weight;
            sumWX += o.Weight * o.Value;
        }

        var norms = new Dictionary<TCategory, double>();
        foreach (var (category, (w, wx)) in sums)
        {
            if (w > 0)
            {
                norms[category] = wx / w;
            }
        }

        return new CaseMixNorms<TCategory>(norms, sumW > 0 ? sumWX / sumW : 0.0);
    }

    /// <summary>Norms given directly (e.g. from the previous period or a published methodology).</summary>
    /// <typeparam name="TCategory">The category type.</typeparam>
    /// <param name="norms">Norm per category; finite.</param>
    /// <param name="grandMean">The grand mean; finite.</param>
    /// <returns>The norms.</returns>
    public static CaseMixNorms<TCategory> FromNorms<TCategory>(IReadOnlyDictionary<TCategory, double> norms, double grandMean)
        where TCategory : notnull
    {
        ArgumentNullException.ThrowIfNull(norms);
        if (!double.IsFinite(grandMean))
        {
            throw new ArgumentOutOfRangeException(nameof(grandMean), grandMean, "The grand mean must be finite.");
        }

        var copy = new Dictionary<TCategory, double>();
        foreach (var (category, norm) in norms)
        {
            if (!double.IsFinite(norm))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The norm for category '{category}' must be finite."), nameof(norms));
            }

            copy[category] = norm;
        }

        return new CaseMixNorms<TCategory>(copy, grandMean);
    }

    internal static void Validate(double value, double weight)
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
