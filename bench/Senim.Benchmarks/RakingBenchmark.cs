using BenchmarkDotNet.Attributes;
using Senim.Statistics;

namespace Senim.Benchmarks;

/// <summary>Raking one million survey responses across 200 districts × 6 age bands × 2 sexes.</summary>
[MemoryDiagnoser]
public class RakingBenchmark
{
    private const int Responses = 1_000_000;
    private const int Districts = 200;
    private static readonly string[] AgeBands = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"];
    private static readonly string[] Sexes = ["F", "M"];

    private RakingVariable[] variables = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        int cells = Districts * AgeBands.Length * Sexes.Length;
        var population = new double[cells];
        var cumulative = new double[cells];
        double running = 0;
        for (int c = 0; c < cells; c++)
        {
            population[c] = random.Next(500, 20_000);
            int age = c / Sexes.Length % AgeBands.Length;
            running += population[c] * (0.2 + random.NextDouble() + (0.15 * age)); // unequal response rates
            cumulative[c] = running;
        }

        var district = new int[Responses];
        var ageCode = new int[Responses];
        var sexCode = new int[Responses];
        for (int i = 0; i < Responses; i++)
        {
            int c = i < cells ? i : Array.BinarySearch(cumulative, random.NextDouble() * running);
            if (c < 0)
            {
                c = ~c;
            }

            district[i] = c / (AgeBands.Length * Sexes.Length);
            ageCode[i] = c / Sexes.Length % AgeBands.Length;
            sexCode[i] = c % Sexes.Length;
        }

        var districtNames = Enumerable.Range(0, Districts).Select(d => $"D{d:000}").ToArray();
        var districtTotals = new Dictionary<string, double>(StringComparer.Ordinal);
        var ageTotals = new Dictionary<string, double>(StringComparer.Ordinal);
        var sexTotals = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int c = 0; c < cells; c++)
        {
            string d = districtNames[c / (AgeBands.Length * Sexes.Length)];
            string a = AgeBands[c / Sexes.Length % AgeBands.Length];
            string s = Sexes[c % Sexes.Length];
            districtTotals[d] = districtTotals.GetValueOrDefault(d) + population[c];
            ageTotals[a] = ageTotals.GetValueOrDefault(a) + population[c];
            sexTotals[s] = sexTotals.GetValueOrDefault(s) + population[c];
        }

        variables =
        [
            RakingVariable.FromCodes("district", district, districtNames, districtTotals),
            RakingVariable.FromCodes("age", ageCode, AgeBands, ageTotals),
            RakingVariable.FromCodes("sex", sexCode, Sexes, sexTotals),
        ];
    }

    [Benchmark]
    public RakingResult RakeOneMillionResponses()
    {
        var result = Raking.Rake(variables);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Errors[0].Message);
        }

        return result;
    }
}

/// <summary>One O(1) update of the incremental weighted accumulator (adding or removing one rating).</summary>
public class AccumulatorBenchmark
{
    private WeightedAccumulator filled;
    private double value = 3.7;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        for (int i = 0; i < 10_000; i++)
        {
            filled = filled.Add(1 + (4 * random.NextDouble()), random.NextDouble());
        }
    }

    [Benchmark]
    public WeightedAccumulator AddOneRating()
    {
        value += 1e-9; // defeat constant folding
        return filled.Add(value, 0.8);
    }

    [Benchmark]
    public WeightedAccumulator RemoveOneRating()
    {
        value += 1e-9;
        return filled.Remove(value, 0.8);
    }
}
