using Senim.Statistics;

namespace Senim.Statistics.Tests;

public class RakingTests
{
    private static Dictionary<string, double> Margin(params (string Label, double Total)[] totals) =>
        totals.ToDictionary(t => t.Label, t => t.Total, StringComparer.Ordinal);

    [Fact]
    public void WeightsMatchAFixedExampleRakedByRSurvey()
    {
        // Twelve responses raked to age (young 300, middle 450, old 250) and sex (F 520, M 480).
        // Expected weights from R 4.2.2 Patched (2022-11-10 r83330), survey 4.1.1 (Debian r-cran-survey 4.1-1-1):
        // rake(svydesign(ids = ~1, data = d, weights = ~w), list(~age, ~sex), list(age, sex),
        //      control = list(maxit = 1000, epsilon = 1e-9)), script tests/Senim.Statistics.Tests/R/rake.R.
        string[] age = ["young", "young", "young", "middle", "middle", "middle", "middle", "old", "old", "old", "old", "young"];
        string[] sex = ["F", "F", "M", "F", "M", "M", "M", "F", "F", "F", "M", "M"];
        double[] expected =
        [
            87.481733670566598, 87.481733670566598, 62.518266329569087, 143.13291318433804, 102.2890289381205,
            102.2890289381205, 102.2890289381205, 67.301206491509589, 67.301206491509589, 67.301206491509589,
            48.096380526500283, 62.518266329569087,
        ];
        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", age, Margin(("young", 300), ("middle", 450), ("old", 250))),
            RakingVariable.FromLabels("sex", sex, Margin(("F", 520), ("M", 480))),
        ]);

        Assert.True(result.Succeeded);
        Assert.True(result.Converged);
        Assert.Equal(6, result.Cells);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], result.Weights[i], 1e-6);
        }

        Assert.Equal(1000, result.SumOfWeights, 1e-7);
    }

    [Fact]
    public void OneResponsePerCellIsRakedToTheProductOfTheMargins()
    {
        // Cells (A,F), (A,M), (B,F), (B,M), one response each; age A 60, B 40; sex F 50, M 50.
        // The sample is balanced, so the fit is N p_age p_sex: 30, 30, 20, 20 (one sweep suffices).
        // Kish deff = n Σw² / (Σw)² = 4 × (900 + 900 + 400 + 400) / 100² = 1.04; n_eff = 10000 / 2600 = 3.846.
        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", ["A", "A", "B", "B"], Margin(("A", 60), ("B", 40))),
            RakingVariable.FromLabels("sex", ["F", "M", "F", "M"], Margin(("F", 50), ("M", 50))),
        ]);
        Assert.Equal([30.0, 30, 20, 20], result.Weights.Select(w => Math.Round(w, 9)));
        Assert.Equal(1.04, result.DesignEffect, 1e-12);
        Assert.Equal(10000.0 / 2600.0, result.EffectiveSampleSize, 1e-12);
        Assert.Equal(1, result.Iterations);
    }

    [Fact]
    public void RakedWeightsReproduceEveryMarginAndShareAWeightWithinACell()
    {
        var random = new Random(314);
        for (int trial = 0; trial < 30; trial++)
        {
            var (variables, _) = RakingData.Generate(random, responses: random.Next(200, 3000), districts: random.Next(1, 8));
            var result = Raking.Rake(variables);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
            foreach (var v in variables)
            {
                var codes = v.Codes.Span;
                var totals = new double[v.Categories.Count];
                for (int i = 0; i < codes.Length; i++)
                {
                    totals[codes[i]] += result.Weights[i];
                }

                for (int k = 0; k < totals.Length; k++)
                {
                    double target = v.PopulationTotals[v.Categories[k]];
                    Assert.Equal(target, totals[k], 1e-9 * target);
                }
            }

            var byCell = new Dictionary<(int, int, int), double>();
            for (int i = 0; i < result.Weights.Length; i++)
            {
                var key = (variables[0].Codes.Span[i], variables[1].Codes.Span[i], variables[2].Codes.Span[i]);
                if (byCell.TryGetValue(key, out double w))
                {
                    Assert.Equal(w, result.Weights[i]);
                }
                else
                {
                    byCell[key] = result.Weights[i];
                }
            }

            Assert.Equal(byCell.Count, result.Cells);
        }
    }

    [Fact]
    public void DesignWeightsAreCarriedThroughInProportion()
    {
        // Within one cell, raking multiplies every design weight by the same factor.
        double[] design = [1, 3, 1, 2, 1, 1];
        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", ["A", "A", "A", "B", "B", "B"], Margin(("A", 55), ("B", 45))),
            RakingVariable.FromLabels("sex", ["F", "F", "M", "F", "M", "M"], Margin(("F", 48), ("M", 52))),
        ], design);
        Assert.True(result.Succeeded);
        Assert.Equal(3.0, result.Weights[1] / result.Weights[0], 1e-12);
        Assert.Equal(result.Weights[4], result.Weights[5]);
        Assert.Equal(100, result.SumOfWeights, 1e-8);
    }

    [Fact]
    public void MarginsGivenAsSharesAreScaledToThePopulationTotal()
    {
        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", ["A", "A", "B", "B"], Margin(("A", 0.6), ("B", 0.4))),
            RakingVariable.FromLabels("sex", ["F", "M", "F", "M"], Margin(("F", 50), ("M", 50))),
        ], options: new RakingOptions { PopulationTotal = 1000 });
        Assert.Equal([300.0, 300, 200, 200], result.Weights.Select(w => Math.Round(w, 8)));
    }

    [Fact]
    public void TrimmingCapsWeightsAndReRakesUntilBothHold()
    {
        // District D000 and the youngest band answer rarely, so their combination gets the largest weights.
        var random = new Random(55);
        var (variables, _) = RakingData.Generate(random, responses: 6000, districts: 4, skewed: true);
        var untrimmed = Raking.Rake(variables);
        double mean = untrimmed.SumOfWeights / 6000;
        double largest = untrimmed.Weights.Max() / mean;
        double ratio = 0.7 * largest;
        Assert.True(ratio > 2, $"the generated data should need trimming (largest ratio {largest})");

        var trimmed = Raking.Rake(variables, options: new RakingOptions { MaximumWeightRatio = ratio });
        Assert.True(trimmed.Succeeded, string.Join("; ", trimmed.Errors.Select(e => e.Message)));
        Assert.True(trimmed.TrimmingRounds > 0);
        Assert.True(trimmed.TrimmedResponses > 0);
        Assert.True(trimmed.Weights.Max() <= ratio * mean * (1 + 1e-9));
        Assert.True(trimmed.MaximumRelativeMarginError <= 1e-10);
        Assert.True(trimmed.DesignEffect < untrimmed.DesignEffect);
        Assert.Equal(untrimmed.SumOfWeights, trimmed.SumOfWeights, 1e-9 * untrimmed.SumOfWeights);
    }

    [Fact]
    public void AnImpossibleTrimmingCapIsReportedNotThrown()
    {
        // Age A has population 60 but two responses among ten: their weights must average 30 against a mean of 10,
        // so a cap of 1.5 × the mean can never hold together with the margin.
        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", ["A", "A", "B", "B", "B", "B", "B", "B", "B", "B"], Margin(("A", 60), ("B", 40))),
            RakingVariable.FromLabels("sex", ["F", "M", "F", "M", "F", "M", "F", "M", "F", "M"], Margin(("F", 50), ("M", 50))),
        ], options: new RakingOptions { MaximumWeightRatio = 1.5, MaximumTrimmingRounds = 20 });
        Assert.False(result.Converged);
        Assert.Equal(RakingErrorKind.TrimmingNotConverged, Assert.Single(result.Errors).Kind);
        Assert.Equal(10, result.Weights.Length);
    }

    [Fact]
    public void AResponseCategoryMissingFromTheMarginsIsATypedError()
    {
        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", ["A", "B", "C"], Margin(("A", 50), ("B", 50))),
            RakingVariable.FromLabels("sex", ["F", "M", "F"], Margin(("F", 50), ("M", 50))),
        ]);
        var error = Assert.Single(result.Errors);
        Assert.Equal(RakingErrorKind.CategoryMissingFromMargins, error.Kind);
        Assert.Equal("age", error.Variable);
        Assert.Equal("C", error.Category);
        Assert.Empty(result.Weights);
        Assert.False(result.Converged);
    }

    [Fact]
    public void AMarginCategoryWithZeroPopulationButResponsesIsATypedError()
    {
        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", ["A", "B", "C"], Margin(("A", 50), ("B", 50), ("C", 0))),
            RakingVariable.FromLabels("sex", ["F", "M", "F"], Margin(("F", 50), ("M", 50))),
        ]);
        var error = Assert.Single(result.Errors);
        Assert.Equal(RakingErrorKind.ZeroPopulationWithResponses, error.Kind);
        Assert.Equal(("age", "C"), (error.Variable, error.Category));
    }

    [Fact]
    public void AMarginCategoryWithPopulationButNoResponsesCannotBeFitted()
    {
        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", ["A", "B", "B"], Margin(("A", 40), ("B", 40), ("C", 20))),
            RakingVariable.FromLabels("sex", ["F", "M", "F"], Margin(("F", 50), ("M", 50))),
        ]);
        var error = Assert.Single(result.Errors);
        Assert.Equal(RakingErrorKind.PopulationWithoutResponses, error.Kind);
        Assert.Equal(("age", "C"), (error.Variable, error.Category));
        Assert.Contains("'C'", error.Message, StringComparison.Ordinal);

        // Responses that all carry design weight 0 cannot be fitted either.
        var zeroWeight = Raking.Rake(
        [
            RakingVariable.FromLabels("age", ["A", "B", "B"], Margin(("A", 50), ("B", 50))),
            RakingVariable.FromLabels("sex", ["F", "M", "F"], Margin(("F", 50), ("M", 50))),
        ], new double[] { 0, 1, 1 });
        Assert.Equal(RakingErrorKind.PopulationWithoutResponses, Assert.Single(zeroWeight.Errors).Kind);
    }

    [Fact]
    public void EmptyInputIsATypedError()
    {
        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", [], Margin(("A", 50))),
            RakingVariable.FromLabels("sex", [], Margin(("F", 50))),
        ]);
        Assert.Equal(RakingErrorKind.EmptyInput, Assert.Single(result.Errors).Kind);
        Assert.Empty(result.Weights);
    }

    [Fact]
    public void MarginsWithDifferentTotalsAreATypedError()
    {
        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", ["A", "B"], Margin(("A", 50), ("B", 50))),
            RakingVariable.FromLabels("sex", ["F", "M"], Margin(("F", 50), ("M", 60))),
        ]);
        var error = Assert.Single(result.Errors);
        Assert.Equal(RakingErrorKind.InconsistentMarginTotals, error.Kind);
        Assert.Equal("sex", error.Variable);
    }

    [Fact]
    public void MarginsThatTheSampleCannotReachDoNotConverge()
    {
        // Only young women and old men responded, so the age margin forces the women's total to 60 while the sex
        // margin forces it to 50: raking oscillates and never converges.
        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", ["young", "old"], Margin(("young", 60), ("old", 40))),
            RakingVariable.FromLabels("sex", ["F", "M"], Margin(("F", 50), ("M", 50))),
        ], options: new RakingOptions { MaximumIterations = 50 });
        Assert.False(result.Converged);
        Assert.Equal(RakingErrorKind.NotConverged, Assert.Single(result.Errors).Kind);
        Assert.Equal(50, result.Iterations);
        Assert.True(result.MaximumRelativeMarginError > 0.01);
    }

    [Fact]
    public void InvalidArgumentsThrow()
    {
        var age = RakingVariable.FromLabels("age", ["A", "B"], Margin(("A", 1), ("B", 1)));
        var shortSex = RakingVariable.FromLabels("sex", ["F"], Margin(("F", 2)));
        Assert.Throws<ArgumentException>(() => Raking.Rake([]));
        Assert.Throws<ArgumentException>(() => Raking.Rake([age, shortSex]));
        Assert.Throws<ArgumentException>(() => Raking.Rake([age], new double[] { 1, -1 }));
        Assert.Throws<ArgumentException>(() => Raking.Rake([age], new double[] { 1 }));
        Assert.Throws<ArgumentException>(() => Raking.Rake([age], options: new RakingOptions { MaximumWeightRatio = 1 }));
        Assert.Throws<ArgumentException>(() => RakingVariable.FromCodes("x", new[] { 2 }, ["a", "b"], Margin(("a", 1))));
        Assert.Throws<ArgumentException>(() => RakingVariable.FromLabels("x", ["a"], Margin(("a", -1))));
    }

    /// <summary>Speed is measured by bench/Senim.Benchmarks (RakingBenchmark), not here; this checks the result at scale.</summary>
    [Fact]
    public void AMillionResponsesAcrossTwoHundredDistrictsAreRakedToEveryMargin()
    {
        var (variables, _) = RakingData.Generate(new Random(1), responses: 1_000_000, districts: 200);
        var result = Raking.Rake(variables);
        Assert.True(result.Succeeded);
        Assert.Equal(1_000_000, result.Weights.Length);
        Assert.Equal(2400, result.Cells);
        Assert.True(result.MaximumRelativeMarginError < 1e-9);
    }
}

