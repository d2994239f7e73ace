namespace Senim.Statistics;

/// <summary>A value's percentile rank within its peer group.</summary>
/// <param name="Value">The value ranked.</param>
/// <param name="Rank">Percentile rank in [0, 100]: 100 × (below + ½ equal) / group size.</param>
/// <param name="Below">How many peers are strictly below the value.</param>
/// <param name="Equal">How many peers equal the value (the subject itself, when it is in the group).</param>
/// <param name="GroupSize">How many peers there are.</param>
/// <param name="IsDefined">False for an empty group (the rank is then 50).</param>
public readonly record struct PercentileRank(double Value, double Rank, int Below, int Equal, int GroupSize, bool IsDefined);

/// <summary>
/// Mid-rank percentile ranks: PR(x) = 100 × (#{peers &lt; x} + ½ #{peers = x}) / N, i.e. 100 times the
/// mid-distribution function F_mid(x) = P(X &lt; x) + ½ P(X = x) (Parzen, E., "Quantile probability and statistical
/// data modeling", Statistical Science 19(4):652–662, 2004, §2). Ties share one rank, ranks are symmetric
/// (reversing the scale maps r to 100 − r) and a group of one ranks its member at 50. Equality is exact comparison.
/// </summary>
public static class Percentile
{
    /// <summary>The percentile rank of <paramref name="value"/> among <paramref name="peers"/> (which normally include the subject).</summary>
    /// <param name="value">The value to rank; finite.</param>
    /// <param name="peers">The peer group's values; finite.</param>
    /// <returns>The rank; for an empty group, 50 with <see cref="PercentileRank.IsDefined"/> false.</returns>
    public static PercentileRank Rank(double value, ReadOnlySpan<double> peers)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The value must be finite.");
        }

        int below = 0;
        int equal = 0;
        foreach (double p in peers)
        {
            if (!double.IsFinite(p))
            {
                throw new ArgumentException("Peer values must be finite.", nameof(peers));
            }

            if (p < value)
            {
                below++;
            }
            else if (p == value)
            {
                equal++;
            }
        }

        if (peers.Length == 0)
        {
            return new PercentileRank(value, 50.0, 0, 0, 0, IsDefined: false);
        }

        return new PercentileRank(value, 100.0 * (below + (0.5 * equal)) / peers.Length, below, equal, peers.Length, IsDefined: true);
    }

    /// <summary>The percentile rank of every member of a group within that group, in O(n log n).</summary>
    /// <param name="values">The group's values; finite.</param>
    /// <returns>One rank per value, in input order.</returns>
    public static PercentileRank[] Ranks(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        var sorted = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException("Values must be finite.", nameof(values));
            }

            order[i] = i;
            sorted[i] = values[i];
        }

        Array.Sort(sorted, order);
        var ranks = new PercentileRank[values.Length];
        int start = 0;
        while (start < sorted.Length)
        {
            int end = start;
            while (end + 1 < sorted.Length && sorted[end + 1] == sorted[start])
            {
                end++;
            }

            int equal = end - start + 1;
            double rank = 100.0 * (start + (0.5 * equal)) / sorted.Length;
            for (int k = start; k <= end; k++)
            {
                ranks[order[k]] = new PercentileRank(sorted[start], rank, start, equal, sorted.Length, IsDefined: true);
            }

            start = end + 1;
        }

        return ranks;
    }
}
