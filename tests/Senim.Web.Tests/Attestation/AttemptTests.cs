using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Attestation;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Attestation;

public abstract class AttemptTests<TApp>(TApp app) where TApp : SenimApp
{
    private async Task<(AttestationDriver Driver, Guid Campaign, Guid Candidate)> ReadyAsync(string name, HttpClient? secretary = null)
    {
        var driver = secretary is null ? await AttestationDriver.StartAsync(app) : new AttestationDriver(app, secretary);
        var (campaign, candidate) = await driver.ConfirmedCampaignWithOfficerAsync(name, region: "shymkent");
        await driver.PassStandardsAsync(candidate);
        await driver.SpecAsync(campaign, ("constitution", 2), ("logic", 2));
        return (driver, campaign, candidate);
    }

    private static async Task<(Guid Id, JsonElement Attempt)> StartAsync(HttpClient officer, Guid candidate, string language = "ru")
    {
        var started = await officer.PostAsJsonAsync($"/api/v1/attestation/candidates/{candidate}/attempts", new { language });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attemptId").GetGuid();
        return (id, await officer.GetFromJsonAsync<JsonElement>($"/api/v1/attestation/attempts/{id}"));
    }

    [Fact]
    public async Task EachCandidateGetsTheSpecifiedNumberPerTopicWithoutRepeatsAndTheDrawIsStored()
    {
        var (_, campaign, candidate) = await ReadyAsync("Draw is stored");
        var officer = await app.SignInAsync("officer", culture: "kk");
        var (id, attempt) = await StartAsync(officer, candidate, "kk");
        var questions = attempt.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(4, questions.Count);
        var stored = await app.WithDbAsync(db => (from a in db.Set<AttemptQuestion>() where a.AttemptId == id
                                                  join q in db.Set<Question>() on a.QuestionId equals q.Id
                                                  join t in db.Set<Topic>() on q.TopicId equals t.Id
                                                  select new { a.QuestionId, a.Position, a.OptionOrder, t.Code, q.TextKk }).ToListAsync());
        Assert.Equal(2, stored.Count(s => s.Code == "constitution"));
        Assert.Equal(2, stored.Count(s => s.Code == "logic"));
        Assert.Equal(4, stored.Select(s => s.QuestionId).Distinct().Count());
        // The API shows the stored draw, in the chosen language, options in the stored order.
        foreach (var q in questions)
        {
            var s = stored.Single(x => x.Position == q.GetProperty("position").GetInt32());
            Assert.Equal(s.QuestionId, q.GetProperty("questionId").GetGuid());
            Assert.Equal(s.TextKk, q.GetProperty("text").GetString());
            Assert.Equal(s.OptionOrder.Length == 0 ? 0 : s.OptionOrder.Split(',').Length, q.GetProperty("options").GetArrayLength());
        }
        // Starting again (a second click, another tab) resumes the same attempt.
        Assert.Equal(id, (await StartAsync(officer, candidate)).Id);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Attempt>().CountAsync(a => a.CandidateId == candidate)));
        _ = campaign;
    }

    [Fact]
    public async Task TheServerClockRefusesLateAnswersAndAReconnectResumesWithTheClockRunning()
    {
        await using var clocked = new ClockedApp(app);
        var (_, _, candidate) = await ReadyAsync("Server clock", await clocked.SignInAsync("secretary"));
        var officer = await clocked.SignInAsync("officer", "ru");
        var (id, attempt) = await StartAsync(officer, candidate);
        Assert.Equal(3600, attempt.GetProperty("remainingSeconds").GetInt32());
        var first = attempt.GetProperty("questions")[0].GetProperty("questionId").GetGuid();
        var second = attempt.GetProperty("questions")[1].GetProperty("questionId").GetGuid();
        var driver = new AttestationDriver(app, officer);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync($"/api/v1/attestation/attempts/{id}/answers", await driver.RightAnswerAsync(id, first))).StatusCode);

        // The connection drops; 20 minutes later the candidate signs in again: same questions, the answer kept, 40 minutes left.
        clocked.Clock.Advance(TimeSpan.FromMinutes(20));
        var again = await clocked.SignInAsync("officer", "ru");
        var resumed = await again.GetFromJsonAsync<JsonElement>($"/api/v1/attestation/attempts/{id}");
        Assert.Equal(2400, resumed.GetProperty("remainingSeconds").GetInt32());
        Assert.Equal(1, resumed.GetProperty("answered").GetInt32());
        Assert.True(resumed.GetProperty("questions")[0].GetProperty("answered").GetBoolean());
        var page = await again.GetStringAsync($"/Me/AttestationTest/{id}");
        Assert.Contains("data-remaining=\"2400\"", page, StringComparison.Ordinal);

        // One second before the deadline an answer counts; at the deadline it does not, and the attempt is scored.
        clocked.Clock.Advance(TimeSpan.FromMinutes(40) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Created, (await again.PostAsJsonAsync($"/api/v1/attestation/attempts/{id}/answers", await driver.RightAnswerAsync(id, second))).StatusCode);
        clocked.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = resumed.GetProperty("questions")[2].GetProperty("questionId").GetGuid();
        var late = await again.PostAsJsonAsync($"/api/v1/attestation/attempts/{id}/answers", await driver.RightAnswerAsync(id, third));
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("Время истекло", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var final = await again.GetFromJsonAsync<JsonElement>($"/api/v1/attestation/attempts/{id}");
        Assert.True(final.GetProperty("finished").GetBoolean());
        Assert.Equal(0, final.GetProperty("remainingSeconds").GetInt32());
        var stored = await app.WithDbAsync(db => db.Set<Attempt>().FirstAsync(a => a.Id == id));
        Assert.Equal(stored.Deadline, stored.FinishedAt);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.AttemptId == id)));
        Assert.Equal(2, stored.Score); // two right answers of one point each, out of four
        Assert.False(stored.Passed);
    }

    [Fact]
    public async Task AnswersOutsideTheAttemptAndRacingDuplicatesAreRefusedAndTheAttemptStaysConsistent()
    {
        var (driver, _, candidate) = await ReadyAsync("Refused answers");
        var officer = await app.SignInAsync("officer", culture: "en");
        var (id, attempt) = await StartAsync(officer, candidate, "kk");
        var url = $"/api/v1/attestation/attempts/{id}/answers";
        var foreign = await app.WithDbAsync(db => db.Set<Question>().Where(q => !db.Set<AttemptQuestion>().Any(a => a.AttemptId == id && a.QuestionId == q.Id)).Select(q => q.Id).FirstAsync());
        var notInAttempt = await officer.PostAsJsonAsync(url, new { questionId = foreign, truth = true, revision = 0 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notInAttempt.StatusCode);
        Assert.Equal("This question is not in your test.", (await notInAttempt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var questions = attempt.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("questionId").GetGuid()).ToList();
        var target = questions[0];
        var right = await driver.RightAnswerAsync(id, target);
        // Eight saves of the same first answer at once: exactly one is stored.
        var race = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => officer.PostAsJsonAsync(url, right)));
        Assert.Equal(1, race.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, race.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var row = await app.WithDbAsync(db => db.Set<Answer>().SingleAsync(a => a.AttemptId == id && a.QuestionId == target));
        Assert.Equal(1, row.Revision);

        // A change must name the revision it replaces; of racing changes one wins.
        var change = await driver.RightAnswerAsync(id, target, revision: 1);
        var changes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => officer.PostAsJsonAsync(url, change)));
        Assert.Equal(1, changes.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, changes.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync(url, change)).StatusCode); // stale revision 1
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Answer>().Where(a => a.AttemptId == id && a.QuestionId == target).Select(a => a.Revision).SingleAsync()));

        // Every other question answered right; finishing shows the result at once.
        foreach (var q in questions.Skip(1))
            Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync(url, await driver.RightAnswerAsync(id, q))).StatusCode);
        var finished = await officer.PostAsync($"/api/v1/attestation/attempts/{id}/finish", null);
        var result = await finished.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, result.GetProperty("score").GetDouble());
        Assert.True(result.GetProperty("passed").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync(url, await driver.RightAnswerAsync(id, questions[1], revision: 1))).StatusCode);
        Assert.Equal(4, await app.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.AttemptId == id)));
        var page = await officer.GetStringAsync($"/Me/AttestationTest/{id}");
        Assert.Contains("Test passed.", page, StringComparison.Ordinal);
        // One attempt: a passed test cannot be started again.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/v1/attestation/candidates/{candidate}/attempts", new { language = "kk" })).StatusCode);
        // Nobody else's attempt is reachable.
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/v1/attestation/attempts/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/attestation/attempts/{id}")).StatusCode);
    }

    [Fact]
    public async Task AQuestionEditedWhileTheTestRunsIsMarkedFromItsNewState()
    {
        var (driver, _, candidate) = await ReadyAsync("Edited question");
        var officer = await app.SignInAsync("officer", culture: "en");
        var (id, attempt) = await StartAsync(officer, candidate);
        var url = $"/api/v1/attestation/attempts/{id}/answers";
        var target = attempt.GetProperty("questions")[0].GetProperty("questionId").GetGuid();
        var right = await driver.RightAnswerAsync(id, target);
        var sameAgain = await driver.RightAnswerAsync(id, target, revision: 1);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync(url, right)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Answer>().Where(a => a.AttemptId == id && a.QuestionId == target).Select(a => a.Mark).SingleAsync()));

        // The server now knows this question's marking. Someone changes it (every edit moves UpdatedAt): the answer
        // that was right is now worth nothing, and a save made after the edit must be marked by the new key.
        var (truth, fractions) = await app.WithDbAsync(async db => (await db.Set<Question>().Where(q => q.Id == target).Select(q => q.Truth).SingleAsync(),
            await db.Set<QuestionOption>().Where(o => o.QuestionId == target).ToDictionaryAsync(o => o.Id, o => o.Fraction)));
        try
        {
            await app.WithDbAsync(async db =>
            {
                await db.Set<QuestionOption>().Where(o => o.QuestionId == target).ExecuteUpdateAsync(s => s.SetProperty(o => o.Fraction, 0));
                return await db.Set<Question>().Where(q => q.Id == target)
                    .ExecuteUpdateAsync(s => s.SetProperty(q => q.Truth, q => q.Truth == null ? null : !q.Truth).SetProperty(q => q.UpdatedAt, DateTime.UtcNow.AddSeconds(1)));
            });
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync(url, sameAgain)).StatusCode);
            var row = await app.WithDbAsync(db => db.Set<Answer>().SingleAsync(a => a.AttemptId == id && a.QuestionId == target));
            Assert.Equal(2, row.Revision);
            Assert.Equal(0, row.Mark);
        }
        finally
        {
            // The bank is shared by the other tests of this class: put the question back (as another edit).
            await app.WithDbAsync(async db =>
            {
                foreach (var (option, fraction) in fractions)
                    await db.Set<QuestionOption>().Where(o => o.Id == option).ExecuteUpdateAsync(s => s.SetProperty(o => o.Fraction, fraction));
                return await db.Set<Question>().Where(q => q.Id == target)
                    .ExecuteUpdateAsync(s => s.SetProperty(q => q.Truth, truth).SetProperty(q => q.UpdatedAt, DateTime.UtcNow.AddSeconds(2)));
            });
        }
    }

    [Fact]
    public async Task AFinishRacingSavesCountsEveryAcknowledgedAnswerAndNoOther()
    {
        var (driver, _, candidate) = await ReadyAsync("Finish races saves");
        var officer = await app.SignInAsync("officer", culture: "en");
        var (id, attempt) = await StartAsync(officer, candidate);
        var url = $"/api/v1/attestation/attempts/{id}/answers";
        var questions = attempt.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("questionId").GetGuid()).ToList();
        var answers = new List<object>();
        foreach (var q in questions) answers.Add(await driver.RightAnswerAsync(id, q));
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync(url, answers[0])).StatusCode);

        // Every other answer and the finish at once: whichever way they interleave, an acknowledged answer is in the
        // score and a refused one is not (each right answer is worth one point).
        var saves = answers.Skip(1).Select(a => officer.PostAsJsonAsync(url, a)).ToList();
        var finish = officer.PostAsync($"/api/v1/attestation/attempts/{id}/finish", null);
        var results = await Task.WhenAll(saves);
        Assert.Equal(HttpStatusCode.OK, (await finish).StatusCode);
        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var acknowledged = 1 + results.Count(r => r.StatusCode == HttpStatusCode.Created);
        var stored = await app.WithDbAsync(db => db.Set<Attempt>().AsNoTracking().FirstAsync(a => a.Id == id));
        Assert.Equal(acknowledged, await app.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.AttemptId == id)));
        Assert.Equal(acknowledged, stored.Score);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync(url, answers[0])).StatusCode);
    }

    [Fact]
    public async Task ASaveReadsNothingAndUsesOneConnection()
    {
        var (driver, _, candidate) = await ReadyAsync("One statement");
        await using var counted = new CountedApp(app);
        var officer = await counted.SignInAsync("officer");
        var (id, attempt) = await StartAsync(officer, candidate);
        var url = $"/api/v1/attestation/attempts/{id}/answers";
        var questions = attempt.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("questionId").GetGuid()).ToList();
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync(url, await driver.RightAnswerAsync(id, questions[0]))).StatusCode); // learns the attempt

        var second = await driver.RightAnswerAsync(id, questions[1]);
        counted.Counter.Reset();
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync(url, second)).StatusCode);
        // Authentication, the save and everything else in the request: one connection, and no read of what the server
        // already knows. On PostgreSQL the save is one statement sent on that connection outside EF Core (so none is
        // counted here); on SQLite a short transaction: touch the attempt, check the question, insert or update.
        var commands = app.Provider == Senim.Web.Data.DatabaseProvider.Postgres ? 0 : 3;
        Assert.Equal(1, counted.Counter.Opened);
        Assert.Equal(commands, counted.Counter.Commands);
        counted.Counter.Reset();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync(url, await driver.RightAnswerAsync(id, questions[1], revision: 1))).StatusCode);
        Assert.Equal(1, counted.Counter.Opened);
        Assert.Equal(commands, counted.Counter.Commands);
    }

    [Fact]
    public async Task AFailedTestCanBeRetakenOnlyWhenTheSecretaryGrantsItWithAReason()
    {
        var (driver, _, candidate) = await ReadyAsync("Retake of the test");
        var officer = await app.SignInAsync("officer", culture: "en");
        var (id, _) = await StartAsync(officer, candidate);
        await officer.PostAsync($"/api/v1/attestation/attempts/{id}/finish", null);
        var refused = await officer.PostAsJsonAsync($"/api/v1/attestation/candidates/{candidate}/attempts", new { language = "ru" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("data-state=\"Failed\"", await officer.GetStringAsync("/Me/Attestation"), StringComparison.Ordinal);

        var page = $"/Attestation/Candidate/{candidate}";
        var granted = await SenimApp.PostFormAsync(driver.Secretary, page + "?handler=Retake", new() { ["stage"] = "Test", ["reason"] = "Power cut in the testing room." }, formPage: page);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        var (second, _) = await StartAsync(officer, candidate);
        Assert.NotEqual(id, second);
        Assert.Equal([1, 2], await app.WithDbAsync(db => db.Set<Attempt>().Where(a => a.CandidateId == candidate).OrderBy(a => a.Number).Select(a => a.Number).ToListAsync()));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == AttestationAudit.Retake && a.EntityId == candidate.ToString()).Select(a => a.After).SingleAsync());
        Assert.Contains("Power cut in the testing room.", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTestPageWorksWithoutJavaScript()
    {
        var (driver, _, candidate) = await ReadyAsync("Form posts");
        var officer = await app.SignInAsync("officer", culture: "kk");
        var start = await SenimApp.PostFormAsync(officer, "/Me/Attestation?handler=Start", new() { ["candidateId"] = candidate.ToString(), ["language"] = "kk" }, formPage: "/Me/Attestation");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var testUrl = start.Headers.Location!.OriginalString;
        var id = Guid.Parse(testUrl["/Me/AttestationTest/".Length..]);
        var html = await officer.GetStringAsync(testUrl);
        Assert.Contains("Қалған уақыт:", html, StringComparison.Ordinal);
        var drawn = await app.WithDbAsync(db => db.Set<AttemptQuestion>().Where(a => a.AttemptId == id).OrderBy(a => a.Position).ToListAsync());
        foreach (var q in drawn)
        {
            var right = JsonSerializer.SerializeToElement(await driver.RightAnswerAsync(id, q.QuestionId));
            var form = new Dictionary<string, string> { ["questionId"] = q.QuestionId.ToString(), ["revision"] = "0", ["position"] = q.Position.ToString(System.Globalization.CultureInfo.InvariantCulture), ["go"] = "next" };
            if (right.TryGetProperty("truth", out var truth)) form["truth"] = truth.GetBoolean() ? "true" : "false";
            else if (right.TryGetProperty("value", out var value)) form["value"] = value.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',');
            var pairs = form.ToList();
            if (right.TryGetProperty("choices", out var choices)) pairs.AddRange(choices.EnumerateArray().Select(c => new KeyValuePair<string, string>("choices", c.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture))));
            var page = await officer.GetStringAsync($"{testUrl}?q={q.Position}");
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            pairs.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)));
            var saved = await officer.PostAsync($"{testUrl}?handler=Answer", new FormUrlEncodedContent(pairs));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal($"{testUrl}?q={q.Position + 1}", saved.Headers.Location!.OriginalString);
        }
        var done = await SenimApp.PostFormAsync(officer, testUrl + "?handler=Finish", new(), formPage: testUrl);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var result = await officer.GetStringAsync(testUrl);
        Assert.Contains("Тест тапсырылды.", result, StringComparison.Ordinal);
        Assert.Contains("data-passed=\"true\"", result, StringComparison.Ordinal);
    }
}

public sealed class AttemptTestsOnSqlite(SqliteApp app) : AttemptTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AttemptTestsOnPostgres(PostgresApp app) : AttemptTests<PostgresApp>(app), IClassFixture<PostgresApp>;
