using Senim.Statistics;

namespace Senim.Statistics.Tests;

public class ItemAnalysisTests
{
    // Five candidates, four one-mark items.
    //        I1 I2 I3 I4 | total
    //   C1    1  1  1  1 |  4
    //   C2    1  1  1  0 |  3
    //   C3    1  1  0  0 |  2
    //   C4    1  0  1  0 |  2
    //   C5    0  0  0  0 |  0
    private static readonly double[][] Marks =
    [
        [1, 1, 1, 1],
        [1, 1, 1, 0],
        [1, 1, 0, 0],
        [1, 0, 1, 0],
        [0, 0, 0, 0],
    ];

    private static readonly double[] MaximumMarks = [1, 1, 1, 1];

    [Fact]
    public void FacilityAndStandardDeviationMatchTheHandWorkedExample()
    {
        // Facility = mean / max: 4/5, 3/5, 3/5, 1/5.
        // Variance (divisor S − 1 = 4) of a 0/1 item = S p(1 − p)/(S − 1): I1 5 × 0.16/4 = 0.2, I2 5 × 0.24/4 = 0.3, I3 0.3, I4 0.2.
        var result = ItemAnalysis.Analyse(Marks, MaximumMarks);
        Assert.Equal([0.8, 0.6, 0.6, 0.2], result.Items.Select(i => Math.Round(i.Facility, 12)));
        Assert.Equal(Math.Sqrt(0.2), result.Items[0].StandardDeviation, 1e-12);
        Assert.Equal(Math.Sqrt(0.3), result.Items[1].StandardDeviation, 1e-12);
        Assert.Equal(Math.Sqrt(0.3), result.Items[2].StandardDeviation, 1e-12);
        Assert.Equal(Math.Sqrt(0.2), result.Items[3].StandardDeviation, 1e-12);
    }

    [Fact]
    public void DiscriminationIsTheCorrelationWithTheRestOfTheTest()
    {
        // I1: rest = 3, 2, 1, 1, 0 (mean 1.4). Item deviations 0.2, 0.2, 0.2, 0.2, −0.8; rest deviations 1.6, 0.6, −0.4, −0.4, −1.4.
        //     Σ products = 0.2 × 1.4 + 1.12 = 1.4 → cov = 0.35; V(rest) = 5.2/4 = 1.3; r = 0.35/√(0.2 × 1.3) = 0.686406.
        // I2: rest = 3, 2, 1, 2, 0 (mean 1.6). Σ products = 0.56 + 0.16 − 0.24 − 0.24 + 0.96 = 1.2 → cov = 0.3;
        //     V(rest) = 5.2/4 = 1.3; r = 0.3/√(0.3 × 1.3) = 0.480384.
        // I3: rest = 3, 2, 2, 1, 0: by the same arithmetic cov = 0.3, V(rest) = 1.3, r = 0.480384.
        // I4: rest = 3, 3, 2, 2, 0 (mean 2). Σ products = 0.8 × 1 − 0.2 × (1 + 0 + 0 − 2) = 1.0 → cov = 0.25;
        //     V(rest) = 6/4 = 1.5; r = 0.25/√(0.2 × 1.5) = 0.456435.
        var result = ItemAnalysis.Analyse(Marks, MaximumMarks);
        Assert.Equal(0.35 / Math.Sqrt(0.26), result.Items[0].DiscriminationIndex, 1e-12);
        Assert.Equal(0.3 / Math.Sqrt(0.39), result.Items[1].DiscriminationIndex, 1e-12);
        Assert.Equal(0.3 / Math.Sqrt(0.39), result.Items[2].DiscriminationIndex, 1e-12);
        Assert.Equal(0.25 / Math.Sqrt(0.3), result.Items[3].DiscriminationIndex, 1e-12);
    }

    [Fact]
    public void DiscriminativeEfficiencyComparesWithTheBestPossibleOrdering()
    {
        // C_max pairs the sorted item marks with the sorted rest marks.
        // I1: sorted item 0,1,1,1,1 and rest 0,1,1,2,3 pair exactly as observed: C_max = cov = 0.35 → E = 1.
        // I2: sorted item 0,0,1,1,1 (dev −0.6,−0.6,0.4,0.4,0.4), rest 0,1,2,2,3 (dev −1.6,−0.6,0.4,0.4,1.4):
        //     Σ = 0.96 + 0.36 + 0.16 + 0.16 + 0.56 = 2.2 → C_max = 0.55; E = 0.3/0.55 = 6/11.
        // I3: the same sorted marks → E = 6/11.
        // I4: sorted item 0,0,0,0,1, rest 0,2,2,3,3 (dev −2,0,0,1,1): Σ = 0.4 − 0.2 + 0.8 = 1.0 → E = 1.
        var result = ItemAnalysis.Analyse(Marks, MaximumMarks);
        Assert.Equal(1.0, result.Items[0].DiscriminativeEfficiency, 1e-12);
        Assert.Equal(6.0 / 11.0, result.Items[1].DiscriminativeEfficiency, 1e-12);
        Assert.Equal(6.0 / 11.0, result.Items[2].DiscriminativeEfficiency, 1e-12);
        Assert.Equal(1.0, result.Items[3].DiscriminativeEfficiency, 1e-12);
    }

