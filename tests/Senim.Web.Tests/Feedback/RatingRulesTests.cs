using Senim.Web.Features.Feedback;

namespace Senim.Web.Tests.Feedback;

/// <summary>The rating rules worked by hand, at each threshold and one below it. The options are not the defaults, so a
/// literal threshold left anywhere would show.</summary>
public sealed class RatingRulesTests
{
    private static readonly FeedbackOptions Options = new()
    {
        SameSourcePerDay = 3, BurstCount = 4, BurstWindowMinutes = 45, BurstLowAtMost = 7, BurstHighAtLeast = 18,
    };

    private static readonly RatingRules Rules = new(Options);
    private static readonly DateTime Now = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Ann = Guid.CreateVersion7(), Bob = Guid.CreateVersion7();

    private static RatingInput Scores(int courtesy, int competence, int timeliness, int resolved, string? comment = null) =>
        new(courtesy, competence, timeliness, resolved, 5, comment);

    private static readonly RatingInput Neutral = Scores(3, 3, 3, 3);

    private static RatingDecision Decide(RatingInput input, RecentRatings recent, string? network = null, string? phone = null, Guid[]? staff = null) =>
        Rules.Decide(input, network, phone, staff ?? [], [], recent);

    [Fact]
    public void TheThirdRatingOfANetworkInADayCountsAndTheFourthIsHeld()
    {
        // SameSourcePerDay = 3: two on record, this one is the third — not above the limit.
        var two = new RecentRatings { ByNetwork = { ["net-a"] = 2 } };
        var third = Decide(Neutral, two, network: "net-a");
        Assert.Equal((RatingStatus.Counted, null), (third.Status, third.HoldReason));
        Assert.Equal(3, two.ByNetwork["net-a"]);

        var three = new RecentRatings { ByNetwork = { ["net-a"] = 3 } };
        var fourth = Decide(Neutral, three, network: "net-a");
        Assert.Equal((RatingStatus.Held, "network"), (fourth.Status, fourth.HoldReason));
        Assert.Equal(4, three.ByNetwork["net-a"]);
    }

    [Fact]
    public void TheThirdRatingOfAPhoneInADayCountsAndTheFourthIsHeld()
    {
        Assert.Equal(RatingStatus.Counted, Decide(Neutral, new RecentRatings { ByPhone = { ["tel"] = 2 } }, phone: "tel").Status);
        var fourth = Decide(Neutral, new RecentRatings { ByPhone = { ["tel"] = 3 } }, phone: "tel");
        Assert.Equal((RatingStatus.Held, "phone"), (fourth.Status, fourth.HoldReason));
        // Another network's or phone's count is not this one's.
        var other = Decide(Neutral, new RecentRatings { ByPhone = { ["tel"] = 3 }, ByNetwork = { ["net-a"] = 3 } }, network: "net-b", phone: "tel-2");
        Assert.Equal(RatingStatus.Counted, other.Status);
    }

    [Fact]
    public void ABatchCountsItsOwnEarlierRatings()
    {
        // One network with two on record sends three in one batch: the first is the third of the day, the others above it.
        var recent = new RecentRatings { ByNetwork = { ["net-a"] = 2 } };
        var statuses = Enumerable.Range(0, 3).Select(_ => Decide(Neutral, recent, network: "net-a").Status).ToList();
        Assert.Equal([RatingStatus.Counted, RatingStatus.Held, RatingStatus.Held], statuses);
        // A source seen for the first time starts from nothing.
        var fresh = new RecentRatings();
        Assert.Equal([RatingStatus.Counted, RatingStatus.Counted, RatingStatus.Counted, RatingStatus.Held],
            Enumerable.Range(0, 4).Select(_ => Decide(Neutral, fresh, phone: "tel").Status).ToList());
    }

