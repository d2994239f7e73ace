using Senim.Web.Features.Attestation;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Tests.Attestation;

public sealed class NormsTests
{
    private static readonly List<Norm> Table = [.. Norms.Defaults(Guid.NewGuid())];

    [Fact]
    public void TimesPassAtOrBelowTheNormAndCountsAtOrAbove()
    {
        // Men 30–34: 3 km ≤ 810 s (13:30), 100 m ≤ 14.8 s, pull-ups ≥ 9, firearms ≥ 30.
        var exactly = Norms.Evaluate(Table, Sex.Male, 32, 810, 14.8, 9, 30);
        Assert.True(exactly.Passed);
        Assert.All(exactly.Exercises, e => Assert.True(e.Passed));

        var slow = Norms.Evaluate(Table, Sex.Male, 32, 810.5, 14.8, 9, 30);
        Assert.False(slow.Passed);
        Assert.False(slow.Exercises.Single(e => e.Exercise == Exercise.Run3Km).Passed);
        Assert.True(slow.Exercises.Single(e => e.Exercise == Exercise.PullUps).Passed);

        var weak = Norms.Evaluate(Table, Sex.Male, 32, 700, 13.9, 8, 45);
        Assert.False(weak.Passed);
        var pullUps = weak.Exercises.Single(e => e.Exercise == Exercise.PullUps);
        Assert.Equal((9.0, false, 30, 34), (pullUps.Threshold!.Value, pullUps.LowerIsBetter, pullUps.AgeFrom!.Value, pullUps.AgeTo!.Value));
    }

    [Fact]
    public void TheAgeBandAndSexChooseTheNorm()
    {
        // 13:40 (820 s) fails at 34 (norm 13:30) and passes at 35 (norm 14:00).
        Assert.False(Norms.Evaluate(Table, Sex.Male, 34, 820, 14, 12, 40).Passed);
        Assert.True(Norms.Evaluate(Table, Sex.Male, 35, 820, 14, 12, 40).Passed);
        // Women have no pull-up norm in the default table: not required, the rest decides.
        var woman = Norms.Evaluate(Table, Sex.Female, 28, 1000, 17.0, null, 31);
        Assert.True(woman.Passed);
        Assert.Null(woman.Exercises.Single(e => e.Exercise == Exercise.PullUps).Passed);
        // A required exercise without a result fails the stage and the evaluation says it is incomplete.
        var missing = Norms.Evaluate(Table, Sex.Male, 25, 700, null, 15, 45);
        Assert.False(missing.Passed);
        Assert.False(missing.Complete);
    }

    [Theory]
    [InlineData(1990, 6, 15, 2026, 6, 14, 35)]
    [InlineData(1990, 6, 15, 2026, 6, 15, 36)]
    // Born on 29 February: in a common year the birthday is the last day of February (a term ending on a date the
    // month lacks ends on the month's last day, as the civil code counts periods).
    [InlineData(1992, 2, 29, 2026, 2, 27, 33)]
    [InlineData(1992, 2, 29, 2026, 2, 28, 34)]
    public void AgeIsInFullYearsOnTheDay(int by, int bm, int bd, int y, int m, int d, int age) =>
        Assert.Equal(age, Norms.AgeOn(new DateOnly(by, bm, bd), new DateOnly(y, m, d)));

    [Theory]
    [InlineData("12:35", 755.0)]
    [InlineData("12:35.5", 755.5)]
    [InlineData("14.2", 14.2)]
    [InlineData("14,2", 14.2)]
    [InlineData(" 9:05 ", 545.0)]
    public void TimesAreReadAsMinutesAndSecondsOrSeconds(string text, double seconds)
    {
        Assert.True(Norms.TryParseTime(text, out var v));
        Assert.Equal(seconds, v!.Value, 6);
    }

    [Theory]
    [InlineData("12:75")]
    [InlineData("12:5")]
    [InlineData("abc")]
    [InlineData("-3")]
    [InlineData("0")]
    public void WrongTimesAreRefused(string text) => Assert.False(Norms.TryParseTime(text, out _));

    [Fact]
    public void FormattingRoundTrips()
    {
        Assert.Equal("13:30", Norms.Format(Exercise.Run3Km, 810));
        Assert.Equal("14.4", Norms.Format(Exercise.Run100M, 14.4));
        Assert.Equal("9", Norms.Format(Exercise.PullUps, 9));
        Assert.Equal("≤29", Norms.Band(0, 29));
        Assert.Equal("50+", Norms.Band(50, 150));
    }
}
