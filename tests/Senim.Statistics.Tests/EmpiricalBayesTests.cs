using Senim.Statistics;

namespace Senim.Statistics.Tests;

public class EmpiricalBayesTests
{
    [Fact]
    public void AHandWorkedThreeGroupExampleMatches()
    {
        // Groups (mean, n, s²): A (4, 4, 1), B (3, 9, 1), C (5, 1, –).
        // Pooled σ² = (3 × 1 + 8 × 1) / (3 + 8) = 1 (C has no degrees of freedom).
        // v = σ²/n = 1/4, 1/9, 1; DerSimonian–Laird weights w = 4, 9, 1; Σw = 14; Σw² = 98.
        // ȳ_w = (16 + 27 + 5) / 14 = 24/7. Deviations 4/7, −3/7, 11/7.
        // Q = 4 × 16/49 + 9 × 9/49 + 121/49 = 266/49 = 38/7.
        // τ² = (Q − (k − 1)) / (Σw − Σw²/Σw) = (38/7 − 2) / (14 − 7) = 24/49.
        // Random-effects weights 1/(v + τ²): 196/145, 441/265, 49/73.
        // B = v/(v + τ²): A 49/145, B 49/265, C 49/73.
        double tau2 = 24.0 / 49.0;
        double[] means = [4, 3, 5];
        double[] v = [0.25, 1.0 / 9.0, 1.0];
        double[] w = [196.0 / 145.0, 441.0 / 265.0, 49.0 / 73.0];
        double[] b = [49.0 / 145.0, 49.0 / 265.0, 49.0 / 73.0];
        double sumW = w[0] + w[1] + w[2];
        double mu = ((w[0] * 4) + (w[1] * 3) + (w[2] * 5)) / sumW; // = 3.7307…
        double muVariance = 1 / sumW;

        var result = EmpiricalBayes.Shrink([new GroupSummary(4, 4, 1), new GroupSummary(3, 9, 1), new GroupSummary(5, 1, 0)]);

        Assert.True(result.IsDefined);
        Assert.Equal(BetweenVarianceMethod.DerSimonianLaird, result.Method);
        Assert.Equal(1.0, result.WithinVariance, 1e-12);
        Assert.Equal(tau2, result.BetweenGroupVariance, 1e-12);
        Assert.Equal(mu, result.PeerMean, 1e-12);
        Assert.Equal(muVariance, result.PeerMeanVariance, 1e-12);
        for (int i = 0; i < 3; i++)
        {
            var e = result.Estimates[i];
            double estimate = (b[i] * mu) + ((1 - b[i]) * means[i]);
            double sd = Math.Sqrt(((1 - b[i]) * v[i]) + (b[i] * b[i] * muVariance));
            Assert.Equal(v[i], e.SamplingVariance, 1e-12);
            Assert.Equal(b[i], e.ShrinkageFactor, 1e-12);
            Assert.Equal(estimate, e.Estimate, 1e-12);
            Assert.Equal(sd, e.StandardError, 1e-12);
            Assert.Equal(estimate - (1.959963984540054 * sd), e.Lower, 1e-12);
            Assert.Equal(estimate + (1.959963984540054 * sd), e.Upper, 1e-12);
            Assert.Equal(estimate - means[i], e.Pull, 1e-12);
        }
    }

    private static GroupSummary[] RandomGroups(Random random, int k, bool equalVariance)
    {
        var groups = new GroupSummary[k];
        double common = 0.2 + random.NextDouble();
        for (int i = 0; i < k; i++)
        {
            groups[i] = new GroupSummary(
                1 + (4 * random.NextDouble()),
                random.Next(0, 4) == 0 ? random.Next(0, 3) : random.Next(2, 200),
                equalVariance ? common : 0.1 + (2 * random.NextDouble()));
        }

        return groups;
    }

