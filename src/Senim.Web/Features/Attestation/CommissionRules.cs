namespace Senim.Web.Features.Attestation;

/// <summary>One counted vote: whose (the chair's vote breaks a tie), what, and the conditions of a conditional "fits".</summary>
public sealed record CountedVote(Guid MemberId, bool IsChair, Decision Choice, string? Conditions);

/// <summary>The count for one candidate and the decision it gives (null: no decision — a tie the chair's vote does not
/// break, or nobody could vote; the candidate is heard again at another sitting).</summary>
public sealed record Tally(int Fits, int FitsWithConditions, int DoesNotFit, Decision? Decision, bool ChairDecided, string? Conditions)
{
    public int Total => Fits + FitsWithConditions + DoesNotFit;
}

/// <summary>The commission's rules, as pure functions.
/// Quorum: at least numerator/denominator of the commission's active members present (default two thirds).
/// Decision: by majority of the members present who vote on the candidate (a member who declared a conflict of interest
/// does not vote on that candidate): the choice with the most votes wins; when two or three choices share the most
/// votes, the one the chair voted for wins; if the chair did not vote for a tied choice (absent, in conflict, or voted
/// otherwise) there is no decision.</summary>
public static class CommissionRules
{
    public static int QuorumNeeded(int members, int numerator, int denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(members);
        ArgumentOutOfRangeException.ThrowIfLessThan(denominator, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        // Ceiling of members × n / d in integers: 9 members at 2/3 need 6, 10 need 7 (6.67 rounds up).
        return (members * numerator + denominator - 1) / denominator;
    }

    public static bool HasQuorum(int members, int present, int numerator, int denominator) =>
        members > 0 && present >= QuorumNeeded(members, numerator, denominator);

    public static Tally Decide(IReadOnlyList<CountedVote> votes)
    {
        int fits = votes.Count(v => v.Choice == Decision.Fits);
        int conditional = votes.Count(v => v.Choice == Decision.FitsWithConditions);
        int notFit = votes.Count(v => v.Choice == Decision.DoesNotFit);
        var counts = new[] { (Decision.Fits, fits), (Decision.FitsWithConditions, conditional), (Decision.DoesNotFit, notFit) };
        var top = counts.Max(c => c.Item2);
        if (top == 0) return new Tally(fits, conditional, notFit, null, false, null);
        var leaders = counts.Where(c => c.Item2 == top).Select(c => c.Item1).ToList();
        Decision? decision;
        var chairDecided = false;
        if (leaders.Count == 1)
        {
            decision = leaders[0];
        }
        else
        {
            var chair = votes.FirstOrDefault(v => v.IsChair);
            decision = chair is not null && leaders.Contains(chair.Choice) ? chair.Choice : null;
            chairDecided = decision is not null;
        }
        string? conditions = null;
        if (decision == Decision.FitsWithConditions)
        {
            // The chair's wording first when the chair voted so, then the others' different wordings.
            var texts = votes.Where(v => v.Choice == Decision.FitsWithConditions && !string.IsNullOrWhiteSpace(v.Conditions))
                .OrderByDescending(v => v.IsChair).Select(v => v.Conditions!.Trim()).Distinct(StringComparer.Ordinal).ToList();
            conditions = texts.Count == 0 ? null : string.Join("; ", texts);
        }
        return new Tally(fits, conditional, notFit, decision, chairDecided, conditions);
    }
}
