namespace Senim.Statistics;

/// <summary>
/// Sufficient statistics of exponentially weighted observations that can be stored and updated one observation at a
/// time (O(1), no rescan) and combined exactly: n, Σw, Σw², Σwx, Σwx² and a count of "satisfied" observations.
/// <para>
/// Weights are held relative to an anchor time a (e.g. the first instant of the month the observation falls in):
/// an observation at t ≥ a carries w = 2^((t − a)/h). Seen from a later time T, the recency weight of the same
/// observation is 0.5^((T − t)/h) = w · 2^(−(T − a)/h) (the exponential weights of Roberts, Technometrics 1959, see
/// <see cref="RecencyWeights"/>), so a whole anchored set is brought to T by one factor f = 2^(−(T − a)/h):
/// Σw·f, Σw²·f², Σwx·f, Σwx²·f (<see cref="Scale"/>). Sets with different anchors then add term by term. Anchoring
/// each set at its own month keeps every stored weight between 1 and 2^(31/h), far from overflow for any half-life.
/// </para>
/// <para>
/// Case-mix adjustment subtracts a constant c from every value of a set (the norm of its category minus the grand
/// mean): Σw(x − c) = Σwx − cΣw and Σw(x − c)² = Σwx² − 2cΣwx + c²Σw (<see cref="Shift"/>), expanding the square.
/// </para>
/// </summary>
/// <param name="Count">Number of observations.</param>
/// <param name="SumOfWeights">Σw.</param>
/// <param name="SumOfSquaredWeights">Σw².</param>
/// <param name="SumOfWeightedValues">Σwx.</param>
/// <param name="SumOfWeightedSquares">Σwx².</param>
/// <param name="Satisfied">Number of observations at or above the "satisfied" threshold (unweighted).</param>
public readonly record struct DecayedSums(
    long Count, double SumOfWeights, double SumOfSquaredWeights, double SumOfWeightedValues, double SumOfWeightedSquares, long Satisfied)
{
    /// <summary>The weight of an observation made <paramref name="daysAfterAnchor"/> days after the anchor: 2^(d/h).</summary>
    /// <param name="daysAfterAnchor">Days from the anchor to the observation (0 ≤ d; a negative d gives a weight below 1).</param>
    /// <param name="halfLifeDays">Half-life h in days, positive; +∞ gives weight 1.</param>
    public static double AnchoredWeight(double daysAfterAnchor, double halfLifeDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfLifeDays);
        return double.IsPositiveInfinity(halfLifeDays) ? 1.0 : Math.Pow(2.0, daysAfterAnchor / halfLifeDays);
    }

    /// <summary>The factor 2^(−(T − a)/h) that brings a set anchored at a to recency weights seen from T.</summary>
    /// <param name="anchorToAsOfDays">Days from the anchor a to the reference time T.</param>
    /// <param name="halfLifeDays">Half-life h in days, positive; +∞ gives 1.</param>
    public static double FactorToAsOf(double anchorToAsOfDays, double halfLifeDays) => AnchoredWeight(-anchorToAsOfDays, halfLifeDays);

    /// <summary>Adds one observation.</summary>
    public DecayedSums Add(double value, double weight, bool satisfied) => new(
        Count + 1, SumOfWeights + weight, SumOfSquaredWeights + (weight * weight), SumOfWeightedValues + (weight * value),
        SumOfWeightedSquares + (weight * value * value), Satisfied + (satisfied ? 1 : 0));

    /// <summary>Removes one observation added earlier with the same value, weight and satisfied flag.</summary>
    public DecayedSums Remove(double value, double weight, bool satisfied) => new(
        Count - 1, SumOfWeights - weight, SumOfSquaredWeights - (weight * weight), SumOfWeightedValues - (weight * value),
        SumOfWeightedSquares - (weight * value * value), Satisfied - (satisfied ? 1 : 0));

    /// <summary>Term-by-term sum of two sets whose weights share one reference (same anchor, or both scaled to one T).</summary>
    public DecayedSums Plus(DecayedSums other) => new(
        Count + other.Count, SumOfWeights + other.SumOfWeights, SumOfSquaredWeights + other.SumOfSquaredWeights,
        SumOfWeightedValues + other.SumOfWeightedValues, SumOfWeightedSquares + other.SumOfWeightedSquares, Satisfied + other.Satisfied);

    /// <summary>Every weight multiplied by <paramref name="factor"/> (w → fw).</summary>
    public DecayedSums Scale(double factor) => new(
        Count, SumOfWeights * factor, SumOfSquaredWeights * factor * factor, SumOfWeightedValues * factor, SumOfWeightedSquares * factor, Satisfied);

    /// <summary>Every value shifted down by <paramref name="c"/> (x → x − c).</summary>
    public DecayedSums Shift(double c) => this with
    {
        SumOfWeightedValues = SumOfWeightedValues - (c * SumOfWeights),
        SumOfWeightedSquares = SumOfWeightedSquares - (2 * c * SumOfWeightedValues) + (c * c * SumOfWeights),
    };

    /// <summary>Weighted mean Σwx/Σw; 0 when no weight is held.</summary>
    public double Mean => SumOfWeights > 0 ? SumOfWeightedValues / SumOfWeights : 0.0;

    /// <summary>The same sample as <see cref="Moments"/> (mean and Σw(x − x̄)² = Σwx² − Σw·x̄², never below 0 after rounding).</summary>
    public Moments ToMoments()
    {
        if (Count <= 0 || SumOfWeights <= 0) return new Moments(Math.Max(0, Count), 0, 0, 0, 0);
        var mean = SumOfWeightedValues / SumOfWeights;
        var ssd = Math.Max(0.0, SumOfWeightedSquares - (SumOfWeights * mean * mean));
        return new Moments(Count, SumOfWeights, SumOfSquaredWeights, mean, ssd);
    }
}
