using System.Globalization;

namespace Senim.Statistics;

/// <summary>Thresholds that mark an item as dubious (Moodle leaves the judgement to the reader; here it is configurable).</summary>
public sealed record ItemAnalysisOptions
{
    /// <summary>Items whose facility is below this are flagged (default 0.05).</summary>
    public double MinimumFacility { get; init; } = 0.05;

    /// <summary>Items whose facility is above this are flagged (default 0.95).</summary>
    public double MaximumFacility { get; init; } = 0.95;

    /// <summary>Items whose discrimination index is below this are flagged (default 0.2).</summary>
    public double MinimumDiscrimination { get; init; } = 0.2;
}

/// <summary>Why an item is dubious.</summary>
[Flags]
public enum ItemFlags
{
    /// <summary>Nothing wrong.</summary>
    None = 0,

    /// <summary>Too hard: facility below the minimum.</summary>
    FacilityTooLow = 1,

    /// <summary>Too easy: facility above the maximum.</summary>
    FacilityTooHigh = 2,

    /// <summary>Discrimination index below the minimum (including negative).</summary>
    DiscriminationTooLow = 4,

    /// <summary>No discrimination can be computed: the item's or the rest of the test's scores do not vary.</summary>
    DiscriminationUndefined = 8,
}

/// <summary>Classical statistics of one test item. Indices are fractions (Moodle shows them × 100).</summary>
/// <param name="Item">The item's index.</param>
/// <param name="MaximumMark">The item's maximum mark.</param>
/// <param name="MeanMark">Mean mark over candidates.</param>
/// <param name="Facility">Mean mark / maximum mark.</param>
/// <param name="StandardDeviation">Sample standard deviation of the marks (divisor S − 1); 0 when undefined.</param>
/// <param name="DiscriminationIndex">Correlation of the item mark with the rest-of-test mark; 0 when undefined.</param>
/// <param name="DiscriminativeEfficiency">Covariance with the rest of the test / its maximum possible value; 0 when undefined.</param>
/// <param name="IsStandardDeviationDefined">True with at least two candidates.</param>
/// <param name="IsDiscriminationDefined">True when both the item's and the rest-of-test marks vary.</param>
/// <param name="IsEfficiencyDefined">True when the maximum covariance is non-zero.</param>
/// <param name="Flags">Why the item is dubious, if it is.</param>
public readonly record struct ItemStatistics(
    int Item,
    double MaximumMark,
    double MeanMark,
    double Facility,
    double StandardDeviation,
    double DiscriminationIndex,
    double DiscriminativeEfficiency,
    bool IsStandardDeviationDefined,
    bool IsDiscriminationDefined,
    bool IsEfficiencyDefined,
    ItemFlags Flags)
{
    /// <summary>True when any flag is raised.</summary>
    public bool IsDubious => Flags != ItemFlags.None;

    /// <summary>Standard deviation as a fraction of the maximum mark (as Moodle displays it).</summary>
    public double RelativeStandardDeviation => StandardDeviation / MaximumMark;
}

/// <summary>Whole-test statistics and per-item statistics.</summary>
/// <param name="Items">One entry per item.</param>
/// <param name="Candidates">S, the number of candidates.</param>
/// <param name="TestMean">Mean total mark.</param>
/// <param name="TestStandardDeviation">Sample standard deviation of the total mark; 0 when undefined.</param>
/// <param name="CronbachAlpha">Cronbach's α; 0 when undefined.</param>
/// <param name="IsAlphaDefined">True with at least two items, two candidates and varying totals.</param>
/// <param name="StandardErrorOfMeasurement">SD_T √(1 − α) (Moodle's "standard error"); 0 when α is undefined.</param>
public sealed record ItemAnalysisResult(
    IReadOnlyList<ItemStatistics> Items,
    int Candidates,
    double TestMean,
    double TestStandardDeviation,
    double CronbachAlpha,
    bool IsAlphaDefined,
    double StandardErrorOfMeasurement)
{
    /// <summary>Moodle's error ratio √(1 − α) (shown there × 100); 0 when α is undefined.</summary>
    public double ErrorRatio => IsAlphaDefined ? Math.Sqrt(1.0 - CronbachAlpha) : 0.0;
}

