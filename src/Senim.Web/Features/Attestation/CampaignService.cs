using Senim.Web.Features.Audit;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation;

public sealed record CampaignSettings(
    string Name, CampaignKind Kind, DateOnly? StandardsFrom, DateOnly? StandardsTo, DateOnly? TestFrom, DateOnly? TestTo,
    DateOnly? InterviewFrom, DateOnly? InterviewTo, int TestMinutes, int TestPassPercent, int AppealDays);

public sealed record RegionShare(string? RegionCode, string RegionName, int Candidates, int Staff);

public sealed record PreviewRow(Guid EmployeeId, string FullName, string PersonnelNumber, string Position, string Unit, string? Region);

/// <summary>Who a rule selects, before the list is confirmed: how many, their share of all staff, by region, and the first of them.</summary>
public sealed record CandidatePreview(int Count, int AllStaff, IReadOnlyList<RegionShare> Regions, IReadOnlyList<PreviewRow> First)
{
    public double Share => AllStaff == 0 ? 0 : (double)Count / AllStaff;
}

public sealed record CandidateRow(
    Guid Id, Guid EmployeeId, string FullName, string PersonnelNumber, string Position, string Unit, string? RegionName,
    CandidateInclusion Inclusion, CandidateStatus Status, string? Reason, CandidateRoute Route, Decision? Decision);

public sealed record CandidateFilter(string? Region = null, CandidateStatus? Status = null, string? Query = null);

/// <summary>The dates of a candidate's three stages: planned (campaign or sitting) and actual (results).</summary>
public sealed record TimelineStep(Stage Stage, StageState State, DateOnly? PlannedFrom, DateOnly? PlannedTo, DateTime? ScheduledAt, DateTime? DoneAt);

