using Senim.Statistics;

namespace Senim.Statistics.Tests;

public class WeightedAccumulatorTests
{
    // Independent two-pass batch computation from the definitions.
    private static (double SumW, double SumW2, double Mean, double Deviations) Batch(double[] x, double[] w)
    {
        double sumW = 0, sumWX = 0, sumW2 = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sumW += w[i];
            sumWX += w[i] * x[i];
            sumW2 += w[i] * w[i];
        }

        double mean = sumWX / sumW;
        double deviations = 0;
        for (int i = 0; i < x.Length; i++)
        {
            deviations += w[i] * (x[i] - mean) * (x[i] - mean);
        }

        return (sumW, sumW2, mean, deviations);
    }

    private static void AssertSameState(WeightedAccumulator expected, WeightedAccumulator actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.SumOfWeights, actual.SumOfWeights, 1e-9 * Math.Max(1, expected.SumOfWeights));
        Assert.Equal(expected.SumOfSquaredWeights, actual.SumOfSquaredWeights, 1e-9 * Math.Max(1, expected.SumOfSquaredWeights));
        Assert.Equal(expected.Mean, actual.Mean, 1e-9);
        Assert.Equal(expected.SumOfSquaredDeviations, actual.SumOfSquaredDeviations, 1e-9 * Math.Max(1, expected.SumOfSquaredDeviations));
    }

    [Fact]
    public void AddingItemsOneByOneEqualsTheBatchComputation()
    {
        var random = new Random(42);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 2000);
            var x = new double[n];
            var w = new double[n];
            double offset = random.Next(0, 2) == 0 ? 0 : 1e6; // a large offset tests the numerical care
            for (int i = 0; i < n; i++)
            {
                x[i] = offset + 1 + (4 * random.NextDouble());
                w[i] = random.NextDouble() * 3;
            }

            var accumulator = WeightedAccumulator.Empty;
            for (int i = 0; i < n; i++)
            {
                accumulator = accumulator.Add(x[i], w[i]);
            }

            var (sumW, sumW2, mean, deviations) = Batch(x, w);
            Assert.Equal(n, accumulator.Count);
            Assert.Equal(sumW, accumulator.SumOfWeights, 1e-9 * sumW);
            Assert.Equal(sumW2, accumulator.SumOfSquaredWeights, 1e-9 * sumW2);
            Assert.Equal(mean, accumulator.Mean, 1e-9 * Math.Max(1, Math.Abs(mean)));
            Assert.Equal(deviations, accumulator.SumOfSquaredDeviations, 1e-9 * Math.Max(1, deviations));
            Assert.Equal(sumW * sumW / sumW2, accumulator.Moments.EffectiveSampleSize, 1e-9 * n);
        }
    }

    [Fact]
    public void AddThenRemoveReturnsToThePreviousState()
    {
        var random = new Random(1979);
        for (int trial = 0; trial < 200; trial++)
        {
            var state = WeightedAccumulator.Empty;
            int n = random.Next(1, 300);
            for (int i = 0; i < n; i++)
            {
                state = state.Add(1 + (4 * random.NextDouble()), 0.01 + random.NextDouble());
            }

            double x = 1 + (4 * random.NextDouble());
            double w = 0.01 + random.NextDouble();
            var after = state.Add(x, w).Remove(x, w);
            AssertSameState(state, after);
        }
    }

    [Fact]
    public void RemovingEveryItemInTurnTracksTheBatchOfWhatRemains()
    {
        var random = new Random(5);
        int n = 500;
        var x = new double[n];
        var w = new double[n];
        var accumulator = WeightedAccumulator.Empty;
        for (int i = 0; i < n; i++)
        {
            x[i] = 1 + (4 * random.NextDouble());
            w[i] = Math.Pow(0.5, random.NextDouble() * 4); // recency-like weights
            accumulator = accumulator.Add(x[i], w[i]);
        }

        for (int removed = 0; removed < n - 1; removed++)
        {
            accumulator = accumulator.Remove(x[removed], w[removed]);
            var (sumW, _, mean, deviations) = Batch(x[(removed + 1)..], w[(removed + 1)..]);
            Assert.Equal(sumW, accumulator.SumOfWeights, 1e-9);
            Assert.Equal(mean, accumulator.Mean, 1e-9);
            Assert.Equal(deviations, accumulator.SumOfSquaredDeviations, 1e-9);
        }

        Assert.Equal(WeightedAccumulator.Empty, accumulator.Remove(x[n - 1], w[n - 1]));
    }

    [Fact]
    public void MergingEqualsAddingEverythingToOne()
    {
        var random = new Random(9);
        for (int trial = 0; trial < 100; trial++)
        {
            var a = WeightedAccumulator.Empty;
            var b = WeightedAccumulator.Empty;
            var both = WeightedAccumulator.Empty;
            for (int i = random.Next(0, 50); i > 0; i--)
            {
                double x = random.NextDouble() * 10;
                double w = random.NextDouble();
                a = a.Add(x, w);
                both = both.Add(x, w);
            }

            for (int i = random.Next(0, 50); i > 0; i--)
            {
                double x = random.NextDouble() * 10;
                double w = random.NextDouble();
                b = b.Add(x, w);
                both = both.Add(x, w);
            }

            AssertSameState(both, a.Merge(b));
            AssertSameState(both, b.Merge(a));
        }
    }

    [Fact]
    public void AHandWorkedWeightedSampleHasTheExpectedMoments()
    {
        // x = 2, 4, 6 with weights 1, 1, 2.
        // Σw = 4, Σw² = 6, mean = (2 + 4 + 12)/4 = 4.5.
        // Σw(x − 4.5)² = 6.25 + 0.25 + 2 × 2.25 = 11.
        // Reliability-weight variance = 11 / (4 − 6/4) = 11 / 2.5 = 4.4; population variance = 11/4 = 2.75.
        // n_eff = 16/6 = 2.6667; standard error of the mean = √(4.4 / 2.6667) = √1.65 = 1.2845.
        var m = WeightedAccumulator.Empty.Add(2, 1).Add(4, 1).Add(6, 2).Moments;
        Assert.Equal(4.5, m.Mean, 1e-12);
        Assert.Equal(11, m.SumOfSquaredDeviations, 1e-12);
        Assert.Equal(4.4, m.Variance, 1e-12);
        Assert.Equal(2.75, m.PopulationVariance, 1e-12);
        Assert.Equal(16.0 / 6.0, m.EffectiveSampleSize, 1e-12);
        Assert.Equal(Math.Sqrt(1.65), m.StandardErrorOfMean, 1e-12);
        Assert.Equal(18, m.SumOfWeightedValues, 1e-12);       // 2 + 4 + 12
        Assert.Equal(92, m.SumOfWeightedSquares, 1e-12);      // 4 + 16 + 72
    }

    [Fact]
    public void UnitWeightsGiveTheTextbookSampleVariance()
    {
        // 1, 2, 3, 4: mean 2.5, Σ(x − 2.5)² = 5, s² = 5/3.
        var m = WeightedAccumulator.Of([1.0, 2, 3, 4]).Moments;
        Assert.Equal(5.0 / 3.0, m.Variance, 1e-12);
        Assert.Equal(4, m.EffectiveSampleSize, 1e-12);
    }

    [Fact]
    public void ASingleObservationHasAMeanButNoVariance()
    {
        var m = WeightedAccumulator.Empty.Add(4.0, 0.7).Moments;
        Assert.True(m.IsMeanDefined);
        Assert.Equal(4.0, m.Mean);
        Assert.False(m.IsVarianceDefined);
        Assert.Equal(0.0, m.Variance);
        Assert.Equal(0.0, m.StandardErrorOfMean);
        Assert.Equal(1.0, m.EffectiveSampleSize, 1e-12);
    }

    [Fact]
    public void AnEmptyAccumulatorIsDefinedAsNothing()
    {
        var m = WeightedAccumulator.Empty.Moments;
        Assert.False(m.IsMeanDefined);
        Assert.False(m.IsVarianceDefined);
        Assert.Equal(0.0, m.Mean);
        Assert.Equal(0.0, m.Variance);
        Assert.Equal(0.0, m.EffectiveSampleSize);
    }

    [Fact]
    public void IdenticalValuesHaveZeroVariance()
    {
        var m = WeightedAccumulator.Of([3.0, 3.0, 3.0, 3.0], [1.0, 0.5, 0.25, 2.0]).Moments;
        Assert.True(m.IsVarianceDefined);
        Assert.Equal(0.0, m.Variance);
        Assert.Equal(3.0, m.Mean, 1e-15);
    }

    [Fact]
    public void ZeroWeightObservationsAreCountedButChangeNothing()
    {
        var a = WeightedAccumulator.Empty.Add(1).Add(5);
        var b = a.Add(100, 0);
        Assert.Equal(3, b.Count);
        Assert.Equal(a.Mean, b.Mean);
        Assert.Equal(a.SumOfSquaredDeviations, b.SumOfSquaredDeviations);
        Assert.Equal(a, b.Remove(100, 0));
    }

    [Fact]
    public void InvalidUpdatesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedAccumulator.Empty.Add(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedAccumulator.Empty.Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedAccumulator.Empty.Add(1, double.PositiveInfinity));
        Assert.Throws<InvalidOperationException>(() => WeightedAccumulator.Empty.Remove(1));
        Assert.Throws<ArgumentException>(() => WeightedAccumulator.Empty.Add(1, 1).Add(2, 1).Remove(1, 5));
        Assert.Throws<ArgumentException>(() => WeightedAccumulator.Of([1.0, 2.0], [1.0]));
    }
}

