using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation;

public sealed record StandardsView(StandardsResult Result, StandardsEvaluation Evaluation);

public sealed record AppealView(Appeal Appeal);

/// <summary>Everything about one candidate: who they are, the campaign, the route and its timeline, stage 1 results
/// with the rule applied, test attempts, retakes, the decision and appeals.</summary>
public sealed record CandidateFile(
    Candidate Candidate, Campaign Campaign, Employee Employee, string Position, string Unit, string? Region,
    CandidateRoute Route, IReadOnlyList<TimelineStep> Timeline, IReadOnlyList<Retake> Retakes,
    IReadOnlyList<StandardsView> Standards, IReadOnlyList<Attempt> Attempts, IReadOnlyList<Appeal> Appeals)
{
    /// <summary>The last day an appeal may be filed (Kazakhstan date), once decided.</summary>
    public DateOnly? AppealUntil => Candidate.DecidedAt is { } at ? DateOnly.FromDateTime(at.ToLocalKz()).AddDays(Campaign.AppealDays) : null;
}

public sealed class CandidateFiles(SenimDb db, CampaignService campaigns, TestService tests)
{
    public async Task<CandidateFile?> LoadAsync(Guid candidateId, CancellationToken ct = default)
    {
        var c = await db.AttestationCandidates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == candidateId, ct);
        return c is null ? null : await LoadAsync(c, ct);
    }

    /// <summary>The signed-in employee's candidacies, newest campaign first.</summary>
    public async Task<IReadOnlyList<CandidateFile>> ForEmployeeAsync(Guid employeeId, CancellationToken ct = default)
    {
        var list = await db.AttestationCandidates.AsNoTracking().Where(c => c.EmployeeId == employeeId)
            .OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
        var files = new List<CandidateFile>();
        foreach (var c in list) files.Add(await LoadAsync(c, ct));
        return files;
    }

    private async Task<CandidateFile> LoadAsync(Candidate c, CancellationToken ct)
    {
        await tests.FinishExpiredAsync(c.Id, ct);
        var campaign = await db.AttestationCampaigns.AsNoTracking().FirstAsync(x => x.Id == c.CampaignId, ct);
        var e = await db.Employees.AsNoTracking().FirstAsync(x => x.Id == c.EmployeeId, ct);
        var position = c.PositionId is { } pid ? await db.Positions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == c.UnitId, ct);
        var region = c.RegionCode is { } rc ? await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == rc, ct) : null;
        var route = (await campaigns.RoutesAsync([c], ct))[c.Id];
        var timeline = await campaigns.TimelineAsync(c, campaign, ct);
        var retakes = await db.Set<Retake>().AsNoTracking().Where(r => r.CandidateId == c.Id).OrderBy(r => r.GrantedAt).ToListAsync(ct);
        var norms = await db.Set<Norm>().AsNoTracking().Where(n => n.CampaignId == c.CampaignId).ToListAsync(ct);
        var standards = await db.Set<StandardsResult>().AsNoTracking().Where(r => r.CandidateId == c.Id).OrderBy(r => r.Attempt).ToListAsync(ct);
        var views = standards.Select(r => new StandardsView(r, Norms.Evaluate(norms, e.Sex, Norms.AgeOn(e.BirthDate, r.TakenOn),
            r.Run3KmSeconds, r.Run100MSeconds, r.PullUps, r.FirearmsScore))).ToList();
        var attempts = await db.Set<Attempt>().AsNoTracking().Where(a => a.CandidateId == c.Id).OrderBy(a => a.Number).ToListAsync(ct);
        var appeals = await db.Set<Appeal>().AsNoTracking().Where(a => a.CandidateId == c.Id).OrderBy(a => a.FiledAt).ToListAsync(ct);
        return new CandidateFile(c, campaign, e, position is null ? "—" : SenimCultures.Pick(position.TitleKk, position.TitleRu, position.TitleEn),
            OrganisationQueries.Name(unit), region is null ? null : SenimCultures.Pick(region.NameKk, region.NameRu, region.NameEn),
            route, timeline, retakes, views, attempts, appeals);
    }
}