/// <summary>Campaigns and their candidates: create, choose positions by rule, preview, confirm, add or exclude a
/// candidate with a reason, grant a retake. Every change is audited.</summary>
public sealed class CampaignService(SenimDb db, AuditLog audit, TimeProvider clock)
{
    public const int MinReason = 5;
    public const int MaxReason = 1000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<List<Campaign>> ListAsync(CancellationToken ct = default) =>
        db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.CreatedAt).ToListAsync(ct);

    public Task<Campaign?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public static List<(string Field, string Key, object[] Args)> Validate(CampaignSettings s)
    {
        var errors = new List<(string, string, object[])>();
        if (string.IsNullOrWhiteSpace(s.Name) || s.Name.Trim().Length > 200) errors.Add(("Name", "Attestation.NameRequired", []));
        if (!Enum.IsDefined(s.Kind)) errors.Add(("Kind", "Validation.Choice", []));
        if (s.TestMinutes is < 5 or > 480) errors.Add(("TestMinutes", "Attestation.TestMinutesRange", [5, 480]));
        if (s.TestPassPercent is < 1 or > 100) errors.Add(("TestPassPercent", "Attestation.PassPercentRange", []));
        if (s.AppealDays is < 1 or > 90) errors.Add(("AppealDays", "Attestation.AppealDaysRange", [1, 90]));
        void Order(string field, DateOnly? from, DateOnly? to) { if (from is { } f && to is { } t && t < f) errors.Add((field, "Attestation.DatesOrder", [])); }
        Order("StandardsTo", s.StandardsFrom, s.StandardsTo);
        Order("TestTo", s.TestFrom, s.TestTo);
        Order("InterviewTo", s.InterviewFrom, s.InterviewTo);
        return errors;
    }

    /// <summary>A new draft campaign with the default rule (middle managers) and the default norms table.</summary>
    public async Task<Campaign> CreateAsync(CampaignSettings s, string by, CancellationToken ct = default)
    {
        var c = new Campaign { Name = s.Name.Trim(), CreatedBy = by, CreatedAt = Now };
        Apply(c, s);
        CampaignRule.MiddleManagers.ApplyTo(c);
        db.Add(c);
        db.AddRange(Norms.Defaults(c.Id));
        audit.Record("attestation.campaign.create", AttestationAudit.Campaign, c.Id, null, Snapshot(c));
        await db.SaveChangesAsync(ct);
        return c;
    }

    public async Task<Outcome> UpdateSettingsAsync(Guid id, CampaignSettings s, CancellationToken ct = default)
    {
        var c = await db.Set<Campaign>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Outcome.NotFound("Attestation.NotFound");
        if (c.Status == CampaignStatus.Closed) return Outcome.Conflict("Attestation.CampaignClosed");
        var before = Snapshot(c);
        Apply(c, s);
        c.Name = s.Name.Trim();
        c.Version++;
        audit.Record("attestation.campaign.settings", AttestationAudit.Campaign, c.Id, before, Snapshot(c));
        return await SaveAsync(ct);
    }

    private static void Apply(Campaign c, CampaignSettings s)
    {
        c.Kind = s.Kind;
        c.StandardsFrom = s.StandardsFrom; c.StandardsTo = s.StandardsTo;
        c.TestFrom = s.TestFrom; c.TestTo = s.TestTo;
        c.InterviewFrom = s.InterviewFrom; c.InterviewTo = s.InterviewTo;
        c.TestMinutes = s.TestMinutes; c.TestPassPercent = s.TestPassPercent; c.AppealDays = s.AppealDays;
    }

    private static object Snapshot(Campaign c) => new
    {
        c.Name, Kind = c.Kind.ToString(), Status = c.Status.ToString(), c.RuleLevels, c.RuleCategories, c.RuleRegions,
        c.StandardsFrom, c.StandardsTo, c.TestFrom, c.TestTo, c.InterviewFrom, c.InterviewTo, c.TestMinutes, c.TestPassPercent, c.AppealDays,
    };

    public async Task<Outcome> SetRuleAsync(Guid id, CampaignRule rule, CancellationToken ct = default)
    {
        var c = await db.Set<Campaign>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Outcome.NotFound("Attestation.NotFound");
        if (c.Status != CampaignStatus.Draft) return Outcome.Conflict("Attestation.AlreadyConfirmed");
        var known = await db.Regions.Select(r => r.Code).ToListAsync(ct);
        if (rule.Regions.Any(r => !known.Contains(r))) return Outcome.Invalid("Validation.Choice");
        var before = new { c.RuleLevels, c.RuleCategories, c.RuleRegions };
        rule.ApplyTo(c);
        c.Version++;
        audit.Record("attestation.campaign.rule", AttestationAudit.Campaign, c.Id, before, new { c.RuleLevels, c.RuleCategories, c.RuleRegions });
        return await SaveAsync(ct);
    }

    private sealed class Match
    {
        public Guid EmployeeId { get; init; }
        public Guid PositionId { get; init; }
        public Guid UnitId { get; init; }
        public string? RegionCode { get; init; }
    }

    private IQueryable<Match> Matching(CampaignRule rule)
    {
        var q = from e in db.Employees.AsNoTracking()
                join p in db.Positions on e.PositionId equals p.Id
                join u in db.Units on e.UnitId equals u.Id
                select new { e, p, u };
        if (rule.Levels.Count > 0) { var levels = rule.Levels.ToList(); q = q.Where(x => levels.Contains(x.p.Level)); }
        if (rule.Categories.Count > 0) { var cats = rule.Categories.ToList(); q = q.Where(x => cats.Contains(x.p.Category)); }
        if (rule.Regions.Count > 0) { var regions = rule.Regions.ToList(); q = q.Where(x => x.u.RegionCode != null && regions.Contains(x.u.RegionCode)); }
        return q.Select(x => new Match { EmployeeId = x.e.Id, PositionId = x.p.Id, UnitId = x.u.Id, RegionCode = x.u.RegionCode });
    }

    /// <summary>Who the rule selects now, and the share of all staff (every employee in the organisation).</summary>
    public async Task<CandidatePreview> PreviewAsync(CampaignRule rule, int first = 50, CancellationToken ct = default)
    {
        var matching = Matching(rule);
        var count = await matching.CountAsync(ct);
        var all = await db.Employees.CountAsync(ct);
        var byRegion = await matching.GroupBy(m => m.RegionCode).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var staff = await (from e in db.Employees join u in db.Units on e.UnitId equals u.Id group e by u.RegionCode into g select new { g.Key, N = g.Count() }).ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, ct);
        var shares = byRegion.Select(r => new RegionShare(r.Key, r.Key is not null && regions.TryGetValue(r.Key, out var reg) ? SenimCultures.Pick(reg.NameKk, reg.NameRu, reg.NameEn) : "—",
                r.N, staff.FirstOrDefault(s => s.Key == r.Key)?.N ?? 0))
            .OrderByDescending(r => r.Candidates).ThenBy(r => r.RegionName, StringComparer.Ordinal).ToList();
        var ids = await matching.OrderBy(m => m.RegionCode).ThenBy(m => m.EmployeeId).Take(first).ToListAsync(ct);
        var rows = await RowsAsync(ids.Select(i => i.EmployeeId).ToList(), ct);
        return new CandidatePreview(count, all, shares, [.. ids.Select(i => rows[i.EmployeeId])]);
    }

    private async Task<Dictionary<Guid, PreviewRow>> RowsAsync(List<Guid> employeeIds, CancellationToken ct)
    {
        var data = await (from e in db.Employees.AsNoTracking().Where(e => employeeIds.Contains(e.Id))
                          join u in db.Units on e.UnitId equals u.Id
                          join p in db.Positions on e.PositionId equals p.Id into pp
                          from p in pp.DefaultIfEmpty()
                          join r in db.Regions on u.RegionCode equals r.Code into rr
                          from r in rr.DefaultIfEmpty()
                          select new { e, u, p, r }).ToListAsync(ct);
        return data.ToDictionary(x => x.e.Id, x => new PreviewRow(x.e.Id, x.e.FullName, x.e.PersonnelNumber,
            x.p is null ? "—" : SenimCultures.Pick(x.p.TitleKk, x.p.TitleRu, x.p.TitleEn), OrganisationQueries.Name(x.u),
            x.r is null ? null : SenimCultures.Pick(x.r.NameKk, x.r.NameRu, x.r.NameEn)));
    }

    /// <summary>Turns a draft into an active campaign: every employee the rule selects becomes a candidate. A second
    /// confirmation (double click, two secretaries) finds the campaign no longer a draft and changes nothing.</summary>
    public async Task<Outcome> ConfirmAsync(Guid id, string by, CancellationToken ct = default)
    {
        var c = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Outcome.NotFound("Attestation.NotFound");
        if (c.Status != CampaignStatus.Draft) return Outcome.Conflict("Attestation.AlreadyConfirmed");
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = Now;
            var changed = await db.Set<Campaign>().Where(x => x.Id == id && x.Status == CampaignStatus.Draft && x.Version == c.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CampaignStatus.Active).SetProperty(x => x.ConfirmedAt, now)
                    .SetProperty(x => x.ConfirmedBy, by).SetProperty(x => x.Version, c.Version + 1), ct);
            if (changed == 0) return Outcome.Conflict("Attestation.AlreadyConfirmed");
            var matches = await Matching(CampaignRule.From(c)).ToListAsync(ct);
            foreach (var m in matches)
            {
                db.Add(new Candidate
                {
                    CampaignId = id, EmployeeId = m.EmployeeId, PositionId = m.PositionId, UnitId = m.UnitId, RegionCode = m.RegionCode,
                    Inclusion = CandidateInclusion.Rule, CreatedAt = now, CreatedBy = by,
                });
            }
            audit.Record("attestation.campaign.confirm", AttestationAudit.Campaign, id, new { Status = "Draft" },
                new { Status = "Active", Candidates = matches.Count, c.RuleLevels, c.RuleCategories, c.RuleRegions });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Outcome.Done;
        });
    }

    /// <summary>Ends an active campaign: no more candidates, results, tests or sittings. Refused while a sitting is open.</summary>
    public async Task<Outcome> CloseAsync(Guid id, string by, CancellationToken ct = default)
    {
        if (!await db.AttestationCampaigns.AnyAsync(c => c.Id == id, ct)) return Outcome.NotFound("Attestation.NotFound");
        if (await db.Set<Sitting>().AnyAsync(s => s.CampaignId == id && s.Status == SittingStatus.Open, ct)) return Outcome.Conflict("Attestation.SittingStillOpen");
        var changed = await db.AttestationCampaigns.Where(c => c.Id == id && c.Status == CampaignStatus.Active)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Closed).SetProperty(c => c.Version, c => c.Version + 1), ct);
        if (changed == 0) return Outcome.Conflict("Attestation.NotActive");
        audit.Record("attestation.campaign.close", AttestationAudit.Campaign, id, new { Status = "Active" }, new { Status = "Closed", By = by });
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    public static string? CheckReason(string? reason) =>
        reason?.Trim() is { Length: >= MinReason and <= MaxReason } ? null : "Attestation.ReasonLength";

    /// <summary>Adds an employee outside the rule (or brings back an excluded candidate), with a reason.</summary>
    public async Task<Outcome> AddCandidateAsync(Guid campaignId, string? personnelNumber, string? reason, string by, CancellationToken ct = default)
    {
        if (CheckReason(reason) is { } bad) return Outcome.Invalid(bad, MinReason, MaxReason);
        var c = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == campaignId, ct);
        if (c is null) return Outcome.NotFound("Attestation.NotFound");
        if (c.Status != CampaignStatus.Active) return Outcome.Conflict(c.Status == CampaignStatus.Closed ? "Attestation.CampaignClosed" : "Attestation.NotActive");
        var number = personnelNumber?.Trim().ToUpperInvariant() ?? "";
        var e = await db.Employees.AsNoTracking().FirstOrDefaultAsync(x => x.PersonnelNumber == number, ct);
        if (e is null) return Outcome.Invalid("Attestation.EmployeeUnknown", number);
        var existing = await db.Set<Candidate>().FirstOrDefaultAsync(x => x.CampaignId == campaignId && x.EmployeeId == e.Id, ct);
        reason = reason!.Trim();
        if (existing is not null)
        {
            if (existing.Status == CandidateStatus.Active) return Outcome.Conflict("Attestation.AlreadyCandidate");
            var before = new { Status = existing.Status.ToString(), existing.ExclusionReason };
            existing.Status = CandidateStatus.Active;
            existing.AddedReason = reason;
            existing.Version++;
            audit.Record("attestation.candidate.reinstate", AttestationAudit.Candidate, existing.Id, before, new { Status = "Active", Reason = reason });
            var r = await SaveAsync(ct);
            return r.Ok ? Outcome.Created(existing.Id) : r;
        }
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == e.UnitId, ct);
        var candidate = new Candidate
        {
            CampaignId = campaignId, EmployeeId = e.Id, PositionId = e.PositionId, UnitId = e.UnitId, RegionCode = unit.RegionCode,
            Inclusion = CandidateInclusion.Added, AddedReason = reason, CreatedAt = Now, CreatedBy = by,
        };
        db.Add(candidate);
        audit.Record("attestation.candidate.add", AttestationAudit.Candidate, candidate.Id, null, new { e.PersonnelNumber, Reason = reason });
        var result = await SaveAsync(ct);
        return result.Ok ? Outcome.Created(candidate.Id) : result;
    }

    public async Task<Outcome> ExcludeAsync(Guid candidateId, string? reason, string by, CancellationToken ct = default)
    {
        if (CheckReason(reason) is { } bad) return Outcome.Invalid(bad, MinReason, MaxReason);
        var candidate = await db.Set<Candidate>().FirstOrDefaultAsync(x => x.Id == candidateId, ct);
        if (candidate is null) return Outcome.NotFound("Attestation.NotFound");
        if (candidate.Status == CandidateStatus.Excluded) return Outcome.Conflict("Attestation.AlreadyExcluded");
        if (candidate.Decision is not null) return Outcome.Conflict("Attestation.AlreadyDecided");
        candidate.Status = CandidateStatus.Excluded;
        candidate.ExclusionReason = reason!.Trim();
        candidate.ExcludedAt = Now;
        candidate.ExcludedBy = by;
        candidate.Version++;
        audit.Record("attestation.candidate.exclude", AttestationAudit.Candidate, candidate.Id, new { Status = "Active" }, new { Status = "Excluded", Reason = candidate.ExclusionReason });
        return await SaveAsync(ct);
    }

    /// <summary>Allows one more attempt at a failed stage (1 or 2), with a reason.</summary>
    public async Task<Outcome> GrantRetakeAsync(Guid candidateId, Stage stage, string? reason, string by, CancellationToken ct = default)
    {
        if (stage is not (Stage.Standards or Stage.Test)) return Outcome.Invalid("Validation.Choice");
        if (CheckReason(reason) is { } bad) return Outcome.Invalid(bad, MinReason, MaxReason);
        var candidate = await db.Set<Candidate>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == candidateId, ct);
        if (candidate is null) return Outcome.NotFound("Attestation.NotFound");
        var route = (await RoutesAsync([candidate], ct))[candidate.Id];
        if (route.Of(stage) != StageState.Failed) return Outcome.Conflict("Attestation.RetakeNotFailed");
        var retake = new Retake { CandidateId = candidateId, Stage = stage, Reason = reason!.Trim(), GrantedBy = by, GrantedAt = Now };
        db.Add(retake);
        audit.Record("attestation.retake.grant", AttestationAudit.Retake, candidateId, null, new { Stage = stage.ToString(), retake.Reason });
        return await SaveAsync(ct);
    }

    public async Task<(IReadOnlyList<CandidateRow> Rows, int Total)> CandidatesAsync(Guid campaignId, CandidateFilter filter, int page, int size, CancellationToken ct = default)
    {
        var q = db.Set<Candidate>().AsNoTracking().Where(c => c.CampaignId == campaignId);
        if (!string.IsNullOrEmpty(filter.Region)) q = q.Where(c => c.RegionCode == filter.Region);
        if (filter.Status is { } st) q = q.Where(c => c.Status == st);
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var t = filter.Query.Trim().ToUpperInvariant();
            q = q.Where(c => db.Employees.Any(e => e.Id == c.EmployeeId && e.SearchText.Contains(t)));
        }
        var total = await q.CountAsync(ct);
        var page1 = await (from c in q
                           join e in db.Employees on c.EmployeeId equals e.Id
                           orderby c.RegionCode, e.LastName, e.FirstName, c.Id
                           select c).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return (await DescribeAsync(page1, ct), total);
    }

    public async Task<IReadOnlyList<CandidateRow>> DescribeAsync(IReadOnlyList<Candidate> candidates, CancellationToken ct = default)
    {
        var routes = await RoutesAsync(candidates, ct);
        var employeeIds = candidates.Select(c => c.EmployeeId).ToList();
        var employees = await db.Employees.AsNoTracking().Where(e => employeeIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var positionIds = candidates.Where(c => c.PositionId != null).Select(c => c.PositionId!.Value).Distinct().ToList();
        var positions = await db.Positions.AsNoTracking().Where(p => positionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var unitIds = candidates.Select(c => c.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, ct);
        return [.. candidates.Select(c =>
        {
            var e = employees[c.EmployeeId];
            var p = c.PositionId is { } pid && positions.TryGetValue(pid, out var pos) ? SenimCultures.Pick(pos.TitleKk, pos.TitleRu, pos.TitleEn) : "—";
            var r = c.RegionCode is not null && regions.TryGetValue(c.RegionCode, out var reg) ? SenimCultures.Pick(reg.NameKk, reg.NameRu, reg.NameEn) : null;
            return new CandidateRow(c.Id, c.EmployeeId, e.FullName, e.PersonnelNumber, p, OrganisationQueries.Name(units[c.UnitId]), r,
                c.Inclusion, c.Status, c.Status == CandidateStatus.Excluded ? c.ExclusionReason : c.AddedReason, routes[c.Id], c.Decision);
        })];
    }

    /// <summary>Every candidate's route, loaded in a few queries (stage results, retakes, attempts, schedule).</summary>
    public async Task<Dictionary<Guid, CandidateRoute>> RoutesAsync(IReadOnlyCollection<Candidate> candidates, CancellationToken ct = default)
    {
        var ids = candidates.Select(c => c.Id).ToList();
        var standards = (await db.Set<StandardsResult>().AsNoTracking().Where(r => ids.Contains(r.CandidateId))
            .Select(r => new { r.CandidateId, r.Attempt, r.Passed }).ToListAsync(ct)).ToLookup(r => r.CandidateId);
        var retakes = (await db.Set<Retake>().AsNoTracking().Where(r => ids.Contains(r.CandidateId))
            .Select(r => new { r.CandidateId, r.Stage }).ToListAsync(ct)).ToLookup(r => r.CandidateId);
        var attempts = (await db.Set<Attempt>().AsNoTracking().Where(a => ids.Contains(a.CandidateId))
            .Select(a => new { a.CandidateId, a.Number, a.FinishedAt, a.Passed }).ToListAsync(ct)).ToLookup(a => a.CandidateId);
        var scheduled = (await db.Set<SittingCandidate>().AsNoTracking().Where(s => ids.Contains(s.CandidateId)).Select(s => s.CandidateId).ToListAsync(ct)).ToHashSet();
        return candidates.ToDictionary(c => c.Id, c => CandidateRoute.Compute(new RouteInput(
            c.Status,
            [.. standards[c.Id].OrderBy(r => r.Attempt).Select(r => r.Passed)],
            retakes[c.Id].Count(r => r.Stage == Stage.Standards),
            [.. attempts[c.Id].Select(a => new RouteAttempt(a.Number, a.FinishedAt, a.Passed))],
            retakes[c.Id].Count(r => r.Stage == Stage.Test),
            scheduled.Contains(c.Id),
            c.Decision)));
    }

    /// <summary>The candidate's three stages with planned and actual dates.</summary>
    public async Task<IReadOnlyList<TimelineStep>> TimelineAsync(Candidate c, Campaign campaign, CancellationToken ct = default)
    {
        var route = (await RoutesAsync([c], ct))[c.Id];
        var standardsOn = await db.Set<StandardsResult>().Where(r => r.CandidateId == c.Id).OrderByDescending(r => r.Attempt).Select(r => (DateOnly?)r.TakenOn).FirstOrDefaultAsync(ct);
        var testDone = await db.Set<Attempt>().Where(a => a.CandidateId == c.Id).OrderByDescending(a => a.Number).Select(a => a.FinishedAt ?? a.StartedAt).FirstOrDefaultAsync(ct);
        var sitting = await (from sc in db.Set<SittingCandidate>() where sc.CandidateId == c.Id
                             join s in db.Set<Sitting>() on sc.SittingId equals s.Id
                             orderby s.ScheduledAt descending
                             select new { s.ScheduledAt, At = sc.ScheduledAt }).FirstOrDefaultAsync(ct);
        return
        [
            new TimelineStep(Stage.Standards, route.Standards, campaign.StandardsFrom, campaign.StandardsTo, null,
                standardsOn is { } d ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null),
            new TimelineStep(Stage.Test, route.Test, campaign.TestFrom, campaign.TestTo, null, testDone == default ? null : testDone),
            new TimelineStep(Stage.Interview, route.Interview, campaign.InterviewFrom, campaign.InterviewTo, sitting is null ? null : sitting.At ?? sitting.ScheduledAt, c.DecidedAt),
        ];
    }

    private async Task<Outcome> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }
        catch (DbUpdateException)
        {
            // A concurrent change (version token) or a duplicate (unique index) won the race.
            db.ChangeTracker.Clear();
            return Outcome.Conflict("Attestation.Concurrent");
        }
    }
}
