using System.Diagnostics;
using System.Globalization;
using System.Text;
using Senim.Statistics;

namespace Senim.Statistics.Tests;

/// <summary>
/// Compares raking with R's survey::rake on seeded data. Needs Rscript with the survey package (Debian:
/// r-base-core and r-cran-survey; scripts/test.sh installs them). Without Rscript these tests fail, by design.
/// </summary>
public class RakingMatchesRSurveyTests
{
    [Fact]
    public void UnitWeightsMatchRSurveyRakeWithinOneMillionth() => CompareWithR(seed: 2026, withDesignWeights: false);

    [Fact]
    public void DesignWeightsMatchRSurveyRakeWithinOneMillionth() => CompareWithR(seed: 1940, withDesignWeights: true);

    private static void CompareWithR(int seed, bool withDesignWeights)
    {
        string rscript = FindRscript() ?? throw new Xunit.Sdk.XunitException(
            "Rscript is not on PATH. Install R and the survey package (apt-get install r-base-core r-cran-survey) to run the comparison with survey::rake.");

        // 2,000 responses, 6 age bands × 2 sexes, unequal response rates per cell.
        var random = new Random(seed);
        string[] ages = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"];
        string[] sexes = ["F", "M"];
        double[] ageRate = [0.04, 0.07, 0.10, 0.16, 0.25, 0.38];
        double[] ageTotals = [120_000, 180_000, 170_000, 150_000, 130_000, 110_000];
        double[] sexTotals = [450_000, 410_000];
        int n = 2000;
        var age = new string[n];
        var sex = new string[n];
        var design = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble();
            int a = 0;
            for (double acc = ageRate[0]; u > acc && a < ages.Length - 1; acc += ageRate[++a])
            {
            }

            age[i] = ages[a];
            sex[i] = random.NextDouble() < 0.3 + (0.05 * a) ? "F" : "M";
            design[i] = withDesignWeights ? new[] { 1.0, 2.0, 3.5 }[random.Next(3)] : 1.0;
        }

        var result = Raking.Rake(
        [
            RakingVariable.FromLabels("age", age, ages.Zip(ageTotals).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)),
            RakingVariable.FromLabels("sex", sex, sexes.Zip(sexTotals).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)),
        ], design);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));

        string directory = Directory.CreateTempSubdirectory("senim-rake-").FullName;
        try
        {
            var responses = new StringBuilder("age,sex,w\n");
            for (int i = 0; i < n; i++)
            {
                responses.Append(CultureInfo.InvariantCulture, $"{age[i]},{sex[i]},{design[i].ToString("R", CultureInfo.InvariantCulture)}\n");
            }

            File.WriteAllText(Path.Combine(directory, "responses.csv"), responses.ToString());
            File.WriteAllText(Path.Combine(directory, "age.csv"), "age,Freq\n" + string.Concat(ages.Zip(ageTotals).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.First},{p.Second}\n"))));
            File.WriteAllText(Path.Combine(directory, "sex.csv"), "sex,Freq\n" + string.Concat(sexes.Zip(sexTotals).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.First},{p.Second}\n"))));

            var start = new ProcessStartInfo(rscript)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "R", "rake.R"));
            start.ArgumentList.Add("responses.csv");
            start.ArgumentList.Add("age.csv");
            start.ArgumentList.Add("sex.csv");
            start.ArgumentList.Add("weights.txt");
            using var process = Process.Start(start)!;
            string stderr = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "Rscript did not finish within two minutes.");
            Assert.True(process.ExitCode == 0, $"Rscript failed (is r-cran-survey installed?): {stderr}");

            var r = File.ReadAllLines(Path.Combine(directory, "weights.txt")).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(n, r.Length);
            double worst = 0;
            for (int i = 0; i < n; i++)
            {
                worst = Math.Max(worst, Math.Abs(result.Weights[i] - r[i]));
            }

            Assert.True(worst <= 1e-6, $"max |w_senim − w_R| = {worst}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string? FindRscript()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(directory, "Rscript");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
