using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Data;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Scoring;

/// <summary>The scores' sufficient statistics kept up to date one rating at a time agree with a full rebuild from the
/// ratings, to 1e-9, on random data — and so do the scores computed from them.</summary>
public abstract class IncrementalScoresTests<TApp>(TApp app) where TApp : SenimApp
{
    [Fact]
    public async Task IncrementalUpdatesEqualAFullRecomputeOnRandomData()
    {
        var random = new Random(20261125);
        var kinds = await app.WithDbAsync(db => db.InteractionKinds.Select(k => k.Id).ToListAsync());
        var people = await app.WithDbAsync(db => (from e in db.Employees
                                                  join p in db.Positions on e.PositionId equals p.Id
                                                  where p.Category == PositionCategory.DistrictInspector
                                                  orderby e.PersonnelNumber
                                                  select new { e.Id, e.UnitId }).Take(40).ToListAsync());
        var now = DateTime.UtcNow;

        // 1) 800 ratings over the last 14 months, each applied incrementally when it starts counting (in random order),
        //    a fifth of them later stopping (contested or removed) and some of those counting again.
        var ratings = await app.WithDbAsync(async db =>
        {
            var list = new List<(Rating Rating, Guid[] Staff)>();
            for (var i = 0; i < 800; i++)
            {
                var a = people[random.Next(people.Count)];
                var staff = random.Next(5) == 0 ? new[] { a.Id, people[random.Next(people.Count)].Id }.Distinct().ToArray() : [a.Id];
                var at = now.AddDays(-random.NextDouble() * 420);
                var interaction = new Interaction
                {
                    KindId = kinds[random.Next(kinds.Count)], UnitId = a.UnitId, OccurredAt = at, RegisteredBy = "test", RegisteredAt = at,
                    Code = InvitationCode.New(), ExpiresAt = at.AddDays(14), UsedAt = at,
                };
                db.Interactions.Add(interaction);
                foreach (var e in staff) db.InteractionEmployees.Add(new InteractionEmployee { InteractionId = interaction.Id, EmployeeId = e });
                var rating = new Rating
                {
                    InteractionId = interaction.Id, UnitId = a.UnitId, KindId = interaction.KindId, SubmittedAt = at, Courtesy = random.Next(1, 6),
                    Competence = random.Next(1, 6), Timeliness = random.Next(1, 6), Resolved = random.Next(1, 6), Trust = random.Next(0, 11),
                    Culture = "kk", Status = random.Next(10) == 0 ? RatingStatus.Held : RatingStatus.Counted,
                };
                db.Ratings.Add(rating);
                list.Add((rating, staff));
            }
            await db.SaveChangesAsync();
            var m = await ScoreBuckets.ActiveAsync(db, default);
            foreach (var chunk in list.Where(x => x.Rating.Status == RatingStatus.Counted).OrderBy(_ => random.Next()).Chunk(37))
                await ScoreBuckets.ApplyAsync(db, ScoreBuckets.Deltas(chunk.Select(x => (x.Rating, (IEnumerable<Guid>)x.Staff, +1)), m).Values, default);
            return list;
        });
        await app.WithDbAsync(async db =>
        {
            foreach (var (rating, _) in ratings.Where(x => x.Rating.Status == RatingStatus.Counted).OrderBy(_ => random.Next()).Take(160))
            {
                var tracked = await db.Ratings.FirstAsync(r => r.Id == rating.Id);
                tracked.Status = random.Next(2) == 0 ? RatingStatus.Contested : RatingStatus.Removed;
                await db.SaveChangesAsync();
                await ScoreBuckets.ApplyStatusChangesAsync(db, [(tracked, -1)], default);
                if (tracked.Status == RatingStatus.Contested && random.Next(2) == 0)
                {
                    tracked.Status = RatingStatus.Counted; // the contest was rejected: the rating counts again
                    await db.SaveChangesAsync();
                    await ScoreBuckets.ApplyStatusChangesAsync(db, [(tracked, +1)], default);
                }
            }
            return 0;
        });

        // 2) Real submissions through the API (the group-commit writer updates the statistics in its transaction),
        //    and a contest decided by a moderator (the moderation service does).
        var api = app.WithApiKey(DemoAccounts.ApiKey);
        var resident = app.Anonymous("en");
        var target = people[0];
        var personnel = await app.WithDbAsync(db => db.Employees.Where(e => e.Id == target.Id).Select(e => e.PersonnelNumber).FirstAsync());
        var unitCode = await app.WithDbAsync(db => db.Units.Where(u => u.Id == target.UnitId).Select(u => u.Code).FirstAsync());
        for (var i = 0; i < 25; i++)
        {
            var registered = await api.PostAsJsonAsync("/api/v1/interactions", new { kind = "front-office-visit", unitCode, personnelNumbers = new[] { personnel }, occurredAt = now });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            var code = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
            var rated = await resident.PostAsJsonAsync($"/api/v1/feedback/{code}",
                new { courtesy = random.Next(1, 6), competence = random.Next(1, 6), timeliness = random.Next(3, 6), resolved = random.Next(1, 6), trust = 7 });
            Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
        }

        var period = ScorePeriod.Parse("rolling12", now)!;
        var incremental = await SnapshotAsync();
        var scoresBefore = await ScoresAsync(period);

        // 3) The full recompute rebuilds everything from the ratings.
        await app.WithDbAsync(async db =>
        {
            var recompute = new ScoreRecompute(db, new ScoringService(db, TimeProvider.System));
            return await recompute.RunAsync(await ScoreBuckets.ActiveAsync(db, default), period, rebuild: true);
        });
        var full = await SnapshotAsync();
        var scoresAfter = await ScoresAsync(period);

        Assert.True(full.Count > 100, $"only {full.Count} buckets");
        foreach (var (key, b) in full)
        {
            Assert.True(incremental.TryGetValue(key, out var i), $"bucket {key} missing from the incremental statistics");
            Assert.Equal(b.Count, i.Count);
            foreach (var (name, x, y) in Fields(b, i)) Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"{key} {name}: full {x}, incremental {y}");
        }
        // Buckets the rebuild does not have must be empty on the incremental side (every rating there was withdrawn).
        foreach (var (key, i) in incremental.Where(x => !full.ContainsKey(x.Key)))
        {
            Assert.Equal(0, i.Count);
            Assert.True(Math.Abs(i.SumW) < 1e-9, $"{key} left {i.SumW}");
        }
        Assert.Equal(scoresBefore.Count, scoresAfter.Count);
        foreach (var (id, before) in scoresBefore)
        {
            var after = scoresAfter[id];
            Assert.Equal(before.Ratings, after.Ratings);
            Assert.Equal(before.Estimate, after.Estimate, 9);
            Assert.Equal(before.Lower, after.Lower, 9);
            Assert.Equal(before.Upper, after.Upper, 9);
            Assert.Equal(before.Criteria!["resolved"].Estimate, after.Criteria!["resolved"].Estimate, 9);
        }

