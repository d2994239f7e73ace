using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Scoring;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Feedback;

public abstract class FeedbackApiTests<TApp>(TApp app) where TApp : SenimApp
{
    private static readonly object GoodRating = new { courtesy = 5, competence = 4, timeliness = 4, resolved = 5, trust = 9, comment = "Быстро и вежливо" };

    private async Task<(string UnitCode, string PersonnelNumber, Guid EmployeeId)> FrontOfficeAsync() => await app.WithDbAsync(async db =>
    {
        var unit = await db.Units.Where(u => u.Kind == Senim.Web.Features.Organisation.UnitKind.FrontOffice).OrderBy(u => u.Code).FirstAsync();
        var e = await db.Employees.Where(x => x.UnitId == unit.Id).OrderBy(x => x.PersonnelNumber).FirstAsync();
        return (unit.Code, e.PersonnelNumber, e.Id);
    });

    private async Task<JsonElement> RegisterAsync(object? body = null)
    {
        var (unit, number, _) = await FrontOfficeAsync();
        body ??= new { kind = "front-office-visit", unitCode = unit, personnelNumbers = new[] { number }, occurredAt = DateTime.UtcNow.AddMinutes(-10), channel = "InPerson", phone = "+7 701 123 45 67" };
        var response = await app.WithApiKey(DemoAccounts.ApiKey).PostAsJsonAsync("/api/v1/interactions", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task RegisteringAnInteractionAnswersCodeLinksAndExpiry()
    {
        var r = await RegisterAsync();
        var code = r.GetProperty("code").GetString()!;
        Assert.Equal(code, InvitationCode.Normalise(code));
        Assert.EndsWith($"/f/{code}", r.GetProperty("feedbackUrl").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"/f/{code}/qr.svg", r.GetProperty("qrUrl").GetString(), StringComparison.Ordinal);
        var expires = r.GetProperty("expiresAt").GetDateTime();
        Assert.InRange(expires, DateTime.UtcNow.AddDays(13.9), DateTime.UtcNow.AddDays(14.1));
        var svg = await app.Anonymous().GetAsync($"/f/{code}/qr.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var phoneHash = await app.WithDbAsync(db => db.Interactions.Where(i => i.Code == code).Select(i => i.PhoneHash).FirstAsync());
        Assert.Equal(64, phoneHash!.Length);
        Assert.DoesNotContain("701", phoneHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACodeRatesOnceThenConflictsAndAnswersItsStatus()
    {
        var code = (await RegisterAsync()).GetProperty("code").GetString()!;
        var client = app.Anonymous("en");
        var first = await client.PostAsJsonAsync($"/api/v1/feedback/{code}", GoodRating);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Counted", body.GetProperty("status").GetString());
        Assert.Equal("Published", body.GetProperty("commentStatus").GetString());
        var second = await client.PostAsJsonAsync($"/api/v1/feedback/{InvitationCode.Display(code).ToLowerInvariant()}", GoodRating);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("A rating has already been given with this code. Thank you!", problem.GetProperty("detail").GetString());
        var status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{code}");
        Assert.True(status.GetProperty("submitted").GetBoolean());
        Assert.Equal("Published", status.GetProperty("commentStatus").GetString());
    }

    [Fact]
    public async Task UnknownExpiredAndInvalidAreAnsweredPrecisely()
    {
        var client = app.Anonymous("ru");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/feedback/{InvitationCode.New()}", GoodRating)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/v1/feedback/not-a-code", GoodRating)).StatusCode);

        var code = (await RegisterAsync()).GetProperty("code").GetString()!;
        var invalid = await client.PostAsJsonAsync($"/api/v1/feedback/{code}", new { courtesy = 7, competence = 4, timeliness = 4, trust = 11 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Оценка должна быть от 1 до 5.", errors.GetProperty("courtesy")[0].GetString());
        Assert.Equal("Выберите оценку.", errors.GetProperty("resolved")[0].GetString());
        Assert.Equal("Оценка должна быть от 0 до 10.", errors.GetProperty("trust")[0].GetString());

        await app.WithDbAsync(db => db.Interactions.Where(i => i.Code == code).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var expired = await client.PostAsJsonAsync($"/api/v1/feedback/{code}", GoodRating);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("Срок действия этого кода истёк.", (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StaffPrintACardAndAPosterForAnInteractionInTheirScope()
    {
        var id = (await RegisterAsync()).GetProperty("id").GetString()!;
        var admin = await app.SignInAsync("admin");
        foreach (var format in new[] { "card", "poster" })
        {
            var pdf = await admin.GetAsync($"/feedback/cards/{id}/{format}.pdf");
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            Assert.Equal("%PDF", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        }
        var head = await app.SignInAsync("head"); // the front office used here is outside the demo head's subtree
        var (unit, _, _) = await FrontOfficeAsync();
        var inHeadScope = await app.WithDbAsync(async db => (await db.Units.FirstAsync(u => u.Code == unit)).Path.StartsWith((await app.HeadUnitAsync()).Path, StringComparison.Ordinal));
        Assert.Equal(inHeadScope ? HttpStatusCode.OK : HttpStatusCode.Redirect, (await head.GetAsync($"/feedback/cards/{id}/card.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/feedback/cards/{id}/card.pdf")).StatusCode);
        var missing = await admin.GetAsync($"/feedback/cards/{Guid.NewGuid()}/card.pdf");
        Assert.Equal("/Status/404", missing.Headers.Location?.OriginalString); // a page, not an API: the "not found" page
    }

    [Fact]
    public async Task CommentsAreScreenedBeforeAnyoneSeesThem()
    {
        var masked = (await RegisterAsync()).GetProperty("code").GetString()!;
        var r1 = await app.Anonymous().PostAsJsonAsync($"/api/v1/feedback/{masked}", new { courtesy = 5, competence = 5, timeliness = 5, resolved = 5, trust = 10, comment = "Перезвоните мне +7 705 111 22 33" });
        Assert.Equal("Published", (await r1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commentStatus").GetString());
        var stored = await app.WithDbAsync(db => db.Ratings.Where(r => db.Interactions.Any(i => i.Id == r.InteractionId && i.Code == masked)).Select(r => r.Comment).FirstAsync());
        Assert.Equal("Перезвоните мне ***", stored);

        var rude = (await RegisterAsync()).GetProperty("code").GetString()!;
        var r2 = await app.Anonymous().PostAsJsonAsync($"/api/v1/feedback/{rude}", new { courtesy = 1, competence = 1, timeliness = 1, resolved = 1, trust = 0, comment = "вы все суки" });
        var body = await r2.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Held", body.GetProperty("commentStatus").GetString());
        Assert.Equal("Counted", body.GetProperty("status").GetString()); // the numbers count; only the words wait for a moderator
        var status = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{rude}");
        Assert.Equal("Held", status.GetProperty("commentStatus").GetString());
    }

    [Fact]
    public async Task FiftyConcurrentSubmissionsOfOneCodeYieldExactlyOneRating()
    {
        var code = (await RegisterAsync()).GetProperty("code").GetString()!;
        var tasks = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            using var client = app.Anonymous();
            return (await client.PostAsJsonAsync($"/api/v1/feedback/{code}", GoodRating)).StatusCode;
        }));
        var statuses = await Task.WhenAll(tasks);
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Conflict));
        var rows = await app.WithDbAsync(db => db.Ratings.CountAsync(r => db.Interactions.Any(i => i.Id == r.InteractionId && i.Code == code)));
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task BulkJsonIsAllOrNothingAndExternalReferencesAreIdempotent()
    {
        var (unit, number, _) = await FrontOfficeAsync();
        var when = DateTime.UtcNow.AddHours(-1);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        object Item(int i, string kind = "consultation") => new { kind, unitCode = unit, personnelNumbers = new[] { number }, occurredAt = when, externalRef = $"{prefix}-{i}" };
        var client = app.WithApiKey(DemoAccounts.ApiKey);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var bad = await client.PostAsJsonAsync("/api/v1/interactions/bulk", new[] { Item(1), Item(2, "astrology"), Item(3) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Unknown kind of service \"astrology\".", errors.GetProperty("[1].kind")[0].GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Interactions.CountAsync(i => i.ExternalRef!.StartsWith(prefix))));

        var ok = await client.PostAsJsonAsync("/api/v1/interactions/bulk", new[] { Item(1), Item(2), Item(3) });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var items = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal(3, items.GetArrayLength());
        var again = await client.PostAsJsonAsync("/api/v1/interactions/bulk", new[] { Item(1), Item(2), Item(3) });
        var repeated = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal(items[0].GetProperty("code").GetString(), repeated[0].GetProperty("code").GetString());
        Assert.Equal(3, await app.WithDbAsync(db => db.Interactions.CountAsync(i => i.ExternalRef!.StartsWith(prefix))));
    }

    [Fact]
    public async Task BulkCsvRegistersEveryLineOrReportsTheBadOnes()
    {
        var (unit, number, _) = await FrontOfficeAsync();
        var when = DateTime.UtcNow.AddHours(-2).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var client = app.WithApiKey(DemoAccounts.ApiKey);
        var csv = new StringBuilder("kind,unitCode,personnelNumbers,occurredAt,channel,phone,externalRef\n");
        for (var i = 0; i < 20; i++) csv.Append(CultureInfoInvariant($"traffic-stop,{unit},{number},{when},Field,,\n"));
        var ok = await client.PostAsync("/api/v1/interactions/bulk", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(20, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());

        var bad = await client.PostAsync("/api/v1/interactions/bulk", new StringContent(
            $"kind,unitCode,personnelNumbers,occurredAt\ntraffic-stop,{unit},{number},yesterday\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("line 2", out _));

        var xml = await client.PostAsync("/api/v1/interactions/bulk", new StringContent("<a/>", Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
    }

    private static string CultureInfoInvariant(string s) => s;

    [Fact]
    public async Task UnitHeadRegistersOnlyWithinTheSubtreeAndAnalystsCannot()
    {
        var head = await app.HeadUnitAsync();
        var outside = await app.WithDbAsync(db => db.Units.Where(u => u.RegionCode != head.RegionCode && u.RegionCode != null).Select(u => u.Code).FirstAsync());
        var client = await app.SignInAsync("head", culture: "en");
        var inScope = await client.PostAsJsonAsync("/api/v1/interactions", new { kind = "consultation", unitId = head.Id, occurredAt = DateTime.UtcNow });
        Assert.Equal(HttpStatusCode.Created, inScope.StatusCode);
        var outOfScope = await client.PostAsJsonAsync("/api/v1/interactions", new { kind = "consultation", unitCode = outside, occurredAt = DateTime.UtcNow });
        Assert.Equal(HttpStatusCode.BadRequest, outOfScope.StatusCode);
        var analyst = await app.SignInAsync("analyst");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/api/v1/interactions", new { kind = "consultation", unitId = head.Id, occurredAt = DateTime.UtcNow })).StatusCode);
    }

    [Fact]
    public async Task StaffCannotRateAnInteractionTheyTookPartIn()
    {
        var own = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "officer").Select(u => u.EmployeeId!.Value).FirstAsync());
        var unit = await app.WithDbAsync(db => db.Employees.Where(e => e.Id == own).Select(e => e.UnitId).FirstAsync());
        var code = (await RegisterAsync(new { kind = "consultation", unitId = unit, employeeIds = new[] { own }, occurredAt = DateTime.UtcNow })).GetProperty("code").GetString()!;
        var officer = await app.SignInAsync("officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/feedback/{code}", GoodRating)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.Anonymous().PostAsJsonAsync($"/api/v1/feedback/{code}", GoodRating)).StatusCode);
    }

    /// <summary>Every column the writer stores, and the sums it moves, read back from the database: on PostgreSQL the
    /// batch is one statement over arrays and the buckets another, so a column out of place would show here.</summary>
    [Fact]
    public async Task AWrittenRatingKeepsEveryFieldAndMovesItsEmployeesAndUnitsSums()
    {
        var (_, _, employeeId) = await FrontOfficeAsync();
        var registered = await RegisterAsync();
        var code = registered.GetProperty("code").GetString()!;
        var interactionId = registered.GetProperty("id").GetGuid();
        var interaction = await app.WithDbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == interactionId));
        async Task<Dictionary<ScoreSubject, ScoreBucket>> BucketsAsync(int month) => await app.WithDbAsync(db => db.ScoreBuckets.AsNoTracking()
            .Where(b => b.Month == month && b.KindId == interaction.KindId
                        && ((b.SubjectType == ScoreSubject.Employee && b.SubjectId == employeeId) || (b.SubjectType == ScoreSubject.Unit && b.SubjectId == interaction.UnitId)))
            .ToDictionaryAsync(b => b.SubjectType));
        var month = ScoreBuckets.MonthOf(DateTime.UtcNow);
        var before = await BucketsAsync(month);

        var response = await app.Anonymous("ru").PostAsJsonAsync($"/api/v1/feedback/{code}",
            new { courtesy = 2, competence = 3, timeliness = 4, resolved = 5, trust = 7, comment = "бля, опять очередь, звоните +7 701 765 43 21" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Counted", answer.GetProperty("status").GetString());
        Assert.Equal("Held", answer.GetProperty("commentStatus").GetString());

        var (r, usedAt) = await app.WithDbAsync(async db => (
            await db.Ratings.AsNoTracking().SingleAsync(x => x.InteractionId == interactionId),
            await db.Interactions.Where(i => i.Id == interactionId).Select(i => i.UsedAt).SingleAsync()));
        Assert.Equal(answer.GetProperty("id").GetGuid(), r.Id);
        Assert.Equal((interaction.UnitId, interaction.KindId), (r.UnitId, r.KindId));
        Assert.Equal((2, 3, 4, 5, 7), (r.Courtesy, r.Competence, r.Timeliness, r.Resolved, r.Trust));
        Assert.DoesNotContain("765", r.Comment, StringComparison.Ordinal);
        Assert.Contains("очередь", r.Comment, StringComparison.Ordinal);
        Assert.Equal((CommentStatus.Held, RatingStatus.Counted), (r.CommentStatus, r.Status));
        Assert.Contains("profanity:ru", r.HoldReason, StringComparison.Ordinal);
        Assert.Equal(interaction.PhoneHash, r.PhoneHash);
        Assert.Equal("ru", r.Culture);
        Assert.Equal(0, r.Version);
        Assert.InRange(r.SubmittedAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow);
        Assert.Equal(r.SubmittedAt, usedAt);

        // One rating's contribution: the count grows by one, and each weighted sum over the weight is the rating itself.
        Assert.Equal(month, ScoreBuckets.MonthOf(r.SubmittedAt));
        var after = await BucketsAsync(month);
        foreach (var subject in new[] { ScoreSubject.Employee, ScoreSubject.Unit })
        {
            var b0 = before.GetValueOrDefault(subject) ?? new ScoreBucket();
            var b1 = after[subject];
            Assert.Equal(1, b1.Count - b0.Count);
            var w = b1.SumW - b0.SumW;
            Assert.True(w > 0);
            Assert.Equal(w * w, b1.SumW2 - b0.SumW2, 9);
            Assert.Equal(2.0, (b1.CourtesySum - b0.CourtesySum) / w, 9);
            Assert.Equal(9.0, (b1.CompetenceSumSq - b0.CompetenceSumSq) / w, 9);
            Assert.Equal(4.0, (b1.TimelinessSum - b0.TimelinessSum) / w, 9);
            Assert.Equal(25.0, (b1.ResolvedSumSq - b0.ResolvedSumSq) / w, 9);
            Assert.Equal(1, b1.ResolvedSat - b0.ResolvedSat);
            Assert.Equal(0, b1.CourtesySat - b0.CourtesySat);
        }
    }

    [Fact]
    public async Task ABurstOfLowRatingsForOneEmployeeIsHeldWithTheReason()
    {
        var (unit, _, _) = await FrontOfficeAsync();
        var target = await app.WithDbAsync(db => db.Employees.OrderByDescending(e => e.PersonnelNumber).Select(e => e.Id).FirstAsync());
        var client = app.Anonymous();
        var statuses = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            var code = (await RegisterAsync(new { kind = "traffic-stop", unitCode = unit, employeeIds = new[] { target }, occurredAt = DateTime.UtcNow })).GetProperty("code").GetString()!;
            var r = await client.PostAsJsonAsync($"/api/v1/feedback/{code}", new { courtesy = 1, competence = 1, timeliness = 2, resolved = 1, trust = 0 });
            statuses.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!);
        }
        Assert.All(statuses.Take(7), s => Assert.Equal("Counted", s));
        Assert.All(statuses.Skip(7), s => Assert.Equal("Held", s));
        var reasons = await app.WithDbAsync(db => db.Ratings.Where(r => r.Status == RatingStatus.Held && db.InteractionEmployees.Any(ie => ie.InteractionId == r.InteractionId && ie.EmployeeId == target)).Select(r => r.HoldReason).ToListAsync());
        Assert.All(reasons, r => Assert.Contains("burst-low", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AThousandMalformedRequestsAreAllClientErrors()
    {
        var code = (await RegisterAsync()).GetProperty("code").GetString()!;
        var rng = new Random(1234);
        var bodies = new Func<int, HttpContent>[]
        {
            i => new StringContent("{\"courtesy\":\"five\"}", Encoding.UTF8, "application/json"),
            i => new StringContent("{\"courtesy\":" + i + ",\"competence\":-" + i + "}", Encoding.UTF8, "application/json"),
            i => new StringContent("not json at all " + i, Encoding.UTF8, "application/json"),
            i => new ByteArrayContent([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC]) { Headers = { ContentType = new("application/json") } },
            i => new StringContent("{\"courtesy\":5,\"competence\":5,\"timeliness\":5,\"resolved\":5,\"trust\":10,\"comment\":\"<script>alert(1)</script>" + new string('x', 2000) + "\"}", Encoding.UTF8, "application/json"),
            i => new StringContent("{\"courtesy\":5,\"comment\":\"'; DROP TABLE ratings; --\"}", Encoding.UTF8, "application/json"),
            i => new StringContent(new string('[', 5000), Encoding.UTF8, "application/json"),
            i => new ByteArrayContent(new byte[40_000]) { Headers = { ContentType = new("application/json") } },
            i => new StringContent("courtesy=5", Encoding.UTF8, "application/x-www-form-urlencoded"),
            i => new StringContent("{\"courtesy\":1e309}", Encoding.UTF8, "application/json"),
        };
        var paths = new Func<int, string>[]
        {
            _ => $"/api/v1/feedback/{code}",
            i => $"/api/v1/feedback/{Uri.EscapeDataString(new string((char)rng.Next(32, 0x2FFF), rng.Next(1, 40)))}",
            _ => "/api/v1/feedback/..%2F..%2Fetc%2Fpasswd",
            _ => $"/api/v1/feedback/{code}?x=' OR 1=1 --",
        };
        var client = app.Anonymous();
        var failures = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            var path = paths[i % paths.Length](i);
            var content = bodies[(i / paths.Length) % bodies.Length](i);
            var response = await client.PostAsync(path, content);
            if ((int)response.StatusCode is < 400 or >= 500) failures.Add($"{(int)response.StatusCode} {path}");
        }
        Assert.Empty(failures);
        Assert.Equal(0, await app.WithDbAsync(db => db.Ratings.CountAsync(r => db.Interactions.Any(i => i.Id == r.InteractionId && i.Code == code))));
    }
}

public sealed class FeedbackApiOnSqlite(SqliteApp app) : FeedbackApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class FeedbackApiOnPostgres(PostgresApp app) : FeedbackApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