    [Fact]
    public void CronbachsAlphaMatchesTheHandWorkedExample()
    {
        // Totals 4, 3, 2, 2, 0: mean 2.2, Σ(T − 2.2)² = 3.24 + 0.64 + 0.04 + 0.04 + 4.84 = 8.8, V(T) = 2.2.
        // α = 4/3 × (1 − (0.2 + 0.3 + 0.3 + 0.2)/2.2) = 4/3 × 6/11 = 8/11 = 0.727273.
        // Standard error of measurement = √2.2 × √(1 − 8/11) = √2.2 × √(3/11) = √0.6.
        var result = ItemAnalysis.Analyse(Marks, MaximumMarks);
        Assert.True(result.IsAlphaDefined);
        Assert.Equal(8.0 / 11.0, result.CronbachAlpha, 1e-12);
        Assert.Equal(2.2, result.TestMean, 1e-12);
        Assert.Equal(Math.Sqrt(2.2), result.TestStandardDeviation, 1e-12);
        Assert.Equal(Math.Sqrt(0.6), result.StandardErrorOfMeasurement, 1e-12);
        Assert.Equal(Math.Sqrt(3.0 / 11.0), result.ErrorRatio, 1e-12);
        Assert.All(result.Items, i => Assert.False(i.IsDubious));
    }

    [Fact]
    public void AnItemEveryoneAnswersIsFlaggedAsTooEasyAndNotDiscriminating()
    {
        var marks = Marks.Select(row => row.Append(2.0).ToArray()).ToArray(); // a fifth item, max 2, everyone scores 2
        var result = ItemAnalysis.Analyse(marks, [1, 1, 1, 1, 2]);
        var easy = result.Items[4];
        Assert.Equal(1.0, easy.Facility);
        Assert.False(easy.IsDiscriminationDefined);
        Assert.Equal(ItemFlags.FacilityTooHigh | ItemFlags.DiscriminationUndefined, easy.Flags);
        Assert.Equal(0.0, easy.StandardDeviation);
    }

    [Fact]
    public void AnItemThatTheWeakestCandidatesGetRightIsFlaggedForLowDiscrimination()
    {
        // A fifth item answered only by C4 and C5 (the two weakest on the rest of the test).
        var marks = Marks.Select((row, c) => row.Append(c >= 3 ? 1.0 : 0.0).ToArray()).ToArray();
        var result = ItemAnalysis.Analyse(marks, [1, 1, 1, 1, 1]);
        Assert.True(result.Items[4].DiscriminationIndex < 0);
        Assert.Equal(ItemFlags.DiscriminationTooLow, result.Items[4].Flags);
        var lenient = ItemAnalysis.Analyse(marks, [1, 1, 1, 1, 1], new ItemAnalysisOptions { MinimumDiscrimination = -1 });
        Assert.False(lenient.Items[4].IsDubious);
    }

    [Fact]
    public void PartialMarksAreScaledByTheItemsMaximum()
    {
        // One item out of 4 marks: 4, 2, 0 → mean 2, facility 0.5; SD = √((4 + 0 + 4)/2) = 2; relative SD 0.5.
        var result = ItemAnalysis.Analyse([[4.0, 1], [2.0, 1], [0.0, 0]], [4, 1]);
        Assert.Equal(0.5, result.Items[0].Facility, 1e-15);
        Assert.Equal(2.0, result.Items[0].StandardDeviation, 1e-15);
        Assert.Equal(0.5, result.Items[0].RelativeStandardDeviation, 1e-15);
    }

    [Fact]
    public void TooFewCandidatesGiveDefinedButFlaggedResults()
    {
        var one = ItemAnalysis.Analyse([[1.0, 0.0]], [1, 1]);
        Assert.Equal(1, one.Candidates);
        Assert.False(one.IsAlphaDefined);
        Assert.All(one.Items, i => Assert.False(i.IsStandardDeviationDefined));
        Assert.All(one.Items, i => Assert.False(double.IsNaN(i.DiscriminationIndex)));

        var none = ItemAnalysis.Analyse([], [1, 1]);
        Assert.Equal(0, none.Candidates);
        Assert.False(none.IsAlphaDefined);
        Assert.Equal(0.0, none.Items[0].Facility);
    }

    [Fact]
    public void AlphaOfOneItemIsUndefined()
    {
        Assert.False(ItemAnalysis.Analyse([[1.0], [0.0], [1.0]], [1]).IsAlphaDefined);
    }

    [Fact]
    public void MalformedMarksAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ItemAnalysis.Analyse([[1.0, 2.0]], [1, 1]));
        Assert.Throws<ArgumentException>(() => ItemAnalysis.Analyse([[1.0]], [1, 1]));
        Assert.Throws<ArgumentException>(() => ItemAnalysis.Analyse([[1.0]], [0]));
        Assert.Throws<ArgumentException>(() => ItemAnalysis.Analyse([[-1.0]], [1]));
    }
}
