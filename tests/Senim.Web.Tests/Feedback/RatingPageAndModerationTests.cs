using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Feedback;

public abstract class RatingPageAndModerationTests<TApp>(TApp app) where TApp : SenimApp
{
    private async Task<(string Code, Guid EmployeeId)> RegisterForModeratedEmployeeAsync()
    {
        // An employee of the moderator's region who is not under the demo unit head.
        var head = await app.HeadUnitAsync();
        var (unitCode, employee) = await app.WithDbAsync(async db =>
        {
            var e = await db.Employees.Where(x => db.Units.Any(u => u.Id == x.UnitId && u.RegionCode == head.RegionCode && !u.Path.StartsWith(head.Path) && u.Kind == Senim.Web.Features.Organisation.UnitKind.FrontOffice))
                .OrderBy(x => x.PersonnelNumber).FirstAsync();
            var code = await db.Units.Where(u => u.Id == e.UnitId).Select(u => u.Code).FirstAsync();
            return (code, e.Id);
        });
        var response = await app.WithApiKey(DemoAccounts.ApiKey).PostAsJsonAsync("/api/v1/interactions",
            new { kind = "front-office-visit", unitCode, employeeIds = new[] { employee }, occurredAt = DateTime.UtcNow.AddMinutes(-5) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!, employee);
    }

    [Fact]
    public async Task AResidentRatesOnThePageWithoutJavaScriptInTheirLanguage()
    {
        var (code, _) = await RegisterForModeratedEmployeeAsync();
        var resident = app.Anonymous("ru");
        var page = await resident.GetAsync($"/f/{code}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ru\">", html, StringComparison.Ordinal);
        Assert.Contains("Посещение фронт-офиса", html, StringComparison.Ordinal);
        Assert.DoesNotContain("bootstrap", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.True(html.Length < 30_000, $"rating page is {html.Length} bytes");

        var missing = await SenimApp.PostFormAsync(resident, $"/f/{code}", new() { ["courtesy"] = "5", ["competence"] = "4", ["comment"] = "Всё хорошо" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var again = await missing.Content.ReadAsStringAsync();
        Assert.Contains("Выберите оценку.", again, StringComparison.Ordinal);
        Assert.Contains("Всё хорошо", again, StringComparison.Ordinal); // what was typed is kept

        var ok = await SenimApp.PostFormAsync(resident, $"/f/{code}", new()
        {
            ["courtesy"] = "5", ["competence"] = "4", ["timeliness"] = "4", ["resolved"] = "5", ["trust"] = "8", ["comment"] = "<script>alert(1)</script> Спасибо",
        });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var thanks = await ok.Content.ReadAsStringAsync();
        Assert.Contains("Спасибо!", thanks, StringComparison.Ordinal);
        Assert.Contains("Ваш комментарий опубликован.", thanks, StringComparison.Ordinal);

        var later = await resident.GetStringAsync($"/f/{InvitationCode.Display(code).ToLowerInvariant()}");
        Assert.Contains("Оценка уже получена", later, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Ratings.FirstAsync(r => db.Interactions.Any(i => i.Id == r.InteractionId && i.Code == code)));
        Assert.Equal("ru", stored.Culture);
        Assert.Equal(8, stored.Trust);
    }

    [Fact]
    public async Task TypingACodeFindsThePageAndATypoIsCaughtByTheCheckCharacter()
    {
        var (code, _) = await RegisterForModeratedEmployeeAsync();
        var resident = app.Anonymous("en");
        var go = await resident.GetAsync($"/f/go?c={Uri.EscapeDataString(InvitationCode.Display(code).ToLowerInvariant())}");
        Assert.Equal(HttpStatusCode.Redirect, go.StatusCode);
        Assert.Equal($"/f/{code}", go.Headers.Location!.OriginalString);
        var typo = code[..3] + (code[3] == 'A' ? 'B' : 'A') + code[4..];
        var bad = await resident.GetAsync($"/f/go?c={typo}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("The code is not valid", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/f/{InvitationCode.New()}")).StatusCode);
    }

    [Fact]
    public async Task AnEmployeeContestsARatingAndAModeratorDecides()
    {
        var (code, employeeId) = await RegisterForModeratedEmployeeAsync();
        await app.Anonymous().PostAsJsonAsync($"/api/v1/feedback/{code}", new { courtesy = 1, competence = 1, timeliness = 1, resolved = 1, trust = 0 });
        var ratingId = await app.WithDbAsync(db => db.Ratings.Where(r => db.Interactions.Any(i => i.Id == r.InteractionId && i.Code == code)).Select(r => r.Id).FirstAsync());

        // The moderation service is used directly for the employee side: demo data binds only one officer to a login.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var moderation = scope.ServiceProvider.GetRequiredService<ModerationService>();
            Assert.Equal(ModerationResult.Invalid, await moderation.ContestAsync(employeeId, ratingId, "short"));
            Assert.Equal(ModerationResult.Done, await moderation.ContestAsync(employeeId, ratingId, "The resident was detained for a violation and this is retaliation."));
            Assert.Equal(ModerationResult.NotPending, await moderation.ContestAsync(employeeId, ratingId, "Second attempt at contesting the same rating."));
        }
        Assert.Equal(RatingStatus.Contested, await app.WithDbAsync(db => db.Ratings.Where(r => r.Id == ratingId).Select(r => r.Status).FirstAsync()));

        var moderator = await app.SignInAsync("moderator", culture: "en");
        var page = await moderator.GetStringAsync("/Moderation");
        Assert.Contains("retaliation", page, StringComparison.Ordinal);
        var contestId = await app.WithDbAsync(db => db.RatingContests.Where(c => c.RatingId == ratingId).Select(c => c.Id).FirstAsync());
        var decided = await SenimApp.PostFormAsync(moderator, "/Moderation?handler=Contest", new() { ["contestId"] = contestId.ToString(), ["uphold"] = "false", ["note"] = "Rating stands." }, formPage: "/Moderation");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var (status, audit) = await app.WithDbAsync(async db => (
            await db.Ratings.Where(r => r.Id == ratingId).Select(r => r.Status).FirstAsync(),
            await db.AuditEntries.Where(a => a.EntityId == contestId.ToString()).Select(a => a.Action + " " + a.Actor).ToListAsync()));
        Assert.Equal(RatingStatus.Counted, status);
        Assert.Equal(["contest.reject moderator"], audit);
    }

    [Fact]
    public async Task AModeratorDecidesSeveralHeldItemsAtOnceEachAuditedAndScopeStillApplies()
    {
        // Three held ratings in the moderator's region and one outside it.
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var (code, _) = await RegisterForModeratedEmployeeAsync();
            Assert.Equal(HttpStatusCode.Created, (await app.Anonymous().PostAsJsonAsync($"/api/v1/feedback/{code}", new { courtesy = 2, competence = 3, timeliness = 3, resolved = 2, trust = 4 })).StatusCode);
            ids.Add(await app.WithDbAsync(db => db.Ratings.Where(r => db.Interactions.Any(x => x.Id == r.InteractionId && x.Code == code)).Select(r => r.Id).FirstAsync()));
        }
        var outsideUnit = await app.WithDbAsync(db => db.Units.Where(u => u.RegionCode == "astana" && u.Kind == Senim.Web.Features.Organisation.UnitKind.FrontOffice).Select(u => u.Code).FirstAsync());
        var created = await app.WithApiKey(DemoAccounts.ApiKey).PostAsJsonAsync("/api/v1/interactions", new { kind = "consultation", unitCode = outsideUnit, occurredAt = DateTime.UtcNow });
        var outsideCode = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        await app.Anonymous().PostAsJsonAsync($"/api/v1/feedback/{outsideCode}", new { courtesy = 3, competence = 3, timeliness = 3, resolved = 3, trust = 5 });
        var outside = await app.WithDbAsync(db => db.Ratings.Where(r => db.Interactions.Any(x => x.Id == r.InteractionId && x.Code == outsideCode)).Select(r => r.Id).FirstAsync());
        await app.WithDbAsync(db => db.Ratings.Where(r => ids.Contains(r.Id) || r.Id == outside)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RatingStatus.Held).SetProperty(r => r.HoldReason, "network")));

        var moderator = await app.SignInAsync("moderator", culture: "en");
        var page = await moderator.GetStringAsync("/Moderation");
        Assert.Contains($"value=\"{ids[0]}:Rating\"", page, StringComparison.Ordinal);
        Assert.Contains("Release the selected", page, StringComparison.Ordinal);

        // Nothing selected: a clear message, nothing changes.
        var none = await SenimApp.PostFormAsync(moderator, "/Moderation?handler=Bulk", [new("release", "true")], formPage: "/Moderation");
        Assert.Equal(HttpStatusCode.Redirect, none.StatusCode);
        Assert.Contains("No item was selected.", await moderator.GetStringAsync("/Moderation"), StringComparison.Ordinal);

        // Two of ours, the one outside the subtree (crafted: it is not on the page), and a malformed item.
        var response = await SenimApp.PostFormAsync(moderator, "/Moderation?handler=Bulk",
            [new("items", $"{ids[0]}:Rating"), new("items", $"{ids[1]}:Rating"), new("items", $"{outside}:Rating"), new("items", "not-an-id"),
             new("release", "false"), new("note", "Coordinated ratings from one network.")], formPage: "/Moderation");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Decided: 2; not decided: 1", await moderator.GetStringAsync("/Moderation"), StringComparison.Ordinal);

        var (statuses, audit) = await app.WithDbAsync(async db => (
            await db.Ratings.Where(r => ids.Contains(r.Id) || r.Id == outside).ToDictionaryAsync(r => r.Id, r => r.Status),
            await db.AuditEntries.Where(a => a.Action == "rating.reject" && a.Actor == "moderator").Select(a => a.EntityId).ToListAsync()));
        Assert.Equal(RatingStatus.Removed, statuses[ids[0]]);
        Assert.Equal(RatingStatus.Removed, statuses[ids[1]]);
        Assert.Equal(RatingStatus.Held, statuses[ids[2]]);
        Assert.Equal(RatingStatus.Held, statuses[outside]);
        Assert.Contains(ids[0].ToString(), audit);
        Assert.Contains(ids[1].ToString(), audit);
        Assert.DoesNotContain(outside.ToString(), audit);
    }

    [Fact]
    public async Task TheUnitHeadCannotModerateAndModeratorsStayInTheirSubtree()
    {
        var head = await app.SignInAsync("head");
        Assert.Equal(HttpStatusCode.Redirect, (await head.GetAsync("/Moderation")).StatusCode); // not a moderator: access denied page
        var outside = await app.WithDbAsync(db => db.Units.Where(u => u.RegionCode == "astana" && u.Kind == Senim.Web.Features.Organisation.UnitKind.FrontOffice).Select(u => u.Code).FirstAsync());
        var created = await app.WithApiKey(DemoAccounts.ApiKey).PostAsJsonAsync("/api/v1/interactions", new { kind = "consultation", unitCode = outside, occurredAt = DateTime.UtcNow });
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        await app.Anonymous().PostAsJsonAsync($"/api/v1/feedback/{code}", new { courtesy = 3, competence = 3, timeliness = 3, resolved = 3, trust = 5 });
        var ratingId = await app.WithDbAsync(async db =>
        {
            var id = await db.Ratings.Where(r => db.Interactions.Any(i => i.Id == r.InteractionId && i.Code == code)).Select(r => r.Id).FirstAsync();
            await db.Ratings.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RatingStatus.Held).SetProperty(r => r.HoldReason, "network"));
            return id;
        });
        var moderator = await app.SignInAsync("moderator", culture: "en");
        Assert.DoesNotContain(ratingId.ToString(), await moderator.GetStringAsync("/Moderation"), StringComparison.Ordinal);
        await SenimApp.PostFormAsync(moderator, "/Moderation?handler=Held", new() { ["ratingId"] = ratingId.ToString(), ["target"] = "Rating", ["release"] = "true" }, formPage: "/Moderation");
        Assert.Equal(RatingStatus.Held, await app.WithDbAsync(db => db.Ratings.Where(r => r.Id == ratingId).Select(r => r.Status).FirstAsync()));

        var admin = await app.SignInAsync("admin", culture: "en");
        Assert.Contains(ratingId.ToString(), await admin.GetStringAsync("/Moderation"), StringComparison.Ordinal);
        await SenimApp.PostFormAsync(admin, "/Moderation?handler=Held", new() { ["ratingId"] = ratingId.ToString(), ["target"] = "Rating", ["release"] = "true" }, formPage: "/Moderation");
        Assert.Equal(RatingStatus.Counted, await app.WithDbAsync(db => db.Ratings.Where(r => r.Id == ratingId).Select(r => r.Status).FirstAsync()));
    }

    [Fact]
    public async Task TheTeamViewAndItsCsvNeverNameAResident()
    {
        var head = await app.SignInAsync("head", culture: "en");
        var page = await head.GetAsync("/Feedback/Team");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csv = await head.GetAsync("/Feedback/Team?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // so that Excel opens Cyrillic names correctly
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("personnel_number,name,ratings", text, StringComparison.Ordinal);
        Assert.DoesNotContain("701", text, StringComparison.Ordinal);

        var xlsx = await head.GetAsync("/Feedback/Team?format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        Assert.Equal(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, rows.Count);
        Assert.Equal("Personnel number", rows[0].Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>().First().Text);
    }
}

public sealed class RatingPageAndModerationOnSqlite(SqliteApp app) : RatingPageAndModerationTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class RatingPageAndModerationOnPostgres(PostgresApp app) : RatingPageAndModerationTests<PostgresApp>(app), IClassFixture<PostgresApp>;