    [Theory]
    [InlineData(true, 2, RatingStatus.Counted, null)] // 2 on record + this one = 3 < BurstCount 4
    [InlineData(true, 3, RatingStatus.Held, "burst-low")] // 3 + this one = 4 = BurstCount
    [InlineData(true, 9, RatingStatus.Held, "burst-low")]
    [InlineData(false, 2, RatingStatus.Counted, null)]
    [InlineData(false, 3, RatingStatus.Held, "burst-high")]
    public void TheExtremeRatingThatMakesTheBurstCountIsHeld(bool low, int onRecord, RatingStatus status, string? reason)
    {
        var recent = new RecentRatings();
        var (counts, others) = low ? (recent.LowByEmployee, recent.HighByEmployee) : (recent.HighByEmployee, recent.LowByEmployee);
        counts[Ann] = onRecord;
        // Sum 7 = BurstLowAtMost, sum 18 = BurstHighAtLeast: the least extreme ratings of each kind.
        var d = Decide(low ? Scores(2, 2, 2, 1) : Scores(5, 5, 4, 4), recent, staff: [Ann]);
        Assert.Equal((status, reason), (d.Status, d.HoldReason));
        Assert.Equal(onRecord + 1, counts[Ann]);
        Assert.False(others.ContainsKey(Ann));
    }

    [Fact]
    public void OnlyExtremeRatingsMakeABurstAndEachKindCountsApart()
    {
        // Sum 8 is one above BurstLowAtMost, 17 one below BurstHighAtLeast: not extreme, never held for a burst.
        var recent = new RecentRatings { LowByEmployee = { [Ann] = 50 }, HighByEmployee = { [Ann] = 50 } };
        Assert.Equal(RatingStatus.Counted, Decide(Scores(2, 2, 2, 2), recent, staff: [Ann]).Status);
        Assert.Equal(RatingStatus.Counted, Decide(Scores(5, 4, 4, 4), recent, staff: [Ann]).Status);
        Assert.Equal((50, 50), (recent.LowByEmployee[Ann], recent.HighByEmployee[Ann]));
        Assert.True(Rules.IsExtreme(Scores(2, 2, 2, 1), low: true));
        Assert.False(Rules.IsExtreme(Scores(2, 2, 2, 2), low: true));
        Assert.True(Rules.IsExtreme(Scores(5, 5, 4, 4), low: false));
        Assert.False(Rules.IsExtreme(Scores(5, 4, 4, 4), low: false));

        // Three high ratings on record do not make a low one part of a burst.
        var high = new RecentRatings { HighByEmployee = { [Ann] = 3 } };
        Assert.Equal(RatingStatus.Counted, Decide(Scores(1, 1, 1, 1), high, staff: [Ann]).Status);
        // An interaction with no named staff has nobody to burst against.
        Assert.Equal(RatingStatus.Counted, Decide(Scores(1, 1, 1, 1), new RecentRatings(), staff: []).Status);
    }

    [Fact]
    public void TheBusiestOfTheInteractionsStaffDecidesAndEveryoneCountsTheRating()
    {
        var recent = new RecentRatings { LowByEmployee = { [Ann] = 3, [Bob] = 0 } };
        Assert.Equal("burst-low", Decide(Scores(1, 1, 1, 1), recent, staff: [Ann, Bob]).HoldReason);
        Assert.Equal((4, 1), (recent.LowByEmployee[Ann], recent.LowByEmployee[Bob]));
        var quiet = new RecentRatings { LowByEmployee = { [Ann] = 2, [Bob] = 1 } };
        Assert.Equal(RatingStatus.Counted, Decide(Scores(1, 1, 1, 1), quiet, staff: [Ann, Bob]).Status);
    }

    [Fact]
    public void EveryReasonIsRecordedRatingReasonsFirstAndProfanityHoldsOnlyTheComment()
    {
        var recent = new RecentRatings { ByNetwork = { ["net"] = 3 }, ByPhone = { ["tel"] = 3 }, LowByEmployee = { [Ann] = 3 } };
        var all = Rules.Decide(Scores(1, 1, 1, 1, "вы все суки"), "net", "tel", [Ann], [], recent);
        Assert.Equal(RatingStatus.Held, all.Status);
        Assert.Equal(CommentStatus.Held, all.CommentStatus);
        Assert.StartsWith("network,phone,burst-low,profanity", all.HoldReason, StringComparison.Ordinal);

        var rude = Decide(Scores(3, 3, 3, 3, "вы все суки"), new RecentRatings());
        Assert.Equal((RatingStatus.Counted, CommentStatus.Held), (rude.Status, rude.CommentStatus));
        Assert.StartsWith("profanity", rude.HoldReason, StringComparison.Ordinal);
    }

