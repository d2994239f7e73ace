using Senim.Statistics;

namespace Senim.Statistics.Tests;

public class CaseMixTests
{
    private static readonly CategoryObservation<string>[] Peers =
    [
        // Offender processing is rated lower whoever does it: norm (2 + 3 + 2.5)/3 = 2.5.
        new("offender", 2.0), new("offender", 3.0), new("offender", 2.5),
        // Front office: norm (4.5 + 5 + 4 + 4.5)/4 = 4.5.
        new("front-office", 4.5), new("front-office", 5.0), new("front-office", 4.0), new("front-office", 4.5),
    ];

    [Fact]
    public void NormsAreCategoryMeansAndTheGrandMeanIsTheOverallMean()
    {
        var norms = CaseMix.Norms(Peers);
        Assert.Equal(2.5, norms.Norms["offender"], 1e-15);
        Assert.Equal(4.5, norms.Norms["front-office"], 1e-15);
        Assert.Equal(25.5 / 7.0, norms.GrandMean, 1e-15); // (7.5 + 18) / 7
    }

    [Fact]
    public void ASubjectWithOnlyOffenderWorkRatedAtTheOffenderNormScoresAtTheGrandMean()
    {
        var norms = CaseMix.Norms(Peers);
        var result = norms.Adjust([new CategoryObservation<string>("offender", 2.5), new("offender", 2.5), new("offender", 2.5)]);
        Assert.True(result.IsDefined);
        Assert.Equal(2.5, result.ObservedMean, 1e-15);
        Assert.Equal(2.5, result.ExpectedMean, 1e-15);
        Assert.Equal(norms.GrandMean, result.AdjustedMean, 1e-15);
        Assert.Equal(0.0, result.Difference, 1e-15);
    }

    [Fact]
    public void AHandWorkedMixIsAdjustedByObservedMinusExpected()
    {
        // Norms A = 3.0, B = 4.5, grand mean 4.0. Subject: 2 ratings of kind A and 6 of kind B, observed mean 4.5.
        // Expected = (2 × 3 + 6 × 4.5) / 8 = 33/8 = 4.125; adjusted = 4.0 + (4.5 − 4.125) = 4.375.
        var norms = CaseMix.FromNorms(new Dictionary<string, double> { ["A"] = 3.0, ["B"] = 4.5 }, 4.0);
        var result = norms.Adjust(4.5, new Dictionary<string, double> { ["A"] = 2, ["B"] = 6 });
        Assert.Equal(4.125, result.ExpectedMean, 1e-15);
        Assert.Equal(4.375, result.AdjustedMean, 1e-15);
        Assert.Equal(8, result.TotalWeight);
    }

    [Fact]
    public void WeightedObservationsUseTheirWeightsForTheMixAndTheMean()
    {
        // Same norms. Subject: A rated 3 with weight 1, B rated 5 with weight 0.5.
        // Observed = (3 + 2.5)/1.5 = 3.6667; expected = (3 + 2.25)/1.5 = 3.5; adjusted = 4 + 0.1667 = 4.1667.
        var norms = CaseMix.FromNorms(new Dictionary<string, double> { ["A"] = 3.0, ["B"] = 4.5 }, 4.0);
        var result = norms.Adjust([new CategoryObservation<string>("A", 3, 1), new("B", 5, 0.5)]);
        Assert.Equal(5.5 / 1.5, result.ObservedMean, 1e-14);
        Assert.Equal(5.25 / 1.5, result.ExpectedMean, 1e-14);
        Assert.Equal(4.0 + (0.25 / 1.5), result.AdjustedMean, 1e-14);
    }

    [Fact]
    public void ASubjectRatedAtEveryNormInThePeersOwnMixScoresAtTheGrandMean()
    {
        var random = new Random(4);
        for (int trial = 0; trial < 100; trial++)
        {
            var peers = new List<CategoryObservation<int>>();
            for (int i = random.Next(5, 200); i > 0; i--)
            {
                peers.Add(new CategoryObservation<int>(random.Next(0, 5), 1 + (4 * random.NextDouble()), random.NextDouble()));
            }

            var norms = CaseMix.Norms(peers);
            // The peer group as one subject: observed is the grand mean, expected is the grand mean.
            var everyone = norms.Adjust(peers);
            Assert.Equal(norms.GrandMean, everyone.AdjustedMean, 1e-9);

            // Shifting a subject's ratings by c shifts the adjusted score by c.
            var subject = peers.Take(10).ToArray();
            double c = random.NextDouble();
            var shifted = subject.Select(o => o with { Value = o.Value + c }).ToArray();
            Assert.Equal(norms.Adjust(subject).AdjustedMean + c, norms.Adjust(shifted).AdjustedMean, 1e-9);
        }
    }

    [Fact]
    public void ASubjectWithoutObservationsIsUndefinedAtTheGrandMean()
    {
        var norms = CaseMix.Norms(Peers);
        var result = norms.Adjust([]);
        Assert.False(result.IsDefined);
        Assert.Equal(norms.GrandMean, result.AdjustedMean);
        Assert.False(CaseMix.Norms<string>([]).Adjust([]).IsDefined);
    }