        // The recompute stored the scores, with the methodology version, for employees and units.
        var stored = await app.WithDbAsync(db => db.Scores.Where(s => s.Period == "rolling12" && s.SubjectType == ScoreSubject.Employee
            && s.SubjectId == target.Id && s.Criterion == Criterion.Overall).SingleAsync());
        Assert.Equal(1, stored.MethodologyVersion);
        Assert.Equal(scoresAfter[target.Id].Estimate, stored.Estimate, 9);
        Assert.True(await app.WithDbAsync(db => db.Scores.CountAsync(s => s.SubjectType == ScoreSubject.Unit)) > 0);
    }

    private Task<Dictionary<BucketKey, ScoreBucket>> SnapshotAsync() => app.WithDbAsync(async db =>
        (await db.ScoreBuckets.AsNoTracking().ToListAsync()).ToDictionary(b => new BucketKey(b.SubjectType, b.SubjectId, b.Month, b.KindId)));

    private Task<Dictionary<Guid, ScoreExplanation>> ScoresAsync(ScorePeriod period) => app.WithDbAsync(async db =>
    {
        var scoring = new ScoringService(db, TimeProvider.System);
        return (await scoring.PeerEmployeesAsync(PositionCategory.DistrictInspector, period)).ToDictionary(s => s.SubjectId);
    });

    private static IEnumerable<(string, double, double)> Fields(ScoreBucket a, ScoreBucket b) =>
    [
        ("SumW", a.SumW, b.SumW), ("SumW2", a.SumW2, b.SumW2), ("OverallSum", a.OverallSum, b.OverallSum), ("OverallSumSq", a.OverallSumSq, b.OverallSumSq),
        ("OverallSat", a.OverallSat, b.OverallSat), ("CourtesySum", a.CourtesySum, b.CourtesySum), ("CourtesySumSq", a.CourtesySumSq, b.CourtesySumSq),
        ("CourtesySat", a.CourtesySat, b.CourtesySat), ("CompetenceSum", a.CompetenceSum, b.CompetenceSum), ("CompetenceSumSq", a.CompetenceSumSq, b.CompetenceSumSq),
        ("CompetenceSat", a.CompetenceSat, b.CompetenceSat), ("TimelinessSum", a.TimelinessSum, b.TimelinessSum),
        ("TimelinessSumSq", a.TimelinessSumSq, b.TimelinessSumSq), ("TimelinessSat", a.TimelinessSat, b.TimelinessSat),
        ("ResolvedSum", a.ResolvedSum, b.ResolvedSum), ("ResolvedSumSq", a.ResolvedSumSq, b.ResolvedSumSq), ("ResolvedSat", a.ResolvedSat, b.ResolvedSat),
    ];
}

public sealed class IncrementalScoresOnSqlite(SqliteApp app) : IncrementalScoresTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class IncrementalScoresOnPostgres(PostgresApp app) : IncrementalScoresTests<PostgresApp>(app), IClassFixture<PostgresApp>;