    [Fact]
    public void CommentsAreScreenedWithTheStaffsNames()
    {
        var d = Rules.Decide(Scores(4, 4, 4, 4, "Серік помог, звоните +7 701 765 43 21"), null, null, [Ann], ["Серік"], new RecentRatings());
        Assert.Equal(CommentStatus.Published, d.CommentStatus);
        Assert.DoesNotContain("Серік", d.Comment, StringComparison.Ordinal);
        Assert.DoesNotContain("765", d.Comment, StringComparison.Ordinal);
        Assert.Equal((CommentStatus.None, null), (Decide(Scores(4, 4, 4, 4, "   "), new RecentRatings()).CommentStatus, Decide(Neutral, new RecentRatings()).Comment));
    }

    [Fact]
    public void ACodeTakesARatingOnlyWhileUnusedAndUnexpiredAndOnceInABatch()
    {
        Interaction Code(DateTime expires, DateTime? used = null) => new() { Code = "X", RegisteredBy = "test", ExpiresAt = expires, UsedAt = used };
        Assert.Equal(SubmitResult.Unknown, RatingRules.CodeRefusal(null, repeated: false, Now));
        Assert.Null(RatingRules.CodeRefusal(Code(Now.AddSeconds(1)), repeated: false, Now));
        Assert.Equal(SubmitResult.Expired, RatingRules.CodeRefusal(Code(Now), repeated: false, Now)); // expiry is exclusive
        Assert.Equal(SubmitResult.AlreadyUsed, RatingRules.CodeRefusal(Code(Now.AddDays(1), used: Now.AddMinutes(-1)), repeated: false, Now));
        Assert.Equal(SubmitResult.AlreadyUsed, RatingRules.CodeRefusal(Code(Now.AddDays(1)), repeated: true, Now));
        Assert.Equal(SubmitResult.AlreadyUsed, RatingRules.CodeRefusal(Code(Now.AddDays(-1)), repeated: true, Now));
    }

    [Fact]
    public void StaffNeverRateTheirOwnInteraction()
    {
        Assert.True(RatingRules.IsOwnInteraction([Bob, Ann], Ann));
        Assert.False(RatingRules.IsOwnInteraction([Bob], Ann));
        Assert.False(RatingRules.IsOwnInteraction([Ann], null));
    }

    [Fact]
    public void ValidInputIsEveryCriterionOneToFiveTrustZeroToTenAndAShortComment()
    {
        Assert.Empty(RatingRules.Validate(new RatingInput(1, 5, 1, 5, 0, new string('x', RatingRules.CommentMaxLength))));
        Assert.Empty(RatingRules.Validate(new RatingInput(5, 1, 5, 1, 10, null)));
        var errors = RatingRules.Validate(new RatingInput(0, 6, null, 3, 11, new string('x', RatingRules.CommentMaxLength + 1)));
        Assert.Equal(["comment", "competence", "courtesy", "timeliness", "trust"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Rating.Required", errors["timeliness"][0].Key);
        Assert.Equal([0, 10], errors["trust"][0].Args);
        Assert.DoesNotContain("resolved", errors.Keys);
    }

    [Fact]
    public void TheWindowsComeFromTheOptions()
    {
        Assert.Equal(Now.AddMinutes(-45), Rules.BurstWindowStart(Now));
        Assert.Equal(Now.AddDays(-1), RatingRules.SourceWindowStart(Now));
        Assert.Equal(3, Rules.SourceCountLimit);
        var low = Rules.IsExtremeRating(low: true).Compile();
        var high = Rules.IsExtremeRating(low: false).Compile();
        Assert.True(low(new Rating { Courtesy = 1, Competence = 2, Timeliness = 2, Resolved = 2, Culture = "kk" }));
        Assert.False(low(new Rating { Courtesy = 2, Competence = 2, Timeliness = 2, Resolved = 2, Culture = "kk" }));
        Assert.True(high(new Rating { Courtesy = 5, Competence = 5, Timeliness = 4, Resolved = 4, Culture = "kk" }));
        Assert.False(high(new Rating { Courtesy = 5, Competence = 4, Timeliness = 4, Resolved = 4, Culture = "kk" }));
    }
}