    [Fact]
    public void MoreRatingsNeverWidenTheInterval()
    {
        // Holding the peer distribution's spread τ² fixed, a group's interval can only narrow as its n grows,
        // whether the peer mean is estimated (it then becomes more precise too) or fixed.
        var random = new Random(2026);
        for (int trial = 0; trial < 300; trial++)
        {
            var mode = trial % 2 == 0 ? WithinVarianceSource.Pooled : WithinVarianceSource.PerGroup;
            var groups = RandomGroups(random, random.Next(1, 30), equalVariance: mode == WithinVarianceSource.Pooled);
            var options = new EmpiricalBayesOptions
            {
                BetweenGroupVariance = random.NextDouble() * 0.5,
                WithinVariance = mode,
                PeerMean = trial % 3 == 0 ? 3.0 : null,
            };
            var before = EmpiricalBayes.Shrink(groups, options);
            int i = random.Next(groups.Length);
            var more = (GroupSummary[])groups.Clone();
            more[i] = more[i] with { SampleSize = more[i].SampleSize + random.Next(1, 50) };
            var after = EmpiricalBayes.Shrink(more, options);
            if (!before.IsDefined)
            {
                continue;
            }

            Assert.True(after.Estimates[i].IntervalWidth <= before.Estimates[i].IntervalWidth + 1e-12,
                $"trial {trial}: width grew from {before.Estimates[i].IntervalWidth} to {after.Estimates[i].IntervalWidth}");
        }
    }

    [Fact]
    public void NoBetweenGroupVarianceMeansFullShrinkageToThePeerMean()
    {
        // Means 3.9, 4.0, 4.1 with n = 4 and σ² = 1: v = 0.25, w = 4, ȳ_w = 4.0,
        // Q = 4 × (0.01 + 0 + 0.01) = 0.08 < k − 1 = 2, so τ² = 0 and B = 1 for everyone.
        var result = EmpiricalBayes.Shrink([new GroupSummary(3.9, 4, 1), new GroupSummary(4.0, 4, 1), new GroupSummary(4.1, 4, 1)]);
        Assert.Equal(0.0, result.BetweenGroupVariance);
        foreach (var e in result.Estimates)
        {
            Assert.Equal(1.0, e.ShrinkageFactor);
            Assert.Equal(4.0, e.Estimate, 1e-12);
        }

        // And for any data when τ² is fixed at zero.
        var random = new Random(8);
        for (int trial = 0; trial < 100; trial++)
        {
            var fixedZero = EmpiricalBayes.Shrink(RandomGroups(random, random.Next(2, 20), equalVariance: false), new EmpiricalBayesOptions { BetweenGroupVariance = 0 });
            foreach (var e in fixedZero.Estimates.Where(e => e.HasObservations && fixedZero.IsDefined))
            {
                Assert.Equal(fixedZero.PeerMean, e.Estimate, 1e-9);
            }
        }
    }

    [Fact]
    public void ZeroWithinVarianceMeansNoShrinkage()
    {
        // Every rating within each group identical: no noise, so each mean is known exactly.
        // τ² then comes from Hedges' estimator: sample variance of 2, 3, 4.5 = ((−1.1667)² + (−0.1667)² + 1.3333²)/2 = 1.5833.
        var result = EmpiricalBayes.Shrink([new GroupSummary(2, 5, 0), new GroupSummary(3, 3, 0), new GroupSummary(4.5, 10, 0)]);
        Assert.Equal(BetweenVarianceMethod.Hedges, result.Method);
        Assert.Equal(19.0 / 12.0, result.BetweenGroupVariance, 1e-12);
        Assert.Equal([2.0, 3.0, 4.5], result.Estimates.Select(e => e.Estimate));
        Assert.All(result.Estimates, e => Assert.Equal(0.0, e.ShrinkageFactor));
        Assert.All(result.Estimates, e => Assert.Equal(0.0, e.Pull));

        // Per-group mode: only the noise-free group keeps its mean.
        var perGroup = EmpiricalBayes.Shrink(
            [new GroupSummary(2, 5, 0), new GroupSummary(3, 3, 1), new GroupSummary(4.5, 10, 1)],
            new EmpiricalBayesOptions { WithinVariance = WithinVarianceSource.PerGroup, BetweenGroupVariance = 0.1 });
        Assert.Equal(2.0, perGroup.Estimates[0].Estimate);
        Assert.True(perGroup.Estimates[1].ShrinkageFactor > 0);
    }

