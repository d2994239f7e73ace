using Senim.Web.Features.Operations;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Tests.Surveys;

public sealed class WeightsFileTests
{
    private const string Margins = """
        district,variable,category,population
        d1,age_band,18-34,60
        d1,age_band,35+,40
        d1,sex,F,50
        d1,sex,M,50
        d2,age_band,18-34,10
        d2,age_band,35+,10
        d2,sex,F,10
        d2,sex,M,10
        """;

    [Fact]
    public void ADistrictIsRakedToItsMarginsAndAProblemDistrictIsNamed()
    {
        // d1: one response per cell. The age step gives 18-34 rows 60/2 = 30 and 35+ rows 40/2 = 20; the sex totals are
        // then already 30 + 20 = 50 each, so raking stops there (worked by hand).
        // d2: a response in age band "65+", which the margins do not have.
        var responses = """
            id,district,age_band,sex,extra
            1,d1,18-34,F,x
            2,d1,18-34,M,x
            3,d1,35+,F,x
            4,d1,35+,M,x
            5,d2,65+,F,x
            6,d2,18-34,M,x
            """;
        var (rows, rowErrors) = WeightsFile.ReadResponses(new StringReader(responses));
        var (margins, marginErrors) = WeightsFile.ReadMargins(new StringReader(Margins));
        Assert.Empty(rowErrors);
        Assert.Empty(marginErrors);
        var (weights, report) = WeightsFile.Rake(rows, margins, maximumWeightRatio: null);
        Assert.Equal(30, weights["1"], 9);
        Assert.Equal(30, weights["2"], 9);
        Assert.Equal(20, weights["3"], 9);
        Assert.Equal(20, weights["4"], 9);
        // Kish: deff = n Σw² / (Σw)² = 4 · (2·900 + 2·400) / 100² = 1.04.
        Assert.Equal(1.04, report.Single(r => r.District == "d1").DesignEffect, 9);
        var d2 = report.Single(r => r.District == "d2");
        Assert.False(d2.Succeeded);
        Assert.Contains(d2.Errors, e => e.Contains("d2", StringComparison.Ordinal) && e.Contains("65+", StringComparison.Ordinal));
        Assert.False(weights.ContainsKey("5"));
    }

    [Fact]
    public void BadLinesAreReportedWithTheirNumbers()
    {
        var (_, rowErrors) = WeightsFile.ReadResponses(new StringReader("id,district,age_band,sex\n1,d1,18-34,F\n1,d1,35+,M\n2,,35+,M\n"));
        Assert.Equal(["line 3: id \"1\" appears twice", "line 4: id, district, age_band and sex must all be filled"], rowErrors);
        var (_, marginErrors) = WeightsFile.ReadMargins(new StringReader("district,variable,category,population\nd1,income,high,5\nd1,sex,F,-3\n"));
        Assert.Equal(2, marginErrors.Count);
        Assert.StartsWith("line 2:", marginErrors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3:", marginErrors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandWritesAWeightsFile()
    {
        var dir = Directory.CreateTempSubdirectory("senim-weights-");
        try
        {
            var r = Path.Combine(dir.FullName, "R.csv");
            var m = Path.Combine(dir.FullName, "M.csv");
            var w = Path.Combine(dir.FullName, "W.csv");
            await File.WriteAllTextAsync(r, "id,district,age_band,sex\n1,d1,18-34,F\n2,d1,18-34,M\n3,d1,35+,F\n4,d1,35+,M\n");
            await File.WriteAllTextAsync(m, Margins);
            var exit = await SenimCommandLine.RunAsync(["surveys", "weights", "--responses", r, "--margins", m, "--out", w]);
            Assert.Equal(0, exit);
            var lines = await File.ReadAllLinesAsync(w);
            Assert.Equal(["id,district,weight", "1,d1,30", "2,d1,30", "3,d1,20", "4,d1,20"], lines);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
