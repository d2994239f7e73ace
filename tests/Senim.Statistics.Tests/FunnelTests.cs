using Senim.Statistics;

namespace Senim.Statistics.Tests;

public class FunnelTests
{
    [Fact]
    public void NormalLimitsForAMeanOfTwentyFiveRatings()
    {
        // θ₀ = 4, σ = 1, n = 25: s.e. = 0.2.
        // 95%: 4 ± 1.959963985 × 0.2 = 3.608007, 4.391993. 99.8%: 4 ± 3.090232306 × 0.2 = 3.381954, 4.618046.
        var limits = Funnel.MeanLimits(4, 1, 25);
        Assert.Equal(4 - (1.959963984540054 * 0.2), limits.Lower95, 1e-12);
        Assert.Equal(4 + (1.959963984540054 * 0.2), limits.Upper95, 1e-12);
        Assert.Equal(4 - (3.090232306167813 * 0.2), limits.Lower998, 1e-12);
        Assert.Equal(4 + (3.090232306167813 * 0.2), limits.Upper998, 1e-12);
    }

    [Fact]
    public void AMeanBetweenTheTwoLowerLimitsIsBelowOnlyTheInnerOne()
    {
        var position = Funnel.ClassifyMean(3.5, 4, 1, 25); // 3.382 < 3.5 < 3.608
        Assert.Equal(FunnelZone.Below, position.At95);
        Assert.Equal(FunnelZone.Within, position.At998);
        Assert.Equal(FunnelZone.Above, Funnel.ClassifyMean(4.7, 4, 1, 25).At998);
        Assert.Equal(FunnelZone.Within, Funnel.ClassifyMean(4.0, 4, 1, 25).At95);
    }

    [Fact]
    public void BinomialLimitsForTenFairCoinsMatchTheInterpolationWorkedByHand()
    {
        // Binomial(10, ½): F(0) = 1/1024, F(1) = 11/1024, F(2) = 56/1024, F(7) = 968/1024, F(8) = 1013/1024, F(9) = 1023/1024.
        // p = 0.025: r_p = 2, α = (56/1024 − 0.025)/(45/1024) = 30.4/45, limit = (2 − α)/10 = 0.1324444.
        // p = 0.975: r_p = 8, α = (1013/1024 − 0.975)/(45/1024) = 14.6/45, limit = (8 − α)/10 = 0.7675556.
        // p = 0.001: r_p = 1, α = (11/1024 − 0.001)/(10/1024) = 9.976/10, limit = (1 − α)/10 = 0.00024.
        // p = 0.999: r_p = 9, α = (1023/1024 − 0.999)/(10/1024) = 0.024/10, limit = (9 − α)/10 = 0.89976.
        var limits = Funnel.ProportionLimits(0.5, 10);
        Assert.Equal((2 - (30.4 / 45)) / 10, limits.Lower95, 1e-12);
        Assert.Equal((8 - (14.6 / 45)) / 10, limits.Upper95, 1e-12);
        Assert.Equal((1 - 0.9976) / 10, limits.Lower998, 1e-12);
        Assert.Equal((9 - 0.0024) / 10, limits.Upper998, 1e-12);
    }

    [Fact]
    public void BinomialLimitsMatchTheSameFormulaEvaluatedInR()
    {
        // R 4.2.2: r <- qbinom(p, 50, 0.12); a <- (pbinom(r,50,.12) − p)/(pbinom(r,50,.12) − pbinom(r−1,50,.12)); (r − a)/50.
        // The 0.001 limit is −0.00806 in R and is clamped to 0 here.
        var limits = Funnel.ProportionLimits(0.12, 50);
        Assert.Equal(0.026236562104078088, limits.Lower95, 1e-12);
        Assert.Equal(0.20790354545912546, limits.Upper95, 1e-12);
        Assert.Equal(0.0, limits.Lower998);
        Assert.Equal(0.2726449902114248, limits.Upper998, 1e-12);
    }

