using Senim.Web.Features.Audit;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Scoring;

public sealed record PreviewRow(Guid EmployeeId, string Name, ScoreExplanation Current, ScoreExplanation Draft)
{
    public double Change => Draft.Estimate - Current.Estimate;
    public bool StatusChanged => Draft.Status != Current.Status;
}

public sealed record MethodologyPreview(PositionCategory Category, int Employees, int StatusChanges, double MeanAbsoluteChange, double MaxAbsoluteChange,
    IReadOnlyList<PreviewRow> LargestChanges);

/// <summary>Versions of the scoring method: drafts are edited, previewed side by side with the active version on real
/// ratings, and activated (the previous version is retired, every statistic is rebuilt and the scores recomputed under
/// the new version in one transaction). Every step is audited.</summary>
public sealed class MethodologyService(SenimDb db, ScoringService scoring, ScoreRecompute recompute, AuditLog audit, TimeProvider clock)
{
    public Task<List<Methodology>> AllAsync(CancellationToken ct) => db.Methodologies.AsNoTracking().OrderByDescending(m => m.Version).ToListAsync(ct);

    public async Task<Methodology> CreateDraftAsync(string user, CancellationToken ct)
    {
        var active = await ScoreBuckets.ActiveAsync(db, ct);
        var next = (await db.Methodologies.MaxAsync(m => (int?)m.Version, ct) ?? 0) + 1;
        var draft = active.CopyAsDraft(next, user, clock.GetUtcNow().UtcDateTime);
        db.Methodologies.Add(draft);
        audit.Record("methodology.draft", "methodology", draft.Version, null, new { draft.Version, From = active.Version });
        await db.SaveChangesAsync(ct);
        return draft;
    }

    /// <summary>Validation keys by field; empty when the parameters are acceptable.</summary>
    public static Dictionary<string, string> Validate(Methodology m)
    {
        var e = new Dictionary<string, string>();
        if (!(m.HalfLifeDays is >= 7 and <= 3650)) e[nameof(m.HalfLifeDays)] = "Methodology.HalfLifeRange";
        if (!(m.MinimumEffectiveN is >= 1 and <= 10_000)) e[nameof(m.MinimumEffectiveN)] = "Methodology.MinimumNRange";
        if (!(m.MaximumIntervalWidth is > 0 and <= 4)) e[nameof(m.MaximumIntervalWidth)] = "Methodology.WidthRange";
        if (!(m.BetweenVarianceFloor is >= 0 and <= 1)) e[nameof(m.BetweenVarianceFloor)] = "Methodology.FloorRange";
        if (!(m.SatisfiedThreshold is >= 1 and <= 5)) e[nameof(m.SatisfiedThreshold)] = "Methodology.ThresholdRange";
        double[] weights = [m.WeightCourtesy, m.WeightCompetence, m.WeightTimeliness, m.WeightResolved];
        if (weights.Any(w => !(w >= 0 && w <= 100)) || weights.Sum() <= 0) e[nameof(m.WeightCourtesy)] = "Methodology.WeightsInvalid";
        return e;
    }

    public async Task<Dictionary<string, string>> UpdateDraftAsync(int version, Methodology input, string user, CancellationToken ct)
    {
        var draft = await db.Methodologies.FirstOrDefaultAsync(m => m.Version == version, ct);
        if (draft is null || draft.Status != MethodologyStatus.Draft) return new() { [""] = "Methodology.NotDraft" };
        var errors = Validate(input);
        if (errors.Count > 0) return errors;
        var before = Snapshot(draft);
        draft.HalfLifeDays = input.HalfLifeDays; draft.MinimumEffectiveN = input.MinimumEffectiveN; draft.MaximumIntervalWidth = input.MaximumIntervalWidth;
        draft.BetweenVarianceFloor = input.BetweenVarianceFloor; draft.SatisfiedThreshold = input.SatisfiedThreshold;
        draft.WeightCourtesy = input.WeightCourtesy; draft.WeightCompetence = input.WeightCompetence; draft.WeightTimeliness = input.WeightTimeliness;
        draft.WeightResolved = input.WeightResolved; draft.PeerGroups = input.PeerGroups; draft.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        audit.Record("methodology.edit", "methodology", draft.Version, before, Snapshot(draft));
        await db.SaveChangesAsync(ct);
        return [];
    }

