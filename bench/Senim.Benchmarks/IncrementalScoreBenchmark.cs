using BenchmarkDotNet.Attributes;
using Senim.Statistics;

namespace Senim.Benchmarks;

/// <summary>The CPU work of one new counted rating in Senim's incremental scoring: (1) the rating's contribution to its
/// bucket for all five criteria (what the upsert adds), and (2) re-scoring the employee from their buckets — 12 months ×
/// 3 interaction kinds × 5 criteria, each brought to the period's end, case-mix shifted, and shrunk against the peer
/// group's parameters (peer mean, τ², pooled σ²).</summary>
[MemoryDiagnoser]
public class IncrementalScoreBenchmark
{
    private readonly DecayedSums[] buckets = new DecayedSums[12 * 3 * 5];
    private readonly double[] norms = [4.4, 4.1, 2.6];
    private const double GrandMean = 4.2;
    private readonly int[] criteria = [4, 5, 4, 3];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        for (var i = 0; i < buckets.Length; i++)
        {
            var s = new DecayedSums();
            for (var j = 0; j < 20; j++)
            {
                var x = random.Next(1, 6);
                s = s.Add(x, DecayedSums.AnchoredWeight(random.NextDouble() * 30, 180), x >= 4);
            }
            buckets[i] = s;
        }
    }

    [Benchmark(Description = "add one rating to its bucket (5 criteria)")]
    public DecayedSums AddRating()
    {
        var w = DecayedSums.AnchoredWeight(17.25, 180);
        var overall = (criteria[0] + criteria[1] + criteria[2] + criteria[3]) / 4.0;
        var b = buckets[0].Add(overall, w, overall >= 4);
        for (var c = 0; c < 4; c++) b = b.Add(criteria[c], w, criteria[c] >= 4);
        return b;
    }

    [Benchmark(Description = "re-score one employee from 12 months x 3 kinds x 5 criteria")]
    public double RescoreEmployee()
    {
        var total = 0.0;
        var options = new EmpiricalBayesOptions { PeerMean = GrandMean, BetweenGroupVariance = 0.04, MinimumBetweenGroupVariance = 0.0025 };
        for (var criterion = 0; criterion < 5; criterion++)
        {
            var adjusted = new DecayedSums();
            for (var month = 0; month < 12; month++)
            {
                var factor = DecayedSums.FactorToAsOf((11 - month) * 30.4 + 12, 180);
                for (var kind = 0; kind < 3; kind++)
                    adjusted = adjusted.Plus(buckets[((month * 3) + kind) * 5 + criterion].Scale(factor).Shift(norms[kind] - GrandMean));
            }
            var fit = EmpiricalBayes.Shrink([GroupSummary.FromMoments(adjusted.ToMoments()), new GroupSummary(GrandMean, 400, 0.9)], options);
            total += fit.Estimates[0].Estimate;
        }
        return total;
    }
}
