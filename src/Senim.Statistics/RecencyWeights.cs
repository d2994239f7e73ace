namespace Senim.Statistics;

/// <summary>
/// Exponential-decay recency weights: an observation of age a days weighs w = 0.5^(a / h), so its influence halves
/// every h days (the exponentially weighted moving average of Roberts, S. W., "Control chart tests based on geometric
/// moving averages", Technometrics 1(3):239–250, 1959, parameterised by half-life).
/// </summary>
public sealed record RecencyWeights
{
    /// <summary>Creates the weighting.</summary>
    /// <param name="halfLifeDays">Half-life in days: positive, or +∞ for no decay (every weight 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">The half-life is not positive.</exception>
    public RecencyWeights(double halfLifeDays)
    {
        if (!(halfLifeDays > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(halfLifeDays), halfLifeDays, "The half-life must be positive (or +∞ for no decay).");
        }

        HalfLifeDays = halfLifeDays;
    }

    /// <summary>The half-life in days.</summary>
    public double HalfLifeDays { get; }

    /// <summary>
    /// The weight 0.5^(age / half-life). An age below zero (an observation stamped after the reference time, e.g.
    /// clock skew) counts as age zero, so no weight ever exceeds 1.
    /// </summary>
    /// <param name="ageDays">Age in days; not NaN.</param>
    /// <returns>A weight in [0, 1] (0 only when the power underflows, after about 1,075 half-lives).</returns>
    public double Weight(double ageDays)
    {
        if (double.IsNaN(ageDays))
        {
            throw new ArgumentException("The age must not be NaN.", nameof(ageDays));
        }

        return ageDays <= 0 ? 1.0 : Math.Pow(0.5, ageDays / HalfLifeDays);
    }

    /// <summary>The weight of an observation made at <paramref name="observedAt"/>, seen from <paramref name="asOf"/>.</summary>
    /// <param name="observedAt">When the observation was made.</param>
    /// <param name="asOf">The reference time (e.g. the end of the scoring period).</param>
    /// <returns>A weight in [0, 1] (0 only when the power underflows, after about 1,075 half-lives).</returns>
    public double Weight(DateTimeOffset observedAt, DateTimeOffset asOf) => Weight((asOf - observedAt).TotalDays);

    /// <summary>Writes the weight of every age into <paramref name="destination"/>.</summary>
    /// <param name="ageDays">Ages in days.</param>
    /// <param name="destination">Receives one weight per age; must be at least as long.</param>
    public void Weights(ReadOnlySpan<double> ageDays, Span<double> destination)
    {
        if (destination.Length < ageDays.Length)
        {
            throw new ArgumentException("The destination is shorter than the ages.", nameof(destination));
        }

        for (int i = 0; i < ageDays.Length; i++)
        {
            destination[i] = Weight(ageDays[i]);
        }
    }

    /// <summary>Kish's effective sample size (Σw)² / Σw² of observations with these ages; 0 for none.</summary>
    /// <param name="ageDays">Ages in days.</param>
    /// <returns>The effective number of observations.</returns>
    public double EffectiveSampleSize(ReadOnlySpan<double> ageDays)
    {
        double sum = 0.0;
        double sumOfSquares = 0.0;
        foreach (double age in ageDays)
        {
            double w = Weight(age);
            sum += w;
            sumOfSquares += w * w;
        }

        return sumOfSquares > 0 ? sum * sum / sumOfSquares : 0.0;
    }

    /// <summary>Accumulates values weighted by recency.</summary>
    /// <param name="values">Observations.</param>
    /// <param name="ageDays">The age of each observation in days.</param>
    /// <returns>The weighted accumulator.</returns>
    public WeightedAccumulator Accumulate(ReadOnlySpan<double> values, ReadOnlySpan<double> ageDays)
    {
        if (values.Length != ageDays.Length)
        {
            throw new ArgumentException("Every value needs exactly one age.", nameof(ageDays));
        }

        var accumulator = WeightedAccumulator.Empty;
        for (int i = 0; i < values.Length; i++)
        {
            accumulator = accumulator.Add(values[i], Weight(ageDays[i]));
        }

        return accumulator;
    }
}
