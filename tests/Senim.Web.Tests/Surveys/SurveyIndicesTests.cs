using Senim.Web.Features.Surveys;

namespace Senim.Web.Tests.Surveys;

/// <summary>The indices service's pure core against hand-worked values; the period and theme rules.</summary>
public class SurveyIndicesTests
{
    private static Dictionary<string, Dictionary<string, double>> Margins(double young, double female, double male) => new()
    {
        ["age_band"] = SurveyCategories.AgeBands.ToDictionary(b => b, b => b == "18-24" ? young : 0.0),
        ["sex"] = new() { ["F"] = female, ["M"] = male },
    };

    [Fact]
    public void RakedIndicesMatchTheHandCalculation()
    {
        // Population: 50 women, 50 men. Respondents: two women (safety 80, 60) and one man (40): raking gives the
        // women 25 each and the man 50. Safety = (25·80 + 25·60 + 50·40) / 100 = 55. Σw(x − 55)² = 27500,
        // Σw² = 3750, s² = 27500 / (100 − 37.5) = 440, n_eff = 100² / 3750 = 2.667, SE = √(440 / 2.667) = √165.
        // Trust (70, 50, 90) = (1750 + 1250 + 4500) / 100 = 75 with the same SE.
        var p = SurveyPeriod.Month(2030, 1);
        var r = SurveyIndices.Compute(p, ["18-24", "18-24", "18-24"], ["F", "F", "M"], [80, 60, 40], [70, 50, 90], Margins(100, 50, 50), 2, null);
        Assert.Equal(55, r.Safety.Estimate, 9);
        Assert.Equal(75, r.Trust.Estimate, 9);
        Assert.Equal(Math.Sqrt(165), r.Safety.StandardError, 9);
        Assert.Equal(8.0 / 3.0, r.Safety.NEff, 9);
        Assert.Equal(55 - (1.959963984540054 * Math.Sqrt(165)), r.Safety.Lower, 6);
        Assert.Equal(100, r.Trust.Upper);
        Assert.Equal(3, r.Safety.N);
        Assert.False(r.Safety.Suppressed);

        var suppressed = SurveyIndices.Compute(p, ["18-24", "18-24", "18-24"], ["F", "F", "M"], [80, 60, 40], [70, 50, 90], Margins(100, 50, 50), 100, null);
        Assert.True(suppressed.Safety.Suppressed);
        Assert.Equal("Survey.NotEnough", suppressed.Safety.ReasonKey);
    }

    [Fact]
    public void WithoutMarginsNothingIsEstimated()
    {
        var r = SurveyIndices.Compute(SurveyPeriod.Month(2030, 1), ["18-24"], ["F"], [50], [50], null, 2, null);
        Assert.True(r.Safety.Suppressed);
        Assert.Equal("Survey.NoMargins", r.Safety.ReasonKey);
    }

    [Fact]
    public void AnEmptyAgeBandIsMergedWithItsNeighbourAndNoted()
    {
        var margins = new Dictionary<string, Dictionary<string, double>>
        {
            ["age_band"] = new() { ["18-24"] = 10, ["25-34"] = 20, ["35-44"] = 20, ["45-54"] = 20, ["55-64"] = 20, ["65+"] = 10 },
            ["sex"] = new() { ["F"] = 50, ["M"] = 50 },
        };
        string[] ages = ["18-24", "25-34", "35-44", "45-54", "55-64", "18-24", "25-34", "35-44"];
        string[] sexes = ["F", "M", "F", "M", "F", "M", "F", "M"];
        double?[] v = [50, 60, 70, 80, 90, 50, 60, 70];
        var r = SurveyIndices.Compute(SurveyPeriod.Month(2030, 1), ages, sexes, v, v, margins, 2, null);
        Assert.False(r.Safety.Suppressed, r.Safety.ReasonKey);
        Assert.Contains(r.Notes, n => n.Key == "Survey.NoteAgeCollapsed" && (string)n.Args[0] == "65+" && (string)n.Args[1] == "55-64");
    }

    [Theory]
    [InlineData("2026-10", "2026-10-01", "2026-10-31", "2026-09")]
    [InlineData("2026-Q1", "2026-01-01", "2026-03-31", "2025-Q4")]
    [InlineData("2026-q3", "2026-07-01", "2026-09-30", "2026-Q2")]
    public void PeriodsParseAndStepBack(string text, string start, string end, string previous)
    {
        var p = SurveyPeriod.Parse(text, new DateOnly(2026, 11, 25))!;
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), p.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), p.End);
        Assert.Equal(previous, p.Previous().Code);
    }

    [Fact]
    public void RollingTwelveMonthsEndsWithTheCurrentMonth()
    {
        var p = SurveyPeriod.Parse("rolling12", new DateOnly(2026, 11, 25))!;
        Assert.Equal(new DateOnly(2025, 12, 1), p.Start);
        Assert.Equal(new DateOnly(2026, 11, 30), p.End);
        Assert.Null(SurveyPeriod.Parse("2026-13", new DateOnly(2026, 11, 25)));
        Assert.Null(SurveyPeriod.Parse("last year", new DateOnly(2026, 11, 25)));
    }

    [Fact]
    public void ThemesMatchWordBeginningsInEveryLanguage()
    {
        var c = new ThemeClassifier(StandardInstrument.Themes);
        Assert.Equal(["lighting"], c.Classify("Во дворах нет освещения, ТЕМНО"));
        Assert.Equal(["alcohol"], c.Classify("Аулада мас адамдар жиналады"));
        Assert.Contains("youth", c.Classify("Подростки собираются, драки"));
        Assert.Contains("hooliganism", c.Classify("Подростки собираются, драки"));
        Assert.Equal(["dogs"], c.Classify("Stray dogs in the park"));
        Assert.Equal([ThemeClassifier.Other], c.Classify("Всё хорошо"));
        // A keyword matches the beginning of a word only: "ит" (dog) is not found inside "шит".
        Assert.DoesNotContain("dogs", c.Classify("шитьё"));
    }
}
