using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Statistics;
using Senim.Web.Features.Indicators;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;
using Senim.Web.Tests.Infrastructure;
using static Senim.Web.Tests.Indicators.IndicatorTestData;

namespace Senim.Web.Tests.Indicators;

/// <summary>Scorecards computed and stored: composites renormalised over the indicators with data, the same results
/// from stored and live scores, early-warning rules, versioning (an old period keeps its old definition) and a
/// definition activated while a recompute runs.</summary>
public abstract class ScorecardComputationTests<TApp>(TApp app) where TApp : SenimApp
{
    private static double ExpectedComposite(IEnumerable<IndicatorResult> lines)
    {
        var counted = lines.Where(l => l.Weight > 0 && l.HasData && l.Points is not null).ToList();
        return counted.Sum(l => l.Weight * l.Points!.Value) / counted.Sum(l => l.Weight);
    }

    [Fact]
    public async Task CompositesAreRenormalisedOverTheIndicatorsWithData()
    {
        var month = MonthLabel(0);
        var at = MonthStart(0).AddHours(3);
        var ids = await EmployeesAsync(app, PositionCategory.JuvenileInspector, 6);
        await AddRatingsAsync(app, (ids[0], 5, 30, at), (ids[0], 4, 10, at), (ids[1], 4, 20, at), (ids[1], 3, 20, at), (ids[2], 5, 25, at),
            (ids[2], 3, 15, at), (ids[3], 4, 35, at), (ids[3], 2, 5, at), (ids[4], 5, 2, at), (ids[4], 4, 1, at));
        var run = await RecomputeAsync(app, month);
        Assert.Equal(SenimApp.DemoEmployees, run.Employees);
        Assert.Equal(await app.WithDbAsync(db => db.Units.CountAsync()), run.Units);

        // Enough ratings: every weighted indicator has data; the composite is their weighted mean of points.
        var full = (await ResultAsync(app, month, IndicatorLevel.Employee, Key(ids[0])))!;
        var lines = await IndicatorResultsAsync(app, month, IndicatorLevel.Employee, Key(ids[0]));
        Assert.Equal("SC_EMPLOYEE", full.ScorecardCode);
        Assert.Equal(["EMP_SCORE", "EMP_COURTESY", "EMP_SATISFIED", "EMP_CONTESTS", "EMP_RATINGS"], lines.Select(l => l.IndicatorCode));
        Assert.All(lines.Where(l => l.Weight > 0), l => Assert.True(l.HasData, l.IndicatorCode));
        Assert.Equal(1, full.DataShare, 12);
        Assert.True(full.Sufficient);
        Assert.Equal(ExpectedComposite(lines), full.Composite!.Value, 9);
        // Points: the distance from the worst goalpost (the bottom of the scale) to the target of the version in force.
        var score = lines.Single(l => l.IndicatorCode == "EMP_SCORE");
        var def = await app.WithDbAsync(db => db.IndicatorDefinitions.SingleAsync(d => d.Code == "EMP_SCORE" && d.Version == score.IndicatorVersion));
        Assert.Equal(100 * Math.Clamp((score.Value!.Value - def.ScaleMin) / (def.Target!.Value - def.ScaleMin), 0, 1), score.Points!.Value, 9);
        // The statistical count is shown as context, never weighted.
        var count = lines.Single(l => l.IndicatorCode == "EMP_RATINGS");
        Assert.Equal(0, count.Weight);
        Assert.Equal(40, count.Value);
        Assert.Equal(TrafficLight.None, count.Light);
        Assert.NotNull(full.Rank);
        Assert.InRange(full.Rank!.Value, full.RankBest!.Value, full.RankWorst!.Value);

        // Three ratings: only the upheld-contests count (weight 0.1 of 1.0) has data — renormalised to it alone,
        // and marked insufficient because 10% is below the scorecard's 60%.
        var thin = (await ResultAsync(app, month, IndicatorLevel.Employee, Key(ids[4])))!;
        var thinLines = await IndicatorResultsAsync(app, month, IndicatorLevel.Employee, Key(ids[4]));
        Assert.Equal(0.1, thin.DataShare, 9);
        Assert.False(thin.Sufficient);
        Assert.Equal(TrafficLight.Insufficient, thin.Light);
        Assert.Equal(100, thin.Composite!.Value, 9); // no upheld contests: the target met
        Assert.Null(thin.Rank);
        Assert.Equal("Indicator.ReasonFewRatings", thinLines.Single(l => l.IndicatorCode == "EMP_SCORE").Reason);

        // A district in the demo quarter: trust and safety published (0.7 of the weight), no ratings (0.3): renormalised.
        var quarter = await app.WithDbAsync(db => db.ScorecardResults.Where(r => r.Period.Contains("Q")).OrderByDescending(r => r.Period).Select(r => r.Period).FirstAsync());
        var district = await app.WithDbAsync(db => db.Units.Where(u => u.Code.StartsWith("up-almaty-city-")).OrderBy(u => u.Code).Select(u => u.DistrictId!.Value).FirstAsync());
        var d = (await ResultAsync(app, quarter, IndicatorLevel.District, Key(district)))!;
        var dLines = await IndicatorResultsAsync(app, quarter, IndicatorLevel.District, Key(district));
        Assert.True(dLines.Single(l => l.IndicatorCode == "DIST_TRUST").HasData);
        Assert.False(dLines.Single(l => l.IndicatorCode == "DIST_SCORE").HasData);
        Assert.Equal(0.7, d.DataShare, 9);
        Assert.True(d.Sufficient);
        Assert.Equal(ExpectedComposite(dLines), d.Composite!.Value, 9);
        Assert.Equal(1, await app.WithDbAsync(db => db.ScorecardResults.CountAsync(r => r.Period == quarter && r.Level == IndicatorLevel.Region && r.SubjectKey == "almaty-city")));

        // Scores stored by a score recompute give the same scorecards as scores computed on the spot.
        await app.WithDbAsync(async db =>
            await new ScoreRecompute(db, new ScoringService(db, TimeProvider.System)).RunAsync(await ScoreBuckets.ActiveAsync(db, default), ScorePeriod.Parse(month, Now)!, rebuild: false));
        await RecomputeAsync(app, month, storedScores: true);
        var fromStored = (await ResultAsync(app, month, IndicatorLevel.Employee, Key(ids[0])))!;
        await RecomputeAsync(app, month);
        var live = (await ResultAsync(app, month, IndicatorLevel.Employee, Key(ids[0])))!;
        Assert.Equal(live.Composite!.Value, fromStored.Composite!.Value, 6);
    }