    [Fact]
    public void AddingAConstantToEveryRatingMovesEveryEstimateByExactlyThatConstant()
    {
        var random = new Random(77);
        for (int trial = 0; trial < 300; trial++)
        {
            var groups = RandomGroups(random, random.Next(1, 25), equalVariance: false);
            double shift = (random.NextDouble() - 0.5) * 10;
            var shifted = groups.Select(g => g with { Mean = g.Mean + shift }).ToArray();
            var options = new EmpiricalBayesOptions { WithinVariance = trial % 2 == 0 ? WithinVarianceSource.Pooled : WithinVarianceSource.PerGroup };
            var a = EmpiricalBayes.Shrink(groups, options);
            var b = EmpiricalBayes.Shrink(shifted, options);
            Assert.Equal(a.Status, b.Status);
            Assert.Equal(a.BetweenGroupVariance, b.BetweenGroupVariance, 1e-9);
            if (!a.IsDefined)
            {
                continue;
            }

            Assert.Equal(a.PeerMean + shift, b.PeerMean, 1e-9);
            for (int i = 0; i < groups.Length; i++)
            {
                Assert.Equal(a.Estimates[i].Estimate + shift, b.Estimates[i].Estimate, 1e-9);
                Assert.Equal(a.Estimates[i].Lower + shift, b.Estimates[i].Lower, 1e-9);
                Assert.Equal(a.Estimates[i].Upper + shift, b.Estimates[i].Upper, 1e-9);
                Assert.Equal(a.Estimates[i].ShrinkageFactor, b.Estimates[i].ShrinkageFactor, 1e-9);
                Assert.Equal(a.Estimates[i].Pull, b.Estimates[i].Pull, 1e-9);
            }
        }
    }

    [Fact]
    public void ThePullPointsTowardThePeerMeanAndNeverOvershoots()
    {
        var random = new Random(31);
        for (int trial = 0; trial < 200; trial++)
        {
            var result = EmpiricalBayes.Shrink(RandomGroups(random, random.Next(2, 30), equalVariance: false));
            foreach (var e in result.Estimates.Where(e => e.HasObservations && e.IsDefined))
            {
                double gap = result.PeerMean - e.ObservedMean;
                Assert.True(e.Pull * gap >= -1e-12);
                Assert.True(Math.Abs(e.Pull) <= Math.Abs(gap) + 1e-12);
                Assert.InRange(e.ShrinkageFactor, 0.0, 1.0);
                Assert.True(e.Lower <= e.Estimate && e.Estimate <= e.Upper);
            }
        }
    }

    [Fact]
    public void AGroupWithoutRatingsGetsThePeerMeanWithThePeerSpread()
    {
        // Groups A (4, 4, 1), B (3, 9, 1) and an empty one; fixed τ² = 0.5 and peer mean 3.5:
        // the empty group's estimate is 3.5 with sd √0.5.
        var result = EmpiricalBayes.Shrink(
            [new GroupSummary(4, 4, 1), new GroupSummary(3, 9, 1), new GroupSummary(0, 0, 0)],
            new EmpiricalBayesOptions { BetweenGroupVariance = 0.5, PeerMean = 3.5 });
        var empty = result.Estimates[2];
        Assert.False(empty.HasObservations);
        Assert.True(empty.IsDefined);
        Assert.Equal(3.5, empty.Estimate);
        Assert.Equal(Math.Sqrt(0.5), empty.StandardError, 1e-15);
        Assert.Equal(1.0, empty.ShrinkageFactor);
        Assert.Equal(2, result.GroupsWithObservations);
    }

