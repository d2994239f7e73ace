using Senim.Web.Features.Attestation;

namespace Senim.Web.Tests.Attestation;

public sealed class CommissionRulesTests
{
    [Theory]
    [InlineData(3, 2)]
    [InlineData(5, 4)]   // 3.33 → 4
    [InlineData(6, 4)]
    [InlineData(9, 6)]
    [InlineData(10, 7)]  // 6.67 → 7
    public void TwoThirdsQuorumRoundsUp(int members, int needed)
    {
        Assert.Equal(needed, CommissionRules.QuorumNeeded(members, 2, 3));
        Assert.True(CommissionRules.HasQuorum(members, needed, 2, 3));
        Assert.False(CommissionRules.HasQuorum(members, needed - 1, 2, 3));
    }

    [Fact]
    public void OtherQuorumRulesAndAnEmptyCommission()
    {
        Assert.Equal(3, CommissionRules.QuorumNeeded(5, 1, 2)); // a simple majority of 5
        Assert.Equal(5, CommissionRules.QuorumNeeded(5, 1, 1)); // everyone
        Assert.False(CommissionRules.HasQuorum(0, 0, 2, 3));
    }

    private static readonly Guid Chair = Guid.NewGuid();
    private static CountedVote V(Decision d, bool chair = false, string? conditions = null) => new(chair ? Chair : Guid.NewGuid(), chair, d, conditions);

    [Fact]
    public void TheMajorityOfThoseVotingDecides()
    {
        var t = CommissionRules.Decide([V(Decision.Fits), V(Decision.Fits), V(Decision.DoesNotFit, chair: true)]);
        Assert.Equal((2, 0, 1), (t.Fits, t.FitsWithConditions, t.DoesNotFit));
        Assert.Equal(Decision.Fits, t.Decision);
        Assert.False(t.ChairDecided); // the chair's vote matters only in a tie
        // A relative majority among three choices: 2 against 1 and 1.
        Assert.Equal(Decision.DoesNotFit, CommissionRules.Decide([V(Decision.DoesNotFit), V(Decision.DoesNotFit), V(Decision.Fits), V(Decision.FitsWithConditions, conditions: "x")]).Decision);
    }

    [Fact]
    public void TheChairsVoteBreaksATie()
    {
        var t = CommissionRules.Decide([V(Decision.Fits), V(Decision.DoesNotFit, chair: true), V(Decision.Fits), V(Decision.DoesNotFit)]);
        Assert.Equal(Decision.DoesNotFit, t.Decision);
        Assert.True(t.ChairDecided);
        // A three-way tie: the chair's choice.
        var three = CommissionRules.Decide([V(Decision.Fits), V(Decision.FitsWithConditions, chair: true, conditions: "Training within six months"), V(Decision.DoesNotFit)]);
        Assert.Equal(Decision.FitsWithConditions, three.Decision);
        Assert.Equal("Training within six months", three.Conditions);
    }

    [Fact]
    public void ATieTheChairDidNotVoteInGivesNoDecision()
    {
        // The chair is absent or in conflict: no chair vote among the counted ones.
        Assert.Null(CommissionRules.Decide([V(Decision.Fits), V(Decision.DoesNotFit)]).Decision);
        // The chair voted for a third choice outside the tie.
        var t = CommissionRules.Decide([V(Decision.Fits), V(Decision.Fits), V(Decision.DoesNotFit), V(Decision.DoesNotFit), V(Decision.FitsWithConditions, chair: true, conditions: "x")]);
        Assert.Null(t.Decision);
        Assert.False(t.ChairDecided);
        Assert.Null(CommissionRules.Decide([]).Decision);
    }

    [Fact]
    public void ConditionsOfAConditionalDecisionAreCollectedChairFirst()
    {
        var t = CommissionRules.Decide([V(Decision.FitsWithConditions, conditions: "Mentoring by a senior officer"), V(Decision.FitsWithConditions, chair: true, conditions: "Course on service standards"),
            V(Decision.FitsWithConditions, conditions: "Mentoring by a senior officer"), V(Decision.Fits)]);
        Assert.Equal(Decision.FitsWithConditions, t.Decision);
        Assert.Equal("Course on service standards; Mentoring by a senior officer", t.Conditions);
    }
}