/// <summary>Seeded survey data: district × age band (6) × sex (2), with unequal response rates per cell.</summary>
internal static class RakingData
{
    public static readonly string[] AgeBands = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"];
    public static readonly string[] Sexes = ["F", "M"];

    public static (RakingVariable[] Variables, int[][] Codes) Generate(Random random, int responses, int districts, bool skewed = false)
    {
        // Integer population per cell, so every margin sums to exactly the same total.
        var population = new double[districts, AgeBands.Length, Sexes.Length];
        var responseShare = new double[districts * AgeBands.Length * Sexes.Length];
        int cell = 0;
        for (int d = 0; d < districts; d++)
        {
            for (int a = 0; a < AgeBands.Length; a++)
            {
                for (int s = 0; s < Sexes.Length; s++)
                {
                    population[d, a, s] = random.Next(500, 20_000);
                    double rate = 0.2 + random.NextDouble() + (a * 0.15); // older people answer more
                    if (skewed)
                    {
                        rate *= (d == 0 ? 0.2 : 1.0) * (a == 0 ? 0.3 : 1.0);
                    }

                    responseShare[cell++] = population[d, a, s] * rate;
                }
            }
        }

        var cumulative = new double[responseShare.Length];
        double running = 0;
        for (int i = 0; i < responseShare.Length; i++)
        {
            running += responseShare[i];
            cumulative[i] = running;
        }

        var district = new int[responses];
        var age = new int[responses];
        var sex = new int[responses];
        for (int i = 0; i < responses; i++)
        {
            // Make sure every cell appears at least once, then sample proportionally.
            int c = i < cumulative.Length ? i : Array.BinarySearch(cumulative, random.NextDouble() * running);
            if (c < 0)
            {
                c = ~c;
            }

            district[i] = c / (AgeBands.Length * Sexes.Length);
            age[i] = c / Sexes.Length % AgeBands.Length;
            sex[i] = c % Sexes.Length;
        }

        var districtNames = Enumerable.Range(0, districts).Select(d => $"D{d:000}").ToArray();
        var districtTotals = new Dictionary<string, double>(StringComparer.Ordinal);
        var ageTotals = new Dictionary<string, double>(StringComparer.Ordinal);
        var sexTotals = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int d = 0; d < districts; d++)
        {
            for (int a = 0; a < AgeBands.Length; a++)
            {
                for (int s = 0; s < Sexes.Length; s++)
                {
                    double p = population[d, a, s];
                    districtTotals[districtNames[d]] = districtTotals.GetValueOrDefault(districtNames[d]) + p;
                    ageTotals[AgeBands[a]] = ageTotals.GetValueOrDefault(AgeBands[a]) + p;
                    sexTotals[Sexes[s]] = sexTotals.GetValueOrDefault(Sexes[s]) + p;
                }
            }
        }

        return (
        [
            RakingVariable.FromCodes("district", district, districtNames, districtTotals),
            RakingVariable.FromCodes("age", age, AgeBands, ageTotals),
            RakingVariable.FromCodes("sex", sex, Sexes, sexTotals),
        ], [district, age, sex]);
    }
}