    [Fact]
    public void OneGroupIsItsOwnPeerMean()
    {
        // k = 1: τ² cannot be estimated (minimum 0 is used), the peer mean is the group's own mean, and the
        // interval is the group's own: 4 ± 1.96 × √(1/4).
        var result = EmpiricalBayes.Shrink([new GroupSummary(4, 4, 1)]);
        Assert.Equal(BetweenVarianceMethod.Minimum, result.Method);
        Assert.Equal(4.0, result.Estimates[0].Estimate);
        Assert.Equal(0.5, result.Estimates[0].StandardError, 1e-15);
    }

    [Fact]
    public void AMinimumBetweenGroupVarianceLimitsHowFarGroupsArePulled()
    {
        var groups = new[] { new GroupSummary(3.9, 4, 1), new GroupSummary(4.0, 4, 1), new GroupSummary(4.1, 4, 1) };
        var floored = EmpiricalBayes.Shrink(groups, new EmpiricalBayesOptions { MinimumBetweenGroupVariance = 0.25 });
        // τ² = 0.25 (floor), v = 0.25, B = 0.5: the 3.9 group moves halfway to the peer mean 4.0.
        Assert.Equal(0.25, floored.BetweenGroupVariance);
        Assert.Equal(0.5, floored.Estimates[0].ShrinkageFactor, 1e-15);
        Assert.Equal(3.95, floored.Estimates[0].Estimate, 1e-12);
    }

    [Fact]
    public void DegenerateInputsGiveDefinedResultsWithAStatus()
    {
        var none = EmpiricalBayes.Shrink([]);
        Assert.Equal(ShrinkageStatus.NoObservations, none.Status);
        Assert.Empty(none.Estimates);

        var allEmpty = EmpiricalBayes.Shrink([new GroupSummary(0, 0, 0), new GroupSummary(0, 0, 0)]);
        Assert.Equal(ShrinkageStatus.NoObservations, allEmpty.Status);
        Assert.All(allEmpty.Estimates, e => Assert.False(e.IsDefined));

        var singles = EmpiricalBayes.Shrink([new GroupSummary(5, 1, 0), new GroupSummary(2, 1, 0)]);
        Assert.Equal(ShrinkageStatus.WithinVarianceUnknown, singles.Status);
        Assert.False(singles.IsDefined);
        Assert.Equal([5.0, 2.0], singles.Estimates.Select(e => e.Estimate));
        Assert.All(singles.Estimates, e => Assert.False(double.IsNaN(e.StandardError)));
    }

    [Fact]
    public void InvalidGroupsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => EmpiricalBayes.Shrink([new GroupSummary(double.NaN, 3, 1)]));
        Assert.Throws<ArgumentException>(() => EmpiricalBayes.Shrink([new GroupSummary(3, -1, 1)]));
        Assert.Throws<ArgumentException>(() => EmpiricalBayes.Shrink([new GroupSummary(3, 3, -1)]));
        Assert.Throws<ArgumentException>(() => EmpiricalBayes.Shrink([new GroupSummary(3, 3, 1)], new EmpiricalBayesOptions { ConfidenceLevel = 1 }));
        Assert.Throws<ArgumentException>(() => EmpiricalBayes.Shrink([new GroupSummary(3, 3, 1)], new EmpiricalBayesOptions { MinimumBetweenGroupVariance = -1 }));
    }

    [Fact]
    public void GroupSummariesComeFromAccumulatedMoments()
    {
        var moments = WeightedAccumulator.Of([1.0, 2, 3, 4]).Moments;
        var summary = GroupSummary.FromMoments(moments);
        Assert.Equal(new GroupSummary(2.5, 4, 5.0 / 3.0), summary with { WithinVariance = 5.0 / 3.0 });
        Assert.Equal(5.0 / 3.0, summary.WithinVariance, 1e-12);
    }
}
