namespace Senim.Statistics.Tests;

/// <summary>Hand-worked values (worked on paper, in the comments) for the survey index estimates.</summary>
public class SurveyEstimatesTests
{
    [Fact]
    public void WeightedMeanWithDesignEffectAdjustedStandardErrorMatchesTheHandCalculation()
    {
        // x = 60, 80, 100 with w = 1, 1, 2: Σw = 4, mean = (60 + 80 + 200) / 4 = 85.
        // Σw(x − 85)² = 625 + 25 + 2·225 = 1100; Σw² = 6; s² = 1100 / (4 − 6/4) = 440.
        // n_eff = 16 / 6 = 2.6667; deff = 3 / 2.6667 = 1.125; SE = √(440 / 2.6667) = √165 = 12.8452.
        // 95%: 85 ± 1.959964 · 12.8452 = 85 ± 25.1762 → [59.8238, 110.18] clipped to 100.
        var e = SurveyEstimates.WeightedMean([60, 80, 100], [1, 1, 2]);
        Assert.Equal(85, e.Estimate, 12);
        Assert.Equal(Math.Sqrt(165), e.StandardError, 10);
        Assert.Equal(8.0 / 3.0, e.EffectiveSampleSize, 12);
        Assert.Equal(1.125, e.DesignEffect, 12);
        Assert.Equal(85 - (1.959963984540054 * Math.Sqrt(165)), e.Lower, 9);
        Assert.Equal(100, e.Upper);
        Assert.Equal(3, e.Count);
    }

    [Fact]
    public void EqualWeightsGiveTheTextbookStandardErrorOfTheMean()
    {
        // 50, 70, 90: mean 70, s² = (400 + 0 + 400) / 2 = 400, SE = 20 / √3 = 11.5470, deff = 1.
        var e = SurveyEstimates.WeightedMean([50, 70, 90], [2.5, 2.5, 2.5]);
        Assert.Equal(70, e.Estimate, 12);
        Assert.Equal(20 / Math.Sqrt(3), e.StandardError, 10);
        Assert.Equal(1, e.DesignEffect, 12);
        Assert.Equal(3, e.EffectiveSampleSize, 12);
    }

    [Fact]
    public void StratifiedCombinationWeightsDistrictsByPopulation()
    {
        // A: N 100, 50 ± 4 (n 100, n_eff 80); B: N 300, 70 ± 2 (n 200, n_eff 160). W = 0.25, 0.75.
        // Mean = 12.5 + 52.5 = 65; Var = 0.0625·16 + 0.5625·4 = 3.25, SE = 1.80278;
        // 1/n_eff = 0.0625/80 + 0.5625/160 = 0.004296875 → n_eff = 232.727.
        var c = SurveyEstimates.Combine(
        [
            new Stratum(100, new MeanEstimate(50, 4, 0, 0, 100, 80, 1.25)),
            new Stratum(300, new MeanEstimate(70, 2, 0, 0, 200, 160, 1.25)),
        ]);
        Assert.Equal(65, c.Estimate, 12);
        Assert.Equal(Math.Sqrt(3.25), c.StandardError, 12);
        Assert.Equal(1 / 0.004296875, c.EffectiveSampleSize, 9);
        Assert.Equal(300, c.Count);
        Assert.Equal(65 - (1.959963984540054 * Math.Sqrt(3.25)), c.Lower, 9);
    }

    [Fact]
    public void CombiningRefusesAStratumWithoutPopulation() =>
        Assert.Throws<ArgumentException>(() => SurveyEstimates.Combine([new Stratum(0, new MeanEstimate(50, 1, 0, 0, 10, 10, 1))]));

    [Fact]
    public void NoPositiveWeightGivesAnEmptyEstimate()
    {
        var e = SurveyEstimates.WeightedMean([10, 20], [0, 0]);
        Assert.Equal(0, e.EffectiveSampleSize);
        Assert.Equal(2, e.Count);
    }
}