    private static object Snapshot(Methodology m) => new
    {
        m.Version, m.HalfLifeDays, m.MinimumEffectiveN, m.MaximumIntervalWidth, m.BetweenVarianceFloor, m.SatisfiedThreshold,
        m.WeightCourtesy, m.WeightCompetence, m.WeightTimeliness, m.WeightResolved, m.PeerGroups, m.Note,
    };

    /// <summary>The draft against the active version for one position category, on the same ratings (rolling 12 months):
    /// the draft's statistics are built in memory from the ratings, the active version's come from the stored ones.</summary>
    public async Task<MethodologyPreview?> PreviewAsync(int version, PositionCategory category, CancellationToken ct)
    {
        var draft = await db.Methodologies.AsNoTracking().FirstOrDefaultAsync(m => m.Version == version, ct);
        if (draft is null) return null;
        var period = ScorePeriod.Parse(null, clock.GetUtcNow().UtcDateTime)!;
        var current = (await scoring.PeerEmployeesAsync(category, period, ct)).ToDictionary(s => s.SubjectId);
        var people = await db.Employees.AsNoTracking()
            .Where(e => db.Positions.Any(p => p.Id == e.PositionId && p.Category == category) || (category == PositionCategory.Other && e.PositionId == null))
            .Select(e => new { e.Id, e.LastName, e.FirstName }).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var rows = await (from ie in db.InteractionEmployees
                          join r in db.Ratings on ie.InteractionId equals r.InteractionId
                          where r.Status == RatingStatus.Counted && r.SubmittedAt >= period.Start && r.SubmittedAt < period.End && ids.Contains(ie.EmployeeId)
                          select new { ie.EmployeeId, r.KindId, r.SubmittedAt, r.Courtesy, r.Competence, r.Timeliness, r.Resolved }).AsNoTracking().ToListAsync(ct);
        var buckets = ScoreCalculator.BucketsFrom(rows.Select(x => (x.EmployeeId, x.KindId, x.SubmittedAt, x.Courtesy, x.Competence, x.Timeliness, x.Resolved)), draft);
        var drafted = (await scoring.ComputeEmployeesAsync(category.ToString(), ids, id => buckets[id], draft, period, scoring.AsOf(period), ct)).ToDictionary(s => s.SubjectId);
        var list = people.Where(p => current.ContainsKey(p.Id)).Select(p => new PreviewRow(p.Id, $"{p.LastName} {p.FirstName}", current[p.Id], drafted[p.Id]))
            .Where(r => r.Current.Ratings > 0).ToList();
        return new MethodologyPreview(category, list.Count, list.Count(r => r.StatusChanged), list.Count == 0 ? 0 : list.Average(r => Math.Abs(r.Change)),
            list.Count == 0 ? 0 : list.Max(r => Math.Abs(r.Change)), [.. list.OrderByDescending(r => Math.Abs(r.Change)).ThenBy(r => r.Name, StringComparer.Ordinal).Take(50)]);
    }

    /// <summary>Activates a draft: retires the active version, rebuilds the statistics and recomputes and stores the rolling
    /// 12-month scores under the new version, all in one transaction.</summary>
    public async Task<RecomputeResult?> ActivateAsync(int version, string user, CancellationToken ct)
    {
        var draft = await db.Methodologies.FirstOrDefaultAsync(m => m.Version == version, ct);
        if (draft is null || draft.Status != MethodologyStatus.Draft || Validate(draft).Count > 0) return null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var previous = await db.Methodologies.Where(m => m.Status == MethodologyStatus.Active).ToListAsync(ct);
        foreach (var p in previous) p.Status = MethodologyStatus.Retired;
        draft.Status = MethodologyStatus.Active;
        draft.ActivatedBy = user;
        draft.ActivatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("methodology.activate", "methodology", draft.Version, new { Active = previous.Select(p => p.Version).ToArray() }, new { Active = draft.Version });
        await db.SaveChangesAsync(ct);
        var result = await recompute.RunAsync(draft, ScorePeriod.Parse(null, clock.GetUtcNow().UtcDateTime)!, rebuild: true, null, ct);
        await tx.CommitAsync(ct);
        return result;
    }
}