    [Fact]
    public void ProportionsAreClassifiedAgainstBothPairsOfLimits()
    {
        Assert.Equal(new[] { FunnelZone.Below, FunnelZone.Within }, Zones(Funnel.ClassifyProportion(1, 10, 0.5)));   // 0.1
        Assert.Equal(new[] { FunnelZone.Within, FunnelZone.Within }, Zones(Funnel.ClassifyProportion(5, 10, 0.5)));  // 0.5
        Assert.Equal(new[] { FunnelZone.Above, FunnelZone.Within }, Zones(Funnel.ClassifyProportion(8, 10, 0.5)));   // 0.8
        Assert.Equal(new[] { FunnelZone.Above, FunnelZone.Above }, Zones(Funnel.ClassifyProportion(10, 10, 0.5)));   // 1.0
        Assert.Equal(new[] { FunnelZone.Below, FunnelZone.Below }, Zones(Funnel.ClassifyProportion(0, 10, 0.5)));    // 0.0

        static FunnelZone[] Zones(FunnelPosition p) => [p.At95, p.At998];
    }

    [Fact]
    public void ACountBelowTheLowerLimitHasAnExactLowerTailProbabilityBelowTheLimitsProbability()
    {
        var random = new Random(23);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 400);
            double theta = 0.02 + (0.96 * random.NextDouble());
            var limits = Funnel.ProportionLimits(theta, n);
            for (int y = 0; y <= n; y++)
            {
                if ((double)y / n < limits.Lower95)
                {
                    Assert.True(BinomialDistribution.Cdf(y, n, theta) < 0.025);
                }

                if ((double)y / n < limits.Lower998)
                {
                    Assert.True(BinomialDistribution.Cdf(y, n, theta) < 0.001);
                }
            }

            Assert.True(limits.Lower998 <= limits.Lower95 && limits.Lower95 <= limits.Upper95 && limits.Upper95 <= limits.Upper998);
        }
    }

    [Fact]
    public void ForLargeSamplesTheBinomialLimitsApproachTheNormalOnes()
    {
        // n = 20,000, θ₀ = 0.3: normal 95% limits 0.3 ± 1.96 × √(0.21/20000) = 0.3 ± 0.006351.
        var limits = Funnel.ProportionLimits(0.3, 20_000);
        double se = Math.Sqrt(0.3 * 0.7 / 20_000);
        Assert.Equal(0.3 - (1.959963984540054 * se), limits.Lower95, 2e-4);
        Assert.Equal(0.3 + (1.959963984540054 * se), limits.Upper95, 2e-4);
    }

    [Fact]
    public void ATargetOfZeroOrOneIsAPointMassThatFlagsOnlyOtherValues()
    {
        var ones = Funnel.ProportionLimits(1.0, 20);
        Assert.Equal(new[] { 1.0, 1.0, 1.0, 1.0 }, new[] { ones.Lower95, ones.Upper95, ones.Lower998, ones.Upper998 });
        Assert.Equal(FunnelZone.Within, Funnel.ClassifyProportion(20, 20, 1.0).At95);
        Assert.Equal(FunnelZone.Below, Funnel.ClassifyProportion(19, 20, 1.0).At998);
        Assert.Equal(FunnelZone.Within, Funnel.ClassifyProportion(0, 20, 0.0).At998);
    }

    [Fact]
    public void NoObservationsGiveUndefinedLimitsAndNoFlag()
    {
        Assert.False(Funnel.MeanLimits(4, 1, 0).IsDefined);
        Assert.Equal(FunnelZone.Within, Funnel.ClassifyMean(1, 4, 1, 0).At998);
        Assert.False(Funnel.ProportionLimits(0.5, 0).IsDefined);
        Assert.Equal(FunnelZone.Within, Funnel.ClassifyProportion(0, 0, 0.5).At95);
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Funnel.MeanLimits(4, -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Funnel.ProportionLimits(1.5, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Funnel.ClassifyProportion(11, 10, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Funnel.BinomialLimit(0.5, 10, 1.0));
    }
}

public class ChangeTestTests
{
    [Fact]
    public void AHandWorkedChangeIsNotSignificant()
    {
        // 3.2 (se 0.1) → 3.5 (se 0.2): d = 0.3, se = √(0.01 + 0.04) = 0.2236068, z = 1.3416408,
        // p = 2Φ(−1.3416408) = 0.17971249 (R 4.2.2), 95% CI 0.3 ± 1.959964 × 0.2236068 = [−0.138261, 0.738261].
        var result = ChangeTest.Compare(3.2, 0.1, 3.5, 0.2);
        Assert.Equal(0.3, result.Difference, 1e-12);
        Assert.Equal(Math.Sqrt(0.05), result.StandardError, 1e-15);
        Assert.Equal(1.3416407864998736, result.Z, 1e-12);
        Assert.Equal(0.1797124948789999, result.PValue, 1e-12);
        Assert.Equal(0.3 - (1.959963984540054 * Math.Sqrt(0.05)), result.Lower, 1e-12);
        Assert.Equal(0.3 + (1.959963984540054 * Math.Sqrt(0.05)), result.Upper, 1e-12);
        Assert.False(result.IsSignificant);
        Assert.True(result.IsDefined);
    }

    [Fact]
    public void ALargeChangeWithSmallErrorsIsSignificant()
    {
        // 3.0 → 3.3, both se 0.05: z = 0.3/0.0707107 = 4.2426407, p = 2.2090497e-05 (R 4.2.2).
        var result = ChangeTest.Compare(3.0, 0.05, 3.3, 0.05);
        Assert.Equal(4.2426406871192839, result.Z, 1e-10);
        Assert.Equal(2.2090496998585556e-05, result.PValue, 1e-15);
        Assert.True(result.IsSignificant);
        Assert.True(result.Lower > 0);
        Assert.Equal(-result.Z, ChangeTest.Compare(3.3, 0.05, 3.0, 0.05).Z, 1e-12);
    }

    [Fact]
    public void TheIntervalExcludesZeroExactlyWhenTheChangeIsSignificant()
    {
        var random = new Random(99);
        for (int trial = 0; trial < 1000; trial++)
        {
            var r = ChangeTest.Compare(random.NextDouble(), random.NextDouble() * 0.3, random.NextDouble(), random.NextDouble() * 0.3);
            Assert.Equal(r.IsSignificant, r.Lower > 0 || r.Upper < 0);
            Assert.InRange(r.PValue, 0.0, 1.0);
        }
    }

    [Fact]
    public void TwoExactEstimatesCannotBeTested()
    {
        var result = ChangeTest.Compare(3, 0, 4, 0);
        Assert.False(result.IsDefined);
        Assert.False(result.IsSignificant);
        Assert.Equal(1.0, result.PValue);
        Assert.Equal(1.0, result.Difference);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChangeTest.Compare(3, -1, 4, 0));
    }
}