    [Fact]
    public void ACategoryWithoutANormIsRejected()
    {
        var norms = CaseMix.Norms(Peers);
        Assert.Throws<ArgumentException>(() => norms.Adjust([new CategoryObservation<string>("traffic", 4)]));
        Assert.Throws<ArgumentException>(() => norms.Adjust(4, new Dictionary<string, double> { ["offender"] = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseMix.Norms([new CategoryObservation<string>("a", 1, -1)]));
    }
}

public class ProportionsTests
{
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void WilsonMatchesNewcombesTableOne(int x, int n, double lower, double upper)
    {
        // Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (score interval, no continuity correction).
        var interval = Proportions.Wilson(x, n);
        Assert.Equal(lower, Math.Round(interval.Lower, 4));
        Assert.Equal(upper, Math.Round(interval.Upper, 4));
        Assert.Equal((double)x / n, interval.Estimate, 1e-15);
    }

    [Theory]
    [InlineData(81, 263, 0.25452193499102344, 0.36564749917408246)]
    [InlineData(15, 148, 0.060448517009296432, 0.1576431434787412)]
    [InlineData(0, 20, 0.0, 0.1166389829048754)]
    [InlineData(1, 29, 0.0037461736490570752, 0.1500776860022317)]
    [InlineData(29, 29, 0.9177135170761761, 1.0)]
    public void JeffreysMatchesTheBetaQuantilesFromR(int x, int n, double lower, double upper)
    {
        // Reference: R 4.2.2 qbeta(0.025, x + 0.5, n − x + 0.5) and qbeta(0.975, …); 0 and 1 at the ends
        // (Brown, Cai & DasGupta 2001, §4.1.2).
        var interval = Proportions.Jeffreys(x, n);
        Assert.Equal(lower, interval.Lower, 1e-12);
        Assert.Equal(upper, interval.Upper, 1e-12);
    }

    [Fact]
    public void NoTrialsGiveTheWholeUnitIntervalMarkedUndefined()
    {
        foreach (var interval in new[] { Proportions.Wilson(0, 0), Proportions.Jeffreys(0, 0) })
        {
            Assert.False(interval.IsDefined);
            Assert.Equal(0.0, interval.Lower);
            Assert.Equal(1.0, interval.Upper);
        }
    }

    [Fact]
    public void IntervalsContainTheEstimateAndNarrowAsTrialsGrow()
    {
        var random = new Random(17);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = random.Next(1, 500);
            int x = random.Next(0, n + 1);
            foreach (var (one, more) in new[]
            {
                (Proportions.Wilson(x, n), Proportions.Wilson(4 * x, 4 * n)),
                (Proportions.Jeffreys(x, n), Proportions.Jeffreys(4 * x, 4 * n)),
            })
            {
                Assert.InRange(one.Estimate, one.Lower, one.Upper);
                Assert.InRange(one.Lower, 0.0, 1.0);
                Assert.InRange(one.Upper, 0.0, 1.0);
                Assert.True(more.Width < one.Width);
            }
        }
    }

    [Fact]
    public void ImpossibleCountsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(-1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Jeffreys(1, -4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Jeffreys(1, 4, 1.5));
    }
}

public class PercentileTests
{
    [Fact]
    public void MidRanksOfAHandWorkedGroup()
    {
        // Group 1, 2, 2, 3, 5 (N = 5). PR = 100 × (below + ½ equal) / N.
        // 1 → (0 + 0.5)/5 = 10; 2 → (1 + 1)/5 = 40; 3 → (3 + 0.5)/5 = 70; 5 → (4 + 0.5)/5 = 90; 4 (absent) → 4/5 = 80.
        double[] group = [1, 2, 2, 3, 5];
        Assert.Equal(10, Percentile.Rank(1, group).Rank, 1e-12);
        Assert.Equal(40, Percentile.Rank(2, group).Rank, 1e-12);
        Assert.Equal(70, Percentile.Rank(3, group).Rank, 1e-12);
        Assert.Equal(90, Percentile.Rank(5, group).Rank, 1e-12);
        Assert.Equal(80, Percentile.Rank(4, group).Rank, 1e-12);
        Assert.Equal([10.0, 40, 40, 70, 90], Percentile.Ranks(group).Select(r => r.Rank));
    }

    [Fact]
    public void AGroupOfOneRanksItsMemberAtFifty()
    {
        Assert.Equal(50, Percentile.Rank(3.7, [3.7]).Rank);
        Assert.True(Percentile.Rank(3.7, [3.7]).IsDefined);
        Assert.Equal(50, Percentile.Ranks([3.7])[0].Rank);
    }

    [Fact]
    public void AnEmptyGroupIsUndefined()
    {
        var rank = Percentile.Rank(3, []);
        Assert.False(rank.IsDefined);
        Assert.Equal(50, rank.Rank);
        Assert.Empty(Percentile.Ranks([]));
    }

    [Fact]
    public void RanksAreConsistentSymmetricAndAverageFifty()
    {
        var random = new Random(12);
        for (int trial = 0; trial < 200; trial++)
        {
            var values = Enumerable.Range(0, random.Next(1, 60)).Select(_ => (double)random.Next(1, 6)).ToArray();
            var ranks = Percentile.Ranks(values);
            var mirrored = Percentile.Ranks(values.Select(v => -v).ToArray());
            for (int i = 0; i < values.Length; i++)
            {
                Assert.Equal(Percentile.Rank(values[i], values).Rank, ranks[i].Rank, 1e-12);
                Assert.Equal(100 - ranks[i].Rank, mirrored[i].Rank, 1e-12);
            }

            Assert.Equal(50, ranks.Average(r => r.Rank), 1e-9);
        }
    }
}
