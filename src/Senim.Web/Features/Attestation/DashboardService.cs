using Senim.Web.Features.Audit;

namespace Senim.Web.Features.Attestation;

/// <summary>Counts of one group of candidates (a region or the whole campaign) by where they stand.</summary>
public sealed record ProgressRow(string? RegionCode, string Region, int Candidates, int Excluded,
    int StandardsPassed, int StandardsFailed, int TestPassed, int TestFailed, int Interviewed,
    int Fits, int FitsWithConditions, int DoesNotFit)
{
    /// <summary>Share passing among those with a final result at the stage (retakes still open are not counted); null when none.</summary>
    public double? StandardsPassRate => StandardsPassed + StandardsFailed == 0 ? null : (double)StandardsPassed / (StandardsPassed + StandardsFailed);
    public double? TestPassRate => TestPassed + TestFailed == 0 ? null : (double)TestPassed / (TestPassed + TestFailed);
    public double? FitRate => Interviewed == 0 ? null : (double)(Fits + FitsWithConditions) / Interviewed;
}

public sealed record CampaignDashboard(Campaign Campaign, ProgressRow Total, IReadOnlyList<ProgressRow> Regions,
    IReadOnlyDictionary<Stage, IReadOnlyDictionary<StageState, int>> ByStage, int Appeals, int AppealsUpheld, int AppealsRejected);

/// <summary>A campaign's dashboard: progress by stage and region, pass rates by stage, outcomes and appeals.</summary>
public sealed class DashboardService(SenimDb db, CampaignService campaigns, TestService tests)
{
    public async Task<CampaignDashboard?> ComputeAsync(Guid campaignId, CancellationToken ct = default)
    {
        var campaign = await db.AttestationCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return null;
        await tests.FinishExpiredInCampaignAsync(campaignId, ct);
        var candidates = await db.AttestationCandidates.AsNoTracking().Where(c => c.CampaignId == campaignId).ToListAsync(ct);
        var routes = await campaigns.RoutesAsync(candidates, ct);
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, ct);
        ProgressRow Row(string? code, IEnumerable<Candidate> group)
        {
            var list = group.ToList();
            var active = list.Where(c => c.Status == CandidateStatus.Active).ToList();
            var name = code is not null && regions.TryGetValue(code, out var r) ? SenimCultures.Pick(r.NameKk, r.NameRu, r.NameEn) : "—";
            return new ProgressRow(code, name, active.Count, list.Count - active.Count,
                active.Count(c => routes[c.Id].Standards == StageState.Passed), active.Count(c => routes[c.Id].Standards == StageState.Failed),
                active.Count(c => routes[c.Id].Test == StageState.Passed), active.Count(c => routes[c.Id].Test == StageState.Failed),
                active.Count(c => c.Decision is not null),
                active.Count(c => c.Decision == Decision.Fits), active.Count(c => c.Decision == Decision.FitsWithConditions), active.Count(c => c.Decision == Decision.DoesNotFit));
        }
        var byRegion = candidates.GroupBy(c => c.RegionCode).Select(g => Row(g.Key, g)).OrderBy(r => r.Region, StringComparer.CurrentCulture).ToList();
        var active = candidates.Where(c => c.Status == CandidateStatus.Active).ToList();
        var byStage = new Dictionary<Stage, IReadOnlyDictionary<StageState, int>>();
        foreach (var stage in new[] { Stage.Standards, Stage.Test, Stage.Interview })
            byStage[stage] = active.GroupBy(c => routes[c.Id].Of(stage)).ToDictionary(g => g.Key, g => g.Count());
        var ids = candidates.Select(c => c.Id).ToList();
        var appeals = await db.Set<Appeal>().AsNoTracking().Where(a => ids.Contains(a.CandidateId)).Select(a => a.Outcome).ToListAsync(ct);
        return new CampaignDashboard(campaign, Row(null, candidates) with { Region = "" }, byRegion, byStage,
            appeals.Count, appeals.Count(a => a == AppealOutcome.Upheld), appeals.Count(a => a == AppealOutcome.Rejected));
    }

    /// <summary>The attestation audit trail of one candidate (their inclusion, results, attempts, decisions, appeals), oldest first. Read-only.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(Guid candidateId, CancellationToken ct = default)
    {
        // Audit ids are written as Guid.ToString() ("d", lower case): build them here, not in SQL (SQLite stores Guids upper case).
        var attempts = await db.Set<Attempt>().AsNoTracking().Where(a => a.CandidateId == candidateId).Select(a => a.Id).ToListAsync(ct);
        var keys = attempts.Append(candidateId).Select(g => g.ToString()).ToList();
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType.StartsWith("attestation") && a.EntityId != null && keys.Contains(a.EntityId))
            .OrderBy(a => a.At).Take(500).ToListAsync(ct);
    }
}
