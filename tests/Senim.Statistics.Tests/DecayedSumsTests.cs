using Senim.Statistics;

namespace Senim.Statistics.Tests;

public sealed class DecayedSumsTests
{
    [Fact]
    public void AHandWorkedSetMatchesTheDirectWeightedMoments()
    {
        // Half-life 10 days, anchor day 0; observations 5 on day 0, 3 on day 10, 4 on day 20 → anchored weights 1, 2, 4.
        // Σw = 7, Σw² = 21, Σwx = 5 + 6 + 16 = 27, Σwx² = 25 + 18 + 64 = 107; mean 27/7; Σw(x − x̄)² = 107 − 27²/7 = 20/7.
        var s = new DecayedSums()
            .Add(5, DecayedSums.AnchoredWeight(0, 10), true)
            .Add(3, DecayedSums.AnchoredWeight(10, 10), false)
            .Add(4, DecayedSums.AnchoredWeight(20, 10), true);
        Assert.Equal(3, s.Count);
        Assert.Equal(7, s.SumOfWeights, 12);
        Assert.Equal(21, s.SumOfSquaredWeights, 12);
        Assert.Equal(27, s.SumOfWeightedValues, 12);
        Assert.Equal(107, s.SumOfWeightedSquares, 12);
        Assert.Equal(2, s.Satisfied);
        var m = s.ToMoments();
        Assert.Equal(27.0 / 7, m.Mean, 12);
        Assert.Equal(20.0 / 7, m.SumOfSquaredDeviations, 12);
        Assert.Equal(49.0 / 21, m.EffectiveSampleSize, 12); // Kish: (Σw)²/Σw²
    }

    [Fact]
    public void ScalingToAReferenceTimeGivesTheRecencyWeightsSeenFromThere()
    {
        // Seen from day 20 the recency weights (RecencyWeights, half-life 10) are 0.25, 0.5, 1: the anchored set × 2^(−20/10).
        var anchored = new DecayedSums().Add(5, 1, true).Add(3, 2, false).Add(4, 4, true);
        var scaled = anchored.Scale(DecayedSums.FactorToAsOf(20, 10));
        var recency = new RecencyWeights(10);
        var direct = WeightedAccumulator.Empty.Add(5, recency.Weight(20)).Add(3, recency.Weight(10)).Add(4, recency.Weight(0)).Moments;
        var viaSums = scaled.ToMoments();
        Assert.Equal(direct.SumOfWeights, viaSums.SumOfWeights, 12);
        Assert.Equal(direct.SumOfSquaredWeights, viaSums.SumOfSquaredWeights, 12);
        Assert.Equal(direct.Mean, viaSums.Mean, 12);
        Assert.Equal(direct.Variance, viaSums.Variance, 12);
        // Mean, variance and effective n do not depend on the reference time at all.
        Assert.Equal(anchored.ToMoments().Mean, viaSums.Mean, 12);
        Assert.Equal(anchored.ToMoments().EffectiveSampleSize, viaSums.EffectiveSampleSize, 12);
    }

    [Fact]
    public void ShiftingSubtractsAConstantFromEveryValue()
    {
        var s = new DecayedSums().Add(5, 1, true).Add(3, 2, false).Add(4, 4, true);
        var shifted = s.Shift(0.5).ToMoments();
        var direct = WeightedAccumulator.Empty.Add(4.5, 1).Add(2.5, 2).Add(3.5, 4).Moments;
        Assert.Equal(direct.Mean, shifted.Mean, 12);
        Assert.Equal(direct.SumOfSquaredDeviations, shifted.SumOfSquaredDeviations, 12);
    }

    [Fact]
    public void RemovingUndoesAddingAndSetsAddTermByTerm()
    {
        var random = new Random(7);
        var all = new DecayedSums();
        var left = new DecayedSums();
        var right = new DecayedSums();
        for (var i = 0; i < 1000; i++)
        {
            var x = random.Next(1, 6);
            var w = DecayedSums.AnchoredWeight(random.NextDouble() * 31, 30);
            all = all.Add(x, w, x >= 4);
            if (i % 2 == 0) left = left.Add(x, w, x >= 4); else right = right.Add(x, w, x >= 4);
        }
        var merged = left.Plus(right);
        Assert.Equal(all.Count, merged.Count);
        Assert.Equal(all.Satisfied, merged.Satisfied);
        Assert.Equal(all.SumOfWeightedSquares, merged.SumOfWeightedSquares, 1e-9 * all.SumOfWeightedSquares);
        var back = all.Remove(5, 2, true).Add(5, 2, true);
        Assert.Equal(all.SumOfWeightedValues, back.SumOfWeightedValues, 1e-9 * all.SumOfWeightedValues);
        Assert.Equal(all.Count, back.Count);
    }

    [Fact]
    public void AnEmptySetIsDefinedAndNeverNaN()
    {
        var m = new DecayedSums().ToMoments();
        Assert.Equal(0, m.Count);
        Assert.False(m.IsMeanDefined);
        Assert.Equal(0, new DecayedSums().Mean);
        Assert.Throws<ArgumentOutOfRangeException>(() => DecayedSums.AnchoredWeight(1, 0));
    }
}
