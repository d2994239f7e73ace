using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Scoring;

/// <summary>The methodology is data: a national analyst drafts a new version, sees field errors in their language,
/// previews it side by side with the active version on real ratings, and activates it; stored scores and the API then
/// name the new version, the old one is retired, and every step is in the audit log. A unit head may read, not change.</summary>
public abstract class MethodologyTests<TApp>(TApp app) where TApp : SenimApp
{
    private static readonly Guid FrontOfficeVisit = new("01930000-0000-7000-8000-000000000001");

    [Fact]
    public async Task ANewVersionIsDraftedPreviewedAndActivated()
    {
        // Ratings for a handful of district inspectors, some old (so a shorter half-life changes the scores).
        var now = DateTime.UtcNow;
        var inspectors = await app.WithDbAsync(async db =>
        {
            var ids = await db.Employees.Where(e => db.Positions.Any(p => p.Id == e.PositionId && p.Category == PositionCategory.DistrictInspector))
                .OrderBy(e => e.PersonnelNumber).Select(e => new { e.Id, e.UnitId }).Take(6).ToListAsync();
            var random = new Random(5);
            foreach (var (e, i) in ids.Select((e, i) => (e, i)))
            {
                for (var n = 0; n < 30; n++)
                {
                    var at = now.AddDays(-random.Next(0, 300));
                    var value = n < 15 ? 2 + (i % 3) : 5 - (i % 2);
                    var interaction = new Interaction { KindId = FrontOfficeVisit, UnitId = e.UnitId, OccurredAt = at, RegisteredBy = "test", RegisteredAt = at, Code = InvitationCode.New(), ExpiresAt = at.AddDays(14), UsedAt = at };
                    db.Interactions.Add(interaction);
                    db.InteractionEmployees.Add(new InteractionEmployee { InteractionId = interaction.Id, EmployeeId = e.Id });
                    // Old ratings low, recent ones high: the half-life decides how much the old ones still weigh.
                    db.Ratings.Add(new Rating { InteractionId = interaction.Id, UnitId = e.UnitId, KindId = FrontOfficeVisit, SubmittedAt = n < 15 ? now.AddDays(-250) : at, Courtesy = value, Competence = value, Timeliness = value, Resolved = value, Trust = 5, Culture = "kk" });
                }
            }
            await db.SaveChangesAsync();
            await ScoreBuckets.RebuildAsync(db, await ScoreBuckets.ActiveAsync(db, default), default);
            return ids.Select(x => x.Id).ToList();
        });

        // A unit head reads the versions but cannot draft.
        var head = await app.SignInAsync("head", culture: "en");
        var readOnly = await head.GetStringAsync("/Scores/Methodology");
        Assert.Contains("In force", readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Create a draft", readOnly, StringComparison.Ordinal);
        var refused = await SenimApp.PostFormAsync(head, "/Scores/Methodology?handler=Draft", [], "/Scores/Methodology");
        Assert.Contains("AccessDenied", refused.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Methodologies.AnyAsync(m => m.Version == 2)));

        var analyst = await app.SignInAsync("analyst", culture: "ru");
        Assert.Equal(HttpStatusCode.Redirect, (await SenimApp.PostFormAsync(analyst, "/Scores/Methodology?handler=Draft", [], "/Scores/Methodology")).StatusCode);
        Assert.Equal(MethodologyStatus.Draft, await app.WithDbAsync(db => db.Methodologies.Where(m => m.Version == 2).Select(m => m.Status).SingleAsync()));

        Dictionary<string, string> Form(string halfLife, string wc = "1") => new()
        {
            ["Input.HalfLifeDays"] = halfLife, ["Input.MinimumEffectiveN"] = "10", ["Input.MaximumIntervalWidth"] = "1,5", ["Input.BetweenVarianceFloor"] = "0,0025",
            ["Input.SatisfiedThreshold"] = "4", ["Input.WeightCourtesy"] = wc, ["Input.WeightCompetence"] = "1", ["Input.WeightTimeliness"] = "1",
            ["Input.WeightResolved"] = "1", ["Input.PeerGroups"] = "PositionCategory", ["Input.Note"] = "Shorter memory", ["Category"] = "DistrictInspector",
        };
        // Bad values: refused with messages in the reader's language, nothing saved.
        var bad = await SenimApp.PostFormAsync(analyst, "/Scores/Methodology?handler=Save", Form("3", "-1"), "/Scores/Methodology");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Период полураспада должен быть от 7 до 3650 дней.", badPage, StringComparison.Ordinal);
        Assert.Equal(180, await app.WithDbAsync(db => db.Methodologies.Where(m => m.Version == 2).Select(m => m.HalfLifeDays).SingleAsync()));

        var saved = await SenimApp.PostFormAsync(analyst, "/Scores/Methodology?handler=Save", Form("30"), "/Scores/Methodology");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var preview = await analyst.GetStringAsync(saved.Headers.Location!.ToString());
        Assert.Contains("id=\"preview\"", preview, StringComparison.Ordinal);
        Assert.Contains("Версия 1 и проект 2", preview, StringComparison.Ordinal);
        var before = await ScoreAsync(inspectors[0]);
        Assert.Equal(1, before.GetProperty("methodologyVersion").GetInt32());

        var activated = await SenimApp.PostFormAsync(analyst, "/Scores/Methodology?handler=Activate", [], "/Scores/Methodology");
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Contains("Версия 2 введена", await activated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var versions = await app.WithDbAsync(db => db.Methodologies.OrderBy(m => m.Version).Select(m => new { m.Version, m.Status }).ToListAsync());
        Assert.Equal(MethodologyStatus.Retired, versions[0].Status);
        Assert.Equal(MethodologyStatus.Active, versions[1].Status);

        var after = await ScoreAsync(inspectors[0]);
        Assert.Equal(2, after.GetProperty("methodologyVersion").GetInt32());
        Assert.NotEqual(before.GetProperty("rawMean").GetDouble(), after.GetProperty("rawMean").GetDouble(), 6); // recent ratings weigh more now
        Assert.True(await app.WithDbAsync(db => db.Scores.AnyAsync(s => s.MethodologyVersion == 2 && s.SubjectId == inspectors[0])));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("methodology.")).Select(a => a.Action).ToListAsync());
        Assert.Equal(["methodology.activate", "methodology.draft", "methodology.edit"], audit.Order(StringComparer.Ordinal).ToArray());
    }

    private async Task<JsonElement> ScoreAsync(Guid employee) =>
        await app.WithApiKey(DemoAccounts.ApiKey).GetFromJsonAsync<JsonElement>($"/api/v1/employees/{employee}/score");
}

public sealed class MethodologyOnSqlite(SqliteApp app) : MethodologyTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class MethodologyOnPostgres(PostgresApp app) : MethodologyTests<PostgresApp>(app), IClassFixture<PostgresApp>;
