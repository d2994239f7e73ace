using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Data;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Scoring;

public abstract class ScoreApiTests<TApp>(TApp app) where TApp : SenimApp
{
    private static readonly Guid FrontOfficeVisit = new("01930000-0000-7000-8000-000000000001");
    private static readonly Guid OffenderProcessing = new("01930000-0000-7000-8000-000000000005");

    /// <summary>Writes counted ratings straight into the database: (employee, kind, the four criteria all equal to value).</summary>
    private Task AddRatingsAsync(params (Guid Employee, Guid Kind, int Value, int Count)[] batches) => app.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        foreach (var (employee, kind, value, count) in batches)
        {
            var unit = await db.Employees.Where(e => e.Id == employee).Select(e => e.UnitId).FirstAsync();
            for (var i = 0; i < count; i++)
            {
                var interaction = new Interaction
                {
                    KindId = kind, UnitId = unit, OccurredAt = now, RegisteredBy = "test", RegisteredAt = now, Code = InvitationCode.New(),
                    ExpiresAt = now.AddDays(1), UsedAt = now,
                };
                db.Interactions.Add(interaction);
                db.InteractionEmployees.Add(new InteractionEmployee { InteractionId = interaction.Id, EmployeeId = employee });
                db.Ratings.Add(new Rating
                {
                    InteractionId = interaction.Id, UnitId = unit, KindId = kind, SubmittedAt = now, Courtesy = value, Competence = value,
                    Timeliness = value, Resolved = value, Trust = 5, Culture = "kk",
                });
            }
        }
        var n = await db.SaveChangesAsync();
        // Written behind the service's back: rebuild the scores' statistics, as the full recompute does.
        await ScoreBuckets.RebuildAsync(db, await ScoreBuckets.ActiveAsync(db, default), default);
        return n;
    });

    private async Task<List<Guid>> InspectorsAsync(int n) => await app.WithDbAsync(db => db.Employees
        .Where(e => db.Positions.Any(p => p.Id == e.PositionId && p.Category == PositionCategory.JuvenileInspector))
        .OrderBy(e => e.PersonnelNumber).Select(e => e.Id).Take(n).ToListAsync());

    private async Task<JsonElement> ScoreAsync(Guid employee, string? period = null)
    {
        var response = await app.WithApiKey(DemoAccounts.ApiKey).GetAsync($"/api/v1/employees/{employee}/score" + (period is null ? "" : "?period=" + period));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task ScoresAreShrunkTowardThePeerMeanAndExplainThemselves()
    {
        var ids = await InspectorsAsync(4);
        // Four juvenile inspectors, front-office visits only: a (5 ×40, 3 ×10), b (4 ×30, 2 ×10), c (3 ×2, 5 ×1), d none.
        await AddRatingsAsync((ids[0], FrontOfficeVisit, 5, 40), (ids[0], FrontOfficeVisit, 3, 10), (ids[1], FrontOfficeVisit, 4, 30),
            (ids[1], FrontOfficeVisit, 2, 10), (ids[2], FrontOfficeVisit, 3, 2), (ids[2], FrontOfficeVisit, 5, 1));

        var a = await ScoreAsync(ids[0]);
        Assert.Equal(50, a.GetProperty("ratings").GetInt32());
        Assert.Equal(4.6, a.GetProperty("rawMean").GetDouble(), 3); // (40·5 + 10·3) / 50 = 4.6 (weights ≈ 1: rated just now)
        var peer = a.GetProperty("peerMean").GetDouble();
        var estimate = a.GetProperty("estimate").GetDouble();
        Assert.InRange(estimate, peer, 4.6); // pulled toward the peer mean, never past it
        Assert.InRange(estimate, a.GetProperty("lower").GetDouble(), a.GetProperty("upper").GetDouble());
        Assert.Equal(estimate - 4.6, a.GetProperty("pull").GetDouble(), 9);
        Assert.Equal(0.8, a.GetProperty("shareSatisfied").GetDouble(), 9); // 40 of 50 rated ≥ 4
        Assert.Equal("JuvenileInspector", a.GetProperty("peerGroup").GetString());
        Assert.Equal(1, a.GetProperty("methodologyVersion").GetInt32());
        Assert.Equal("official", a.GetProperty("status").GetString());
        // Every criterion is scored the same way (here all four equal the rating, so each matches the overall score).
        var courtesy = a.GetProperty("criteria").GetProperty("courtesy");
        Assert.Equal("courtesy", courtesy.GetProperty("criterion").GetString());
        Assert.Equal(4.6, courtesy.GetProperty("rawMean").GetDouble(), 3);
        Assert.Equal(estimate, courtesy.GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(4, a.GetProperty("criteria").EnumerateObject().Count());

        // Three ratings: shrunk much harder, and not official (effective n below 30).
        var c = await ScoreAsync(ids[2]);
        Assert.True(c.GetProperty("shrinkageFactor").GetDouble() > a.GetProperty("shrinkageFactor").GetDouble());
        Assert.Equal("insufficient", c.GetProperty("status").GetString());
        Assert.Contains("TooFewEffectiveRatings", c.GetProperty("insufficientBecause").EnumerateArray().Select(x => x.GetString()));

        // The employee page says the same in words, the interval next to the rank.
        var admin = await app.SignInAsync("admin", culture: "en");
        var page = await admin.GetStringAsync($"/Org/Employee/{ids[0]}");
        Assert.Contains($"Score: {estimate.ToString("0.00", System.Globalization.CultureInfo.GetCultureInfo("en"))} (95% interval", page, StringComparison.Ordinal);
        Assert.Contains("from 50 ratings", page, StringComparison.Ordinal);
        Assert.Contains("Place among colleagues", page, StringComparison.Ordinal);
        Assert.Contains("id=\"score-criteria\"", page, StringComparison.Ordinal);
        Assert.Contains("Courtesy", page, StringComparison.Ordinal);

        // No ratings at all: defined, explained, insufficient — never NaN or an error.
        var d = await ScoreAsync(ids[3]);
        Assert.Equal(0, d.GetProperty("ratings").GetInt32());
        Assert.Equal("insufficient", d.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnOfficerWhoOnlyProcessesOffendersAtTheirNormScoresAtTheNorm()
    {
        var ids = await app.WithDbAsync(db => db.Employees
            .Where(e => db.Positions.Any(p => p.Id == e.PositionId && p.Category == PositionCategory.Patrol))
            .OrderBy(e => e.PersonnelNumber).Select(e => e.Id).Take(3).ToListAsync());
        // Offender processing is rated lower everywhere (norm 2); front-office visits higher (norm 4.5).
        await AddRatingsAsync((ids[0], OffenderProcessing, 2, 40), (ids[1], FrontOfficeVisit, 4, 20), (ids[1], FrontOfficeVisit, 5, 20),
            (ids[2], OffenderProcessing, 2, 20), (ids[2], FrontOfficeVisit, 4, 10), (ids[2], FrontOfficeVisit, 5, 10));
        var officer = await ScoreAsync(ids[0]);
        Assert.Equal(2, officer.GetProperty("rawMean").GetDouble(), 6);
        Assert.Equal(2, officer.GetProperty("expectedMean").GetDouble(), 6); // the offender-processing norm
        // Observed − expected = 0, so the case-mix adjusted mean is the peer grand mean, not "2 out of 5".
        var grand = (40 * 2 + 20 * 4 + 20 * 5 + 20 * 2 + 10 * 4 + 10 * 5) / 120.0;
        Assert.Equal(grand, officer.GetProperty("caseMixAdjustedMean").GetDouble(), 3);
    }

    [Fact]
    public async Task IdenticalRatingsEverywhereGiveADefinedInsufficientScore()
    {
        var ids = await app.WithDbAsync(db => db.Employees
            .Where(e => db.Positions.Any(p => p.Id == e.PositionId && p.Category == PositionCategory.Teaching))
            .OrderBy(e => e.PersonnelNumber).Select(e => e.Id).Take(2).ToListAsync());
        await AddRatingsAsync((ids[0], FrontOfficeVisit, 4, 5), (ids[1], FrontOfficeVisit, 4, 5));
        var s = await ScoreAsync(ids[0]);
        Assert.Equal("insufficient", s.GetProperty("status").GetString());
        Assert.Equal(4, s.GetProperty("rawMean").GetDouble(), 6);
    }

    [Fact]
    public async Task UnitHeadsSeeACaterpillarAndAnalystsAFunnelWithOutliers()
    {
        var head = await app.HeadUnitAsync();
        var team = await app.WithDbAsync(db => db.Employees.Where(e => db.Units.Any(u => u.Id == e.UnitId && u.Path.StartsWith(head.Path)))
            .OrderBy(e => e.PersonnelNumber).Select(e => e.Id).Take(3).ToListAsync());
        await AddRatingsAsync((team[0], FrontOfficeVisit, 5, 35), (team[1], FrontOfficeVisit, 3, 35), (team[2], FrontOfficeVisit, 4, 3));
        // Many directorates with ordinary ratings, and one far below them, so the funnel has something to show.
        var directorates = await app.WithDbAsync(db => db.Units.Where(u => u.Kind == UnitKind.DistrictDirectorate).OrderBy(u => u.Code).Select(u => u.Id).Take(12).ToListAsync());
        var staff = await app.WithDbAsync(async db =>
        {
            var list = new List<Guid>();
            foreach (var d in directorates) list.Add(await db.Employees.Where(e => e.UnitId == d).Select(e => e.Id).FirstAsync());
            return list;
        });
        await AddRatingsAsync([.. staff.Skip(1).Select(e => (e, FrontOfficeVisit, 4, 15)), .. staff.Skip(1).Select(e => (e, FrontOfficeVisit, 5, 5)), (staff[0], FrontOfficeVisit, 1, 40)]);

        var headClient = await app.SignInAsync("head", culture: "en");
        var caterpillar = await headClient.GetStringAsync("/Scores/Team");
        Assert.Contains("<svg", caterpillar, StringComparison.Ordinal);
        Assert.Contains("95% interval", caterpillar, StringComparison.Ordinal);
        var outside = await app.WithDbAsync(db => db.Units.Where(u => !u.Path.StartsWith(head.Path)).Select(u => u.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await headClient.GetAsync($"/Scores/Team?unitId={outside}")).StatusCode);

        var analyst = await app.SignInAsync("analyst", culture: "en");
        var funnel = await analyst.GetStringAsync("/Scores/Units?kind=DistrictDirectorate");
        Assert.Contains("polyline", funnel, StringComparison.Ordinal);
        Assert.Contains("below the 99.8% limit", funnel, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/Scores/Units?kind=Nonsense")).StatusCode);
    }

    [Fact]
    public async Task ScoresFollowTheReadersScope()
    {
        var own = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "officer").Select(u => u.EmployeeId!.Value).FirstAsync());
        var other = await app.WithDbAsync(db => db.Employees.Where(e => e.Id != own).Select(e => e.Id).FirstAsync());
        var officer = await app.SignInAsync("officer");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/employees/{own}/score")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/api/v1/employees/{other}/score")).StatusCode);

        var head = await app.HeadUnitAsync();
        var outsideUnit = await app.WithDbAsync(db => db.Units.Where(u => !u.Path.StartsWith(head.Path)).Select(u => u.Id).FirstAsync());
        var headClient = await app.SignInAsync("head");
        Assert.Equal(HttpStatusCode.OK, (await headClient.GetAsync($"/api/v1/units/{head.Id}/score")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await headClient.GetAsync($"/api/v1/units/{outsideUnit}/score")).StatusCode);

        var bad = app.WithApiKey(DemoAccounts.ApiKey);
        bad.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var response = await bad.GetAsync($"/api/v1/employees/{own}/score?period=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Invalid period", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bad.GetAsync($"/api/v1/employees/{own}/score?period=2026-Q4")).StatusCode);
    }
}

public sealed class ScoreApiOnSqlite(SqliteApp app) : ScoreApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class ScoreApiOnPostgres(PostgresApp app) : ScoreApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
