namespace Senim.Statistics;

/// <summary>A traffic light: where a value stands against its thresholds.</summary>
public enum TrafficLight
{
    /// <summary>No thresholds (a context figure): no light.</summary>
    None = 0,

    /// <summary>At or beyond the green threshold.</summary>
    Green = 1,

    /// <summary>Between the amber and the green threshold.</summary>
    Amber = 2,

    /// <summary>Short of the amber threshold.</summary>
    Red = 3,

    /// <summary>Not enough data to say.</summary>
    Insufficient = 4,
}

/// <summary>One indicator's contribution to a composite, already on the 0–100 points scale.</summary>
/// <param name="Weight">Its weight, ≥ 0 (0: shown as context, never counted).</param>
/// <param name="Points">Its value in points.</param>
/// <param name="Lower">Lower end of its interval in points (≤ <paramref name="Points"/>).</param>
/// <param name="Upper">Upper end of its interval in points (≥ <paramref name="Points"/>).</param>
/// <param name="HasData">False when the indicator has not enough data: it is left out and the other weights renormalised.</param>
public readonly record struct CompositeInput(double Weight, double Points, double Lower, double Upper, bool HasData);

/// <summary>A composite and the share of its weight that rests on data.</summary>
/// <param name="Estimate">Σ wᵢ pᵢ / Σ wᵢ over the indicators with data (0 when none has).</param>
/// <param name="Lower">Σ wᵢ lᵢ / Σ wᵢ over the same indicators.</param>
/// <param name="Upper">Σ wᵢ uᵢ / Σ wᵢ over the same indicators.</param>
/// <param name="WeightShareWithData">Σ wᵢ (with data) / Σ wᵢ (all), in [0, 1].</param>
/// <param name="IsSufficient">True when that share reaches the minimum.</param>
/// <param name="IsDefined">False when no weighted indicator has data.</param>
public readonly record struct CompositeResult(double Estimate, double Lower, double Upper, double WeightShareWithData, bool IsSufficient, bool IsDefined);

/// <summary>A subject's rank among its peers with the range of ranks its interval allows.</summary>
/// <param name="Rank">1 + the number of peers with a strictly higher estimate (ties share the better rank).</param>
/// <param name="Best">1 + the number of peers whose lower limit is above this subject's upper limit (clearly better).</param>
/// <param name="Worst">N − the number of peers whose upper limit is below this subject's lower limit (clearly worse).</param>
/// <param name="Peers">N, the size of the peer group (the subject included).</param>
public readonly record struct RankInterval(int Rank, int Best, int Worst, int Peers);

/// <summary>
/// Composite indicators (scorecards). Following the OECD/JRC <i>Handbook on Constructing Composite Indicators:
/// Methodology and User Guide</i> (OECD, 2008): each indicator is normalised by its distance to a reference
/// (§5, "distance to a reference": here the distance from a "worst" goalpost to the target, as the UNDP Human
/// Development Index does with its goalposts, so 100 points means the target is met), and the composite is the
/// weighted arithmetic mean of the normalised values (§6.1, linear aggregation), with the weights renormalised
/// over the indicators that have enough data.
/// <para>
/// The interval of the composite is the same weighted mean of the indicators' interval ends. For a linear
/// combination with positive weights aᵢ, SD(Σ aᵢXᵢ) ≤ Σ aᵢ SD(Xᵢ) whatever the correlations (Minkowski's
/// inequality), with equality when the indicators are perfectly correlated; so for symmetric intervals this is the
/// widest interval any correlation could give — conservative, which is the side to err on when people are judged
/// (the indicators of one subject share ratings, so they are not independent).
/// </para>
/// </summary>
public static class Composite
{
    /// <summary>
    /// The points (0–100) of <paramref name="value"/> between the goalposts: 100 × (v − worst) / (target − worst),
    /// clamped to [0, 100] (OECD/JRC 2008 §5; UNDP HDI goalposts). Works for either direction: for "lower is better"
    /// the worst goalpost is the top of the scale and the target lies below it.
    /// </summary>
    /// <param name="value">The indicator's value; finite.</param>
    /// <param name="worst">The goalpost worth 0 points.</param>
    /// <param name="target">The goalpost worth 100 points; different from <paramref name="worst"/>.</param>
    /// <returns>Points in [0, 100].</returns>
    public static double Points(double value, double worst, double target)
    {
        if (!double.IsFinite(value) || !double.IsFinite(worst) || !double.IsFinite(target))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Value and goalposts must be finite.");
        }

        if (worst == target)
        {
            throw new ArgumentException("The target must differ from the worst goalpost.", nameof(target));
        }

