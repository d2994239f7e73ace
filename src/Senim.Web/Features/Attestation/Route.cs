namespace Senim.Web.Features.Attestation;

/// <summary>Where a candidate is on a stage.</summary>
public enum StageState
{
    /// <summary>Not reached: an earlier stage is not passed yet, or it ended the route.</summary>
    NotReached = 0,
    /// <summary>The candidate may take the stage; no result yet.</summary>
    Awaiting = 1,
    /// <summary>The test is running.</summary>
    InProgress = 2,
    /// <summary>Scheduled for a commission sitting.</summary>
    Scheduled = 3,
    Passed = 4,
    /// <summary>Failed, and a retake is allowed (granted with a reason).</summary>
    RetakeAllowed = 5,
    /// <summary>Failed with no retake left: the route ends here.</summary>
    Failed = 6,
    /// <summary>The commission has decided.</summary>
    Decided = 7,
    /// <summary>The candidate was excluded from the campaign.</summary>
    Excluded = 8,
}

public sealed record RouteAttempt(int Number, DateTime? FinishedAt, bool? Passed);

/// <summary>What the route needs to know about a candidate; <see cref="Compute"/> is a pure function of it.</summary>
public sealed record RouteInput(
    CandidateStatus Status,
    IReadOnlyList<bool> StandardsAttempts,
    int StandardsRetakes,
    IReadOnlyList<RouteAttempt> TestAttempts,
    int TestRetakes,
    bool OnSittingSchedule,
    Decision? Decision);

public sealed record CandidateRoute(StageState Standards, StageState Test, StageState Interview)
{
    /// <summary>The route ended before a decision (a failed stage without a retake), or the candidate was excluded.</summary>
    public bool Ended => Standards is StageState.Failed or StageState.Excluded || Test == StageState.Failed;

    public StageState Of(Stage s) => s switch { Stage.Standards => Standards, Stage.Test => Test, _ => Interview };

    /// <summary>Stage 1 → 2 → 3; failing a stage ends the route unless a retake was granted for it.</summary>
    public static CandidateRoute Compute(RouteInput x)
    {
        if (x.Status == CandidateStatus.Excluded) return new(StageState.Excluded, StageState.Excluded, StageState.Excluded);
        var standards = StageOf(x.StandardsAttempts.Select(p => (bool?)p).ToList(), x.StandardsRetakes, inProgress: false);
        if (standards != StageState.Passed) return new(standards, StageState.NotReached, StageState.NotReached);

        var finished = x.TestAttempts.OrderBy(a => a.Number).ToList();
        var running = finished.Any(a => a.Passed is null);
        var test = StageOf([.. finished.Where(a => a.Passed is not null).Select(a => a.Passed)], x.TestRetakes, running);
        if (test != StageState.Passed) return new(standards, test, StageState.NotReached);

        var interview = x.Decision is not null ? StageState.Decided : x.OnSittingSchedule ? StageState.Scheduled : StageState.Awaiting;
        return new(standards, test, interview);
    }

    private static StageState StageOf(List<bool?> results, int retakes, bool inProgress)
    {
        if (results.Any(r => r == true)) return StageState.Passed;
        if (inProgress) return StageState.InProgress;
        if (results.Count == 0) return StageState.Awaiting;
        return results.Count < 1 + retakes ? StageState.RetakeAllowed : StageState.Failed;
    }
}