    [Fact]
    public async Task FlagsComeFromPeersHistoryAndUpheldContestsAndRespectTheHeadsAction()
    {
        var previous = MonthLabel(1);
        var current = MonthLabel(0);
        var before = MonthStart(1).AddDays(3);
        var now = MonthStart(0).AddHours(2);
        var ids = await EmployeesAsync(app, PositionCategory.Investigator, 9);
        var x = ids[0];   // drops sharply this month
        var y = ids[1];   // three contested ratings upheld
        var batches = new List<(Guid, int, int, DateTime)>();
        foreach (var id in ids)
        {
            batches.Add((id, 5, 25, before));
            batches.Add((id, 4, 12, before));
            if (id == x) { batches.Add((id, 1, 25, now)); batches.Add((id, 2, 12, now)); }
            else { batches.Add((id, 5, 25, now)); batches.Add((id, 4, 12, now)); }
        }
        await AddRatingsAsync(app, [.. batches]);
        await AddUpheldContestsAsync(app, y, 3, DateTime.UtcNow.AddDays(-5));
        await RecomputeAsync(app, previous);
        var run = await RecomputeAsync(app, current);
        Assert.True(run.FlagsRaised >= 3, $"{run.FlagsRaised} flags raised");

        var flags = await app.WithDbAsync(db => db.EarlyWarningFlags.AsNoTracking().Where(f => f.Period == current && (f.SubjectId == x || f.SubjectId == y)).ToListAsync());
        var below = flags.Single(f => f.SubjectId == x && f.Rule == FlagRule.BelowPeers && f.IndicatorCode == "EMP_SCORE");
        var drop = flags.Single(f => f.SubjectId == x && f.Rule == FlagRule.DropAgainstHistory && f.IndicatorCode == "EMP_SCORE");
        var contests = flags.Single(f => f.SubjectId == y && f.Rule == FlagRule.ContestsUpheld);
        Assert.Equal(FlagStatus.Open, below.Status);
        Assert.Equal(14, (below.DueAt - below.RaisedAt).TotalDays, 6);
        var unitOfX = await app.WithDbAsync(db => db.Employees.Where(e => e.Id == x).Select(e => e.UnitId).FirstAsync());
        Assert.Equal(unitOfX, below.UnitId);
        // The data behind each flag travels with it.
        var evidence = JsonSerializer.Deserialize<FlagEvidence>(below.Evidence)!;
        Assert.True(evidence.Value < evidence.Limit && evidence.Limit < evidence.PeerTarget, below.Evidence);
        Assert.Equal(0.998, evidence.LimitLevel);
        var dropEvidence = JsonSerializer.Deserialize<FlagEvidence>(drop.Evidence)!;
        Assert.Equal(previous, dropEvidence.PreviousPeriod);
        Assert.True(dropEvidence.Difference < 0 && dropEvidence.PValue < 0.002, drop.Evidence);
        Assert.Equal(3, JsonSerializer.Deserialize<FlagEvidence>(contests.Evidence)!.Count);
        // The steady colleagues are not flagged.
        Assert.False(await app.WithDbAsync(db => db.EarlyWarningFlags.AnyAsync(f => f.Period == current && f.SubjectId == ids[5])));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "scorecards.recompute" && a.EntityId == current)));

        // The head acts on one flag; the contests turn out rejected after all; a recompute withdraws the open
        // contests flag and leaves the actioned one as it was.
        var errors = await WithServiceAsync<FlagService, List<DefinitionError>>(app, s =>
            s.RecordActionAsync(below.Id, FlagActionKind.NoAction, null, AdminPrincipal(), default));
        Assert.Equal("Flag.ReasonRequired", Assert.Single(errors).Key);
        errors = await WithServiceAsync<FlagService, List<DefinitionError>>(app, s =>
            s.RecordActionAsync(below.Id, FlagActionKind.Mentoring, "Paired with a senior investigator for a month.", AdminPrincipal(), default));
        Assert.Empty(errors);
        await app.WithDbAsync(db => db.RatingContests.Where(c => c.EmployeeId == y).ExecuteUpdateAsync(s => s.SetProperty(c => c.Decision, Features.Feedback.ContestDecision.Rejected)));
        var again = await RecomputeAsync(app, current);
        Assert.True(again.FlagsWithdrawn >= 1);
        var after = await app.WithDbAsync(db => db.EarlyWarningFlags.AsNoTracking().Where(f => f.Id == below.Id || f.Id == contests.Id).ToDictionaryAsync(f => f.Id));
        Assert.Equal(FlagStatus.Withdrawn, after[contests.Id].Status);
        Assert.Equal(FlagStatus.Actioned, after[below.Id].Status);
        Assert.Equal(FlagActionKind.Mentoring, after[below.Id].Action);
        Assert.Equal("Paired with a senior investigator for a month.", after[below.Id].ActionNote);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "flag.action" && a.EntityId == below.Id.ToString())));
        Assert.NotNull(after[contests.Id].WithdrawnAt);
    }

    private static System.Security.Claims.ClaimsPrincipal AdminPrincipal() => new(new System.Security.Claims.ClaimsIdentity(
        [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "admin"), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Features.Identity.Roles.Administrator)],
        "test", System.Security.Claims.ClaimTypes.Name, System.Security.Claims.ClaimTypes.Role));

    [Fact]
    public async Task AnOldPeriodKeepsTheDefinitionVersionThatWasInForce()
    {
        var previous = MonthLabel(1);
        var current = MonthLabel(0);
        var ids = await EmployeesAsync(app, PositionCategory.Patrol, 5);
        await AddRatingsAsync(app, [.. ids.SelectMany(id => new[] { (id, 5, 25, MonthStart(1).AddDays(2)), (id, 3, 15, MonthStart(1).AddDays(2)),
            (id, 5, 25, MonthStart(0).AddHours(1)), (id, 3, 15, MonthStart(0).AddHours(1)) })]);
        await RecomputeAsync(app, previous);
        await RecomputeAsync(app, current);

        // Version 2 of the service-quality indicator: a higher target, in force from the first day of this month.
        var draft = await WithServiceAsync<DefinitionService, IndicatorDefinition>(app, async s => (await s.NewIndicatorVersionAsync("EMP_SCORE", "analyst", default))!);
        Assert.Equal(2, draft.Version);
        draft.Target = 4.9;
        draft.GreenFrom = 4.6;
        draft.AmberFrom = 4.2;
        Assert.Empty(await WithServiceAsync<DefinitionService, List<DefinitionError>>(app, s => s.UpdateIndicatorDraftAsync(draft.Id, draft, "analyst", default)));
        // A closed month cannot be rewritten.
        var early = await WithServiceAsync<DefinitionService, (List<DefinitionError> Errors, int)>(app, s =>
            s.ActivateIndicatorAsync(draft.Id, DateOnly.FromDateTime(MonthStart(1)), "analyst", default));
        Assert.Contains(early.Errors, e => e.Key == "Indicator.EffectiveTooEarly");
        var (errors, recomputed) = await WithServiceAsync<DefinitionService, (List<DefinitionError> Errors, int)>(app, s =>
            s.ActivateIndicatorAsync(draft.Id, DateOnly.FromDateTime(MonthStart(0)), "analyst", default));
        Assert.Empty(errors);
        Assert.True(recomputed >= 1); // this month's stored scorecards were recomputed in the same transaction

        async Task<IndicatorResult> LineAsync(string period) =>
            (await IndicatorResultsAsync(app, period, IndicatorLevel.Employee, Key(ids[0]))).Single(l => l.IndicatorCode == "EMP_SCORE");
        var now = await LineAsync(current);
        Assert.Equal(2, now.IndicatorVersion);
        Assert.Equal(100 * Math.Clamp((now.Value!.Value - 2.5) / (4.9 - 2.5), 0, 1), now.Points!.Value, 9); // version 2: target 4.9 on the scale 2.5–5
        var old = await LineAsync(previous);
        Assert.Equal(1, old.IndicatorVersion);
        // Recomputing the old month later still uses the version in force then.
        await RecomputeAsync(app, previous);
        old = await LineAsync(previous);
        Assert.Equal(1, old.IndicatorVersion);
        Assert.Equal(100 * Math.Clamp((old.Value!.Value - 2.5) / (4.5 - 2.5), 0, 1), old.Points!.Value, 9); // version 1: target 4.5
        var versions = await app.WithDbAsync(db => db.IndicatorDefinitions.Where(d => d.Code == "EMP_SCORE").OrderBy(d => d.Version).ToListAsync());
        Assert.Equal(DefinitionStatus.Retired, versions[0].Status);
        Assert.Equal(DateOnly.FromDateTime(MonthStart(0)), versions[0].EffectiveTo);
        Assert.Equal(DefinitionStatus.Active, versions[1].Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "indicator.activate" && a.EntityId == "EMP_SCORE/v2")));
    }

    [Fact]
    public async Task ADefinitionActivatedWhileARecomputeRunsNeverLeavesAHalfUpdatedScorecard()
    {
        var current = MonthLabel(0);
        var draft = await WithServiceAsync<DefinitionService, IndicatorDefinition>(app, async s => (await s.NewIndicatorVersionAsync("EMP_COURTESY", "analyst", default))!);
        draft.Target = 4.95;
        Assert.Empty(await WithServiceAsync<DefinitionService, List<DefinitionError>>(app, s => s.UpdateIndicatorDraftAsync(draft.Id, draft, "analyst", default)));
        await RecomputeAsync(app, current);

        var recompute = Task.Run(() => RecomputeAsync(app, current));
        var activate = Task.Run(() => WithServiceAsync<DefinitionService, (List<DefinitionError> Errors, int)>(app, s =>
            s.ActivateIndicatorAsync(draft.Id, DateOnly.FromDateTime(MonthStart(0)), "analyst", default)));
        await recompute;
        Assert.Empty((await activate).Errors);

        var versions = await app.WithDbAsync(db => db.IndicatorResults.Where(r => r.Period == current && r.IndicatorCode == "EMP_COURTESY")
            .GroupBy(r => r.IndicatorVersion).Select(g => new { g.Key, N = g.Count() }).ToListAsync());
        var only = Assert.Single(versions);
        Assert.Equal(2, only.Key);
        Assert.Equal(SenimApp.DemoEmployees - await app.WithDbAsync(db => db.Employees.CountAsync(e => db.Positions.Any(p => p.Id == e.PositionId && p.Category == PositionCategory.DistrictInspector))), only.N);
        Assert.Equal(SenimApp.DemoEmployees, await app.WithDbAsync(db => db.ScorecardResults.CountAsync(r => r.Period == current && r.Level == IndicatorLevel.Employee)));
    }
}

public sealed class ScorecardComputationOnSqlite(SqliteApp app) : ScorecardComputationTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class ScorecardComputationOnPostgres(PostgresApp app) : ScorecardComputationTests<PostgresApp>(app), IClassFixture<PostgresApp>;