/// <summary>
/// Classical test theory item analysis for attestation tests, computed as Moodle's quiz statistics report does
/// (Moodle developer documentation, "Quiz statistics calculations": facility index F_i = x̄_i / x_i(max);
/// SD_i = √(Σ(x_i − x̄_i)² / (S − 1)); discrimination index D_i = C(x_i, X_i) / √(V(x_i) V(X_i)) with X_i the
/// rest-of-test score; discriminative efficiency E_i = C(x_i, X_i) / C_max(x_i, X_i), C_max pairing the item marks and
/// rest-of-test marks each sorted in ascending order) and Cronbach's coefficient alpha
/// α = P/(P − 1) (1 − Σ V(x_i) / V(T)) (Cronbach, L. J., "Coefficient alpha and the internal structure of tests",
/// Psychometrika 16(3):297–334, 1951, the definition of α; Moodle's "coefficient of internal consistency").
/// </summary>
public static class ItemAnalysis
{
    /// <summary>Analyses a candidates × items matrix of marks.</summary>
    /// <param name="marks">marks[candidate][item], each in [0, the item's maximum mark].</param>
    /// <param name="maximumMarks">Each item's maximum mark, positive.</param>
    /// <param name="options">Flag thresholds; null uses the defaults.</param>
    /// <returns>The analysis (defined for any number of candidates, including 0 and 1, with flags saying what is undefined).</returns>
    /// <exception cref="ArgumentException">A row has the wrong length, a mark is out of range, or a maximum mark is not positive.</exception>
    public static ItemAnalysisResult Analyse(IReadOnlyList<IReadOnlyList<double>> marks, IReadOnlyList<double> maximumMarks, ItemAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(maximumMarks);
        options ??= new ItemAnalysisOptions();
        int items = maximumMarks.Count;
        int s = marks.Count;
        for (int i = 0; i < items; i++)
        {
            if (!(maximumMarks[i] > 0) || !double.IsFinite(maximumMarks[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Item {i} has a maximum mark {maximumMarks[i]}; it must be positive."), nameof(maximumMarks));
            }
        }

        var totals = new double[s];
        for (int c = 0; c < s; c++)
        {
            var row = marks[c] ?? throw new ArgumentException("A candidate's row is null.", nameof(marks));
            if (row.Count != items)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Candidate {c} has {row.Count} marks; there are {items} items."), nameof(marks));
            }

            for (int i = 0; i < items; i++)
            {
                double m = row[i];
                if (!(m >= 0 && m <= maximumMarks[i]))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Candidate {c}, item {i}: mark {m} is outside 0..{maximumMarks[i]}."), nameof(marks));
                }

                totals[c] += m;
            }
        }

        double testMean = s > 0 ? totals.Average() : 0.0;
        double testVariance = SampleVariance(totals, testMean);
        var results = new ItemStatistics[items];
        double sumOfItemVariances = 0.0;
        var itemMarks = new double[s];
        var rest = new double[s];
        for (int i = 0; i < items; i++)
        {
            for (int c = 0; c < s; c++)
            {
                itemMarks[c] = marks[c][i];
                rest[c] = totals[c] - itemMarks[c];
            }

            results[i] = Item(i, maximumMarks[i], itemMarks, rest, options);
            sumOfItemVariances += results[i].StandardDeviation * results[i].StandardDeviation;
        }

        bool alphaDefined = items >= 2 && s >= 2 && testVariance > 0;
        double alpha = alphaDefined ? items / (items - 1.0) * (1.0 - (sumOfItemVariances / testVariance)) : 0.0;
        double testSd = Math.Sqrt(testVariance);
        double sem = alphaDefined ? testSd * Math.Sqrt(1.0 - alpha) : 0.0;
        return new ItemAnalysisResult(results, s, testMean, testSd, alpha, alphaDefined, sem);
    }

    private static ItemStatistics Item(int index, double maximumMark, double[] item, double[] rest, ItemAnalysisOptions options)
    {
        int s = item.Length;
        double mean = s > 0 ? item.Average() : 0.0;
        double facility = mean / maximumMark;
        double restMean = s > 0 ? rest.Average() : 0.0;
        bool sdDefined = s >= 2;
        double variance = SampleVariance(item, mean);
        double restVariance = SampleVariance(rest, restMean);
        double covariance = 0.0;
        for (int c = 0; c < s; c++)
        {
            covariance += (item[c] - mean) * (rest[c] - restMean);
        }

        covariance = sdDefined ? covariance / (s - 1) : 0.0;

        // C_max: the covariance if the item marks and rest-of-test marks were in the same order.
        var sortedItem = (double[])item.Clone();
        var sortedRest = (double[])rest.Clone();
        Array.Sort(sortedItem);
        Array.Sort(sortedRest);
        double maximumCovariance = 0.0;
        for (int c = 0; c < s; c++)
        {
            maximumCovariance += (sortedItem[c] - mean) * (sortedRest[c] - restMean);
        }

        maximumCovariance = sdDefined ? maximumCovariance / (s - 1) : 0.0;

        bool discriminationDefined = variance > 0 && restVariance > 0;
        double discrimination = discriminationDefined ? covariance / Math.Sqrt(variance * restVariance) : 0.0;
        bool efficiencyDefined = maximumCovariance > 0;
        double efficiency = efficiencyDefined ? covariance / maximumCovariance : 0.0;

        var flags = ItemFlags.None;
        if (s > 0 && facility < options.MinimumFacility)
        {
            flags |= ItemFlags.FacilityTooLow;
        }

        if (s > 0 && facility > options.MaximumFacility)
        {
            flags |= ItemFlags.FacilityTooHigh;
        }

        if (!discriminationDefined)
        {
            flags |= ItemFlags.DiscriminationUndefined;
        }
        else if (discrimination < options.MinimumDiscrimination)
        {
            flags |= ItemFlags.DiscriminationTooLow;
        }

        return new ItemStatistics(index, maximumMark, mean, facility, Math.Sqrt(variance), discrimination, efficiency,
            sdDefined, discriminationDefined, efficiencyDefined, flags);
    }

    private static double SampleVariance(double[] values, double mean)
    {
        if (values.Length < 2)
        {
            return 0.0;
        }

        double sum = 0.0;
        foreach (double v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return sum / (values.Length - 1);
    }
}
