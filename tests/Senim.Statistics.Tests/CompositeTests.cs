using Senim.Statistics;

namespace Senim.Statistics.Tests;

public class CompositeTests
{
    [Fact]
    public void PointsMeasureTheDistanceFromTheWorstGoalpostToTheTarget()
    {
        // Score 1–5 with target 4.5: 4.0 is (4 − 1)/(4.5 − 1) = 3/3.5 of the way, 85.714 points.
        Assert.Equal(100 * 3 / 3.5, Composite.Points(4.0, 1, 4.5), 12);
        Assert.Equal(100, Composite.Points(4.8, 1, 4.5), 12);   // beyond the target: capped
        Assert.Equal(0, Composite.Points(0.5, 1, 4.5), 12);     // below the worst goalpost: floored
        // Lower is better (upheld contests, 0–10, target 0): 2 is (10 − 2)/(10 − 0) = 80 points.
        Assert.Equal(80, Composite.Points(2, 10, 0), 12);
        var (lo, hi) = Composite.PointsInterval(1, 3, 10, 0);   // the ends swap: 3 → 70, 1 → 90
        Assert.Equal(70, lo, 12);
        Assert.Equal(90, hi, 12);
        Assert.Throws<ArgumentException>(() => Composite.Points(3, 4, 4));
    }

    [Fact]
    public void WeightsAreRenormalisedOverTheIndicatorsWithData()
    {
        // Weights 0.4, 0.3, 0.2, 0.1; the 0.3 one has no data. Weight with data 0.7 of 1.0.
        // Estimate = (0.4·80 + 0.2·60 + 0.1·100) / 0.7 = (32 + 12 + 10) / 0.7 = 77.142857.
        // Lower    = (0.4·70 + 0.2·50 + 0.1·100) / 0.7 = (28 + 10 + 10) / 0.7 = 68.571429.
        // Upper    = (0.4·90 + 0.2·70 + 0.1·100) / 0.7 = (36 + 14 + 10) / 0.7 = 85.714286.
        CompositeInput[] items =
        [
            new(0.4, 80, 70, 90, true), new(0.3, 10, 0, 20, false), new(0.2, 60, 50, 70, true), new(0.1, 100, 100, 100, true),
            new(0, 5, 5, 5, true), // context only: ignored
        ];
        var c = Composite.Combine(items, 0.5);
        Assert.True(c.IsDefined);
        Assert.Equal(54 / 0.7, c.Estimate, 9);
        Assert.Equal(48 / 0.7, c.Lower, 9);
        Assert.Equal(60 / 0.7, c.Upper, 9);
        Assert.Equal(0.7, c.WeightShareWithData, 12);
        Assert.True(c.IsSufficient);
        // The same with a minimum share of 75%: computed, but marked insufficient.
        var strict = Composite.Combine(items, 0.75);
        Assert.Equal(c.Estimate, strict.Estimate, 12);
        Assert.False(strict.IsSufficient);
        // Exactly at the minimum counts as enough.
        Assert.True(Composite.Combine(items, 0.7).IsSufficient);
    }

    [Fact]
    public void NoDataAtAllIsUndefinedAndNonPositiveWeightsAreRefused()
    {
        var none = Composite.Combine([new(1, 50, 40, 60, false), new(2, 50, 40, 60, false)], 0.5);
        Assert.False(none.IsDefined);
        Assert.False(none.IsSufficient);
        Assert.Equal(0, none.WeightShareWithData);
        Assert.Throws<ArgumentException>(() => Composite.Combine([new(0, 50, 40, 60, true)], 0.5));
        Assert.Throws<ArgumentException>(() => Composite.Combine([new(-1, 50, 40, 60, true), new(2, 50, 40, 60, true)], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Composite.Combine([new(1, 50, 40, 60, true)], 0));
    }

    [Theory]
    [InlineData(4.3, TrafficLight.Green)]
    [InlineData(4.2, TrafficLight.Green)]  // at the threshold: green
    [InlineData(4.0, TrafficLight.Amber)]
    [InlineData(3.8, TrafficLight.Amber)]
    [InlineData(3.79, TrafficLight.Red)]
    public void HigherIsBetterLights(double value, TrafficLight expected) =>
        Assert.Equal(expected, Composite.Light(value, 4.2, 3.8, higherIsBetter: true));

    [Theory]
    [InlineData(0, TrafficLight.Green)]
    [InlineData(1, TrafficLight.Amber)]
    [InlineData(2, TrafficLight.Amber)]
    [InlineData(3, TrafficLight.Red)]
    public void LowerIsBetterLights(double value, TrafficLight expected) =>
        Assert.Equal(expected, Composite.Light(value, 0, 2, higherIsBetter: false));

    [Fact]
    public void RanksCarryTheRangeTheirIntervalsAllow()
    {
        // A [80; 75–85], B [78; 70–86], C [60; 55–65], D [60; 40–79], E [30; 25–35].
        // Ranks by estimate: A 1, B 2, C 3, D 3 (tie), E 5.
        // A: clearly better than A: none → best 1; clearly worse (upper < 75): C (65), E (35) → worst 5 − 2 = 3.
        // B: none better (no lower > 86) → 1; worse (upper < 70): C, E → 3.
        // C: better (lower > 65): A (75), B (70) → best 3; worse (upper < 55): E → worst 4.
        // D: better (lower > 79): none → 1; worse (upper < 40): E → 4.
        // E: better (lower > 35): A, B, C, D → 5; worse: none → 5.
        var r = Composite.Ranks([(80, 75, 85), (78, 70, 86), (60, 55, 65), (60, 40, 79), (30, 25, 35)]);
        Assert.Equal(new RankInterval(1, 1, 3, 5), r[0]);
        Assert.Equal(new RankInterval(2, 1, 3, 5), r[1]);
        Assert.Equal(new RankInterval(3, 3, 4, 5), r[2]);
        Assert.Equal(new RankInterval(3, 1, 4, 5), r[3]);
        Assert.Equal(new RankInterval(5, 5, 5, 5), r[4]);
        Assert.Empty(Composite.Ranks([]));
        Assert.Equal(new RankInterval(1, 1, 1, 1), Composite.Ranks([(50, 50, 50)])[0]);
    }

    [Fact]
    public void RankIntervalsAgreeWithTheirDefinitionOnRandomData()
    {
        var random = new Random(7);
        var items = Enumerable.Range(0, 300).Select(_ =>
        {
            var e = Math.Round(random.NextDouble() * 100, 1);
            var h = Math.Round(random.NextDouble() * 20, 1);
            return (e, e - h, e + h);
        }).ToList();
        var ranks = Composite.Ranks(items);
        for (var i = 0; i < items.Count; i++)
        {
            var (e, l, u) = items[i];
            Assert.Equal(1 + items.Count(x => x.Item1 > e), ranks[i].Rank);
            Assert.Equal(1 + items.Count(x => x.Item2 > u), ranks[i].Best);
            Assert.Equal(items.Count - items.Count(x => x.Item3 < l), ranks[i].Worst);
            Assert.InRange(ranks[i].Rank, ranks[i].Best, ranks[i].Worst);
        }
    }
}