public class RecencyWeightsTests
{
    [Fact]
    public void AnObservationOneHalfLifeOldWeighsOneHalf()
    {
        var weights = new RecencyWeights(90);
        Assert.Equal(1.0, weights.Weight(0));
        Assert.Equal(0.5, weights.Weight(90), 1e-15);
        Assert.Equal(0.25, weights.Weight(180), 1e-15);
        Assert.Equal(Math.Pow(2, -1.0 / 3.0), weights.Weight(30), 1e-15); // 0.5^(30/90)
    }

    [Fact]
    public void DatesAreTurnedIntoAgesInDays()
    {
        var weights = new RecencyWeights(30);
        var asOf = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(0.5, weights.Weight(asOf.AddDays(-30), asOf), 1e-15);
        Assert.Equal(1.0, weights.Weight(asOf.AddHours(2), asOf)); // stamped in the future: clock skew counts as now
    }

    [Fact]
    public void AnInfiniteHalfLifeWeighsEverythingEqually()
    {
        var weights = new RecencyWeights(double.PositiveInfinity);
        Assert.Equal(1.0, weights.Weight(10_000));
        Assert.Equal(3.0, weights.EffectiveSampleSize([0.0, 100, 1000]), 1e-12);
    }

    [Fact]
    public void EffectiveSampleSizeOfANewAndAHalfLifeOldRatingIsOnePointEight()
    {
        // Weights 1 and 0.5: (1.5)² / (1 + 0.25) = 2.25 / 1.25 = 1.8.
        var weights = new RecencyWeights(60);
        Assert.Equal(1.8, weights.EffectiveSampleSize([0.0, 60.0]), 1e-12);
        Assert.Equal(0.0, weights.EffectiveSampleSize([]));
    }

    [Fact]
    public void AccumulatingWithRecencyEqualsAccumulatingWithTheWeights()
    {
        // Values 5 (new) and 1 (one half-life old): mean = (5 × 1 + 1 × 0.5) / 1.5 = 3.6667.
        var accumulator = new RecencyWeights(10).Accumulate([5.0, 1.0], [0.0, 10.0]);
        Assert.Equal(5.5 / 1.5, accumulator.Mean, 1e-12);
        Assert.Equal(1.8, accumulator.Moments.EffectiveSampleSize, 1e-12);
        var destination = new double[2];
        new RecencyWeights(10).Weights([0.0, 10.0], destination);
        Assert.Equal([1.0, 0.5], destination);
    }

    [Fact]
    public void ANonPositiveHalfLifeIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecencyWeights(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecencyWeights(-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecencyWeights(double.NaN));
        Assert.Throws<ArgumentException>(() => new RecencyWeights(5).Weight(double.NaN));
    }
}