        return 100.0 * Math.Clamp((value - worst) / (target - worst), 0.0, 1.0);
    }

    /// <summary>The points of an interval [lower, upper]: the points of both ends, in increasing order (the map is
    /// monotone, decreasing when lower values are better, so the ends may swap).</summary>
    /// <param name="lower">Lower end of the interval on the indicator's scale.</param>
    /// <param name="upper">Upper end.</param>
    /// <param name="worst">The goalpost worth 0 points.</param>
    /// <param name="target">The goalpost worth 100 points.</param>
    /// <returns>The interval in points.</returns>
    public static (double Lower, double Upper) PointsInterval(double lower, double upper, double worst, double target)
    {
        double a = Points(lower, worst, target);
        double b = Points(upper, worst, target);
        return a <= b ? (a, b) : (b, a);
    }

    /// <summary>
    /// The weighted composite with renormalised weights: the indicators without data are left out and the others'
    /// weights rescaled to sum to 1 (OECD/JRC 2008 §6.1); insufficient when the weight with data is below
    /// <paramref name="minimumWeightShare"/> of the total weight.
    /// </summary>
    /// <param name="items">The indicators (weight 0 items are ignored).</param>
    /// <param name="minimumWeightShare">The smallest share of the weight that must have data, in (0, 1].</param>
    /// <returns>The composite.</returns>
    public static CompositeResult Combine(IReadOnlyList<CompositeInput> items, double minimumWeightShare)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!(minimumWeightShare > 0 && minimumWeightShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumWeightShare), minimumWeightShare, "The minimum share must lie in (0, 1].");
        }

        double total = 0;
        double withData = 0;
        double sum = 0;
        double lower = 0;
        double upper = 0;
        foreach (var item in items)
        {
            if (!double.IsFinite(item.Weight) || item.Weight < 0)
            {
                throw new ArgumentException("Weights must be finite and non-negative.", nameof(items));
            }

            if (item.Weight == 0)
            {
                continue;
            }

            total += item.Weight;
            if (!item.HasData)
            {
                continue;
            }

            if (!double.IsFinite(item.Points) || !double.IsFinite(item.Lower) || !double.IsFinite(item.Upper) || item.Lower > item.Upper)
            {
                throw new ArgumentException("Points and interval ends must be finite, lower ≤ upper.", nameof(items));
            }

            withData += item.Weight;
            sum += item.Weight * item.Points;
            lower += item.Weight * item.Lower;
            upper += item.Weight * item.Upper;
        }

        if (total == 0)
        {
            throw new ArgumentException("The weights must sum to a positive number.", nameof(items));
        }

        if (withData == 0)
        {
            return new CompositeResult(0, 0, 0, 0, IsSufficient: false, IsDefined: false);
        }

        double share = withData / total;
        return new CompositeResult(sum / withData, lower / withData, upper / withData, share,
            IsSufficient: share >= minimumWeightShare - 1e-12, IsDefined: true);
    }

    /// <summary>
    /// The light of a value against two thresholds: green at or beyond <paramref name="greenFrom"/>, amber at or
    /// beyond <paramref name="amberFrom"/>, red otherwise ("beyond" is above when higher is better, below otherwise).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="greenFrom">The green threshold.</param>
    /// <param name="amberFrom">The amber threshold (not better than the green one).</param>
    /// <param name="higherIsBetter">The indicator's direction.</param>
    /// <returns>Green, amber or red.</returns>
    public static TrafficLight Light(double value, double greenFrom, double amberFrom, bool higherIsBetter)
    {
        if (higherIsBetter)
        {
            return value >= greenFrom ? TrafficLight.Green : value >= amberFrom ? TrafficLight.Amber : TrafficLight.Red;
        }

        return value <= greenFrom ? TrafficLight.Green : value <= amberFrom ? TrafficLight.Amber : TrafficLight.Red;
    }

    /// <summary>
    /// Ranks with the range of ranks their intervals allow, in O(n log n). A league table without intervals
    /// over-reads small differences (Goldstein, H. &amp; Spiegelhalter, D. J., "League tables and their limitations:
    /// statistical issues in comparisons of institutional performance", JRSS A 159(3):385–443, 1996, §5). Here the
    /// best rank a subject could hold counts only the peers that are clearly better (their interval lies wholly above
    /// its own) and the worst rank only those clearly worse; a simple, simulation-free and conservative bound.
    /// </summary>
    /// <param name="items">Each subject's estimate and interval (higher is better).</param>
    /// <returns>One rank interval per subject, in input order.</returns>
    public static RankInterval[] Ranks(IReadOnlyList<(double Estimate, double Lower, double Upper)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        int n = items.Count;
        var estimates = new double[n];
        var lowers = new double[n];
        var uppers = new double[n];
        for (int i = 0; i < n; i++)
        {
            var (e, l, u) = items[i];
            if (!double.IsFinite(e) || !double.IsFinite(l) || !double.IsFinite(u) || l > u)
            {
                throw new ArgumentException("Estimates and interval ends must be finite, lower ≤ upper.", nameof(items));
            }

            estimates[i] = e;
            lowers[i] = l;
            uppers[i] = u;
        }

        Array.Sort(estimates);
        Array.Sort(lowers);
        Array.Sort(uppers);
        var result = new RankInterval[n];
        for (int i = 0; i < n; i++)
        {
            var (e, l, u) = items[i];
            int higher = n - UpperBound(estimates, e);      // estimates strictly above e
            int clearlyBetter = n - UpperBound(lowers, u);  // peers whose lower limit is above u (never the subject: l ≤ u)
            int clearlyWorse = LowerBound(uppers, l);       // peers whose upper limit is below l (never the subject)
            result[i] = new RankInterval(1 + higher, 1 + clearlyBetter, n - clearlyWorse, n);
        }

        return result;
    }

    /// <summary>The number of elements ≤ <paramref name="x"/> in a sorted array.</summary>
    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The number of elements &lt; <paramref name="x"/> in a sorted array.</summary>
    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