public class ScoreStatusTests
{
    private static readonly ScoreStatusPolicy Policy = new(MaximumIntervalWidth: 0.6);

    [Fact]
    public void ThirtyEffectiveRatingsWithANarrowIntervalAreOfficial()
    {
        var status = ScoreStatus.Evaluate(30, 0.6, Policy);
        Assert.True(status.IsOfficial);
        Assert.Equal(InsufficiencyReasons.None, status.Reasons);
    }

    [Fact]
    public void FewerEffectiveRatingsThanTheMinimumAreInsufficient()
    {
        var status = ScoreStatus.Evaluate(29.99, 0.3, Policy);
        Assert.Equal(ScoreStatusKind.Insufficient, status.Status);
        Assert.Equal(InsufficiencyReasons.TooFewEffectiveRatings, status.Reasons);
    }

    [Fact]
    public void AnIntervalWiderThanTheMaximumIsInsufficient()
    {
        Assert.Equal(InsufficiencyReasons.IntervalTooWide, ScoreStatus.Evaluate(100, 0.61, Policy).Reasons);
        Assert.Equal(InsufficiencyReasons.TooFewEffectiveRatings | InsufficiencyReasons.IntervalTooWide, ScoreStatus.Evaluate(0, 2, Policy).Reasons);
        Assert.True(ScoreStatus.Evaluate(5, 0.1, Policy with { MinimumEffectiveSampleSize = 5 }).IsOfficial);
    }

    [Fact]
    public void InvalidInputsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreStatus.Evaluate(double.NaN, 0.1, Policy));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreStatus.Evaluate(10, -0.1, Policy));
        Assert.Throws<ArgumentException>(() => ScoreStatus.Evaluate(10, 0.1, new ScoreStatusPolicy(0)));
    }
}
