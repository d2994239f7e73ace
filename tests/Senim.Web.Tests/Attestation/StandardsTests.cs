using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Attestation;
using Senim.Web.Features.Organisation;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Attestation;

public abstract class StandardsTests<TApp>(TApp app) where TApp : SenimApp
{
    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AnExaminerEntersAGroupOnOneScreenAllOrNothingAndPassOrFailFollowsTheNorms()
    {
        var driver = await AttestationDriver.StartAsync(app);
        var (campaign, officer) = await driver.ConfirmedCampaignWithOfficerAsync("Standards group entry", region: "astana");
        var group = await app.WithDbAsync(db => db.AttestationCandidates.Where(c => c.CampaignId == campaign && c.Status == CandidateStatus.Active)
            .OrderBy(c => c.Id).Select(c => c.Id).Take(3).ToListAsync());
        Assert.Contains(officer, group.Concat([officer]));
        var page = $"/Attestation/Standards/{campaign}";
        var screen = await driver.Secretary.GetStringAsync(page);
        Assert.Contains("id=\"group\"", screen, StringComparison.Ordinal);

        Dictionary<string, string> Form(Guid[] ids, Func<Guid, (string, string, string, string)> values)
        {
            var form = new Dictionary<string, string> { ["TakenOn"] = Today, ["Examiner"] = "Omarov A." };
            // One hidden "candidate" field per row: the form posts them as repeated keys; here each row is named once.
            var i = 0;
            foreach (var id in ids)
            {
                form[$"candidate[{i++}]"] = id.ToString();
                var (r3, r100, pull, fire) = values(id);
                form["run3_" + id.ToString("N")] = r3; form["run100_" + id.ToString("N")] = r100; form["pull_" + id.ToString("N")] = pull; form["fire_" + id.ToString("N")] = fire;
            }
            return form;
        }
        var rows = new[] { officer }.Concat(group.Where(g => g != officer).Take(2)).ToArray();
        var bad = await PostGroupAsync(driver.Secretary, page, Form(rows, id => id == rows[1] ? ("12:99", "14", "10", "40") : ("11:00", "13.5", "15", "45")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Rows with errors: 1. Nothing was saved", badHtml, StringComparison.Ordinal);
        Assert.Contains("\"12:99\" is not a time", badHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"11:00\"", badHtml, StringComparison.Ordinal); // what was typed stays
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<StandardsResult>().CountAsync(r => rows.Contains(r.CandidateId))));

        // The officer passes; the second fails the 3 km (25:00 is slower than every norm); the third row is left blank and skipped.
        var ok = await PostGroupAsync(driver.Secretary, page, Form(rows, id => id == rows[0] ? ("11:00", "13.5", "15", "45") : id == rows[1] ? ("25:00", "13.5", "15", "45") : ("", "", "", "")));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var saved = await app.WithDbAsync(db => db.Set<StandardsResult>().Where(r => rows.Contains(r.CandidateId)).ToDictionaryAsync(r => r.CandidateId));
        Assert.Equal(2, saved.Count);
        Assert.True(saved[rows[0]].Passed);
        Assert.False(saved[rows[1]].Passed);
        Assert.Equal(660, saved[rows[0]].Run3KmSeconds);

        // The rule is shown with the result; failing ends the route until a retake is granted with a reason.
        var failedPage = await driver.Secretary.GetStringAsync($"/Attestation/Candidate/{rows[1]}");
        Assert.Contains("25:00", failedPage, StringComparison.Ordinal);
        Assert.Contains("at most ", failedPage, StringComparison.Ordinal);
        Assert.Contains("data-state=\"Failed\"", failedPage, StringComparison.Ordinal);
        var again = await PostGroupAsync(driver.Secretary, page, Form([rows[1]], _ => ("11:00", "13.5", "15", "45")));
        Assert.Contains("cannot take the standards now", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var candidatePage = $"/Attestation/Candidate/{rows[1]}";
        await SenimApp.PostFormAsync(driver.Secretary, candidatePage + "?handler=Retake", new() { ["stage"] = "Standards", ["reason"] = "Injured on the day; medical certificate." }, formPage: candidatePage);
        Assert.Contains("data-state=\"RetakeAllowed\"", await driver.Secretary.GetStringAsync(candidatePage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostGroupAsync(driver.Secretary, page, Form([rows[1]], _ => ("12:00", "13.5", "15", "45")))).StatusCode);
        var retake = await app.WithDbAsync(db => db.Set<StandardsResult>().Where(r => r.CandidateId == rows[1]).OrderBy(r => r.Attempt).ToListAsync());
        Assert.Equal([false, true], retake.Select(r => r.Passed));
        Assert.Equal([1, 2], retake.Select(r => r.Attempt));

        // The candidate sees their own result and the rule.
        var me = await (await app.SignInAsync("officer", culture: "kk")).GetStringAsync("/Me/Attestation");
        Assert.Contains("Нормативтер орындалды.", me, StringComparison.Ordinal);
        Assert.Contains("11:00", me, StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == AttestationAudit.StandardsResult && a.EntityId == rows[1].ToString()));
        Assert.Equal(2, audit);
    }

    private static async Task<HttpResponseMessage> PostGroupAsync(HttpClient client, string page, Dictionary<string, string> form)
    {
        // Repeated "candidate" keys, as the browser sends them.
        var pairs = form.Select(kv => kv.Key.StartsWith("candidate[", StringComparison.Ordinal) ? new KeyValuePair<string, string>("candidate", kv.Value) : kv).ToList();
        var html = await client.GetStringAsync(page);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        pairs.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)));
        return await client.PostAsync(page + "?handler=Group", new FormUrlEncodedContent(pairs));
    }

    [Fact]
    public async Task ACsvFileWithAnyBadLineSavesNothingAndNamesEveryLine()
    {
        var driver = await AttestationDriver.StartAsync(app);
        var (campaign, officer) = await driver.ConfirmedCampaignWithOfficerAsync("Standards CSV import", region: "shymkent");
        var numbers = await app.WithDbAsync(db => (from c in db.AttestationCandidates where c.CampaignId == campaign
                                                   join e in db.Employees on c.EmployeeId equals e.Id
                                                   orderby e.PersonnelNumber select e.PersonnelNumber).Take(3).ToListAsync());
        var outsider = await app.WithDbAsync(db => db.Employees.Where(e => !db.AttestationCandidates.Any(c => c.CampaignId == campaign && c.EmployeeId == e.Id))
            .Select(e => e.PersonnelNumber).FirstAsync());
        var page = $"/Attestation/Standards/{campaign}";
        var csv = "personnelNumber,run3km,run100m,pullups,firearms,date,examiner\n"
            + $"{numbers[0]},12:10,14.0,12,40,{Today},Omarov A.\n"
            + $"{numbers[1]},fast,14.0,12,40,{Today},Omarov A.\n"
            + $"{outsider},12:10,14.0,12,40,{Today},Omarov A.\n"
            + $"{numbers[2]},12:10,14.0,12,40,2999-01-01,Omarov A.\n"
            + $"{numbers[0]},12:10,14.0,12,40,{Today},Omarov A.\n";
        var bad = await UploadAsync(driver.Secretary, page, csv);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("The file has errors; nothing was saved", html, StringComparison.Ordinal);
        Assert.Contains("Line 3: \"fast\" is not a time", html, StringComparison.Ordinal);
        Assert.Contains($"Line 4: \"{outsider}\" is not a candidate of this campaign.", html, StringComparison.Ordinal);
        Assert.Contains("Line 5: \"2999-01-01\" is not a date", html, StringComparison.Ordinal);
        Assert.Contains($"Line 6: \"{numbers[0]}\" appears twice in the file.", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<StandardsResult>().CountAsync(r => db.AttestationCandidates.Any(c => c.Id == r.CandidateId && c.CampaignId == campaign))));

        var good = "personnelNumber;run3km;run100m;pullups;firearms;date;examiner\n"
            + $"{numbers[0]};12:10;14.0;12;40;{Today};Omarov A.\n{numbers[1]};13:00;14.0;2;40;{Today};Omarov A.\n";
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(driver.Secretary, page, good)).StatusCode);
        var stored = await app.WithDbAsync(db => (from r in db.Set<StandardsResult>()
                                                  join c in db.AttestationCandidates on r.CandidateId equals c.Id
                                                  join e in db.Employees on c.EmployeeId equals e.Id
                                                  where c.CampaignId == campaign select new { e.PersonnelNumber, r.Passed, r.PullUps, e.Sex }).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.Equal(12, stored.Single(s => s.PersonnelNumber == numbers[0]).PullUps);
        // Two pull-ups fail a man's norm; a woman has no pull-up norm in the default table.
        var second = stored.Single(s => s.PersonnelNumber == numbers[1]);
        Assert.Equal(second.Sex == Sex.Female, second.Passed);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string page, string csv)
    {
        var html = await client.GetStringAsync(page);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "results.csv");
        return await client.PostAsync(page + "?handler=Csv", form);
    }

    [Fact]
    public async Task NormsAreConfigurablePerCampaignUntilTheFirstResult()
    {
        var driver = await AttestationDriver.StartAsync(app);
        var (campaign, officer) = await driver.ConfirmedCampaignWithOfficerAsync("Configured norms", region: "astana");
        var page = $"/Attestation/Norms/{campaign}";
        var html = await driver.Secretary.GetStringAsync(page);
        Assert.Contains("name=\"cell.Run3Km.Male.30.34\" value=\"13:30\"", html, StringComparison.Ordinal);
        var form = Form(html);
        form["cell.Run3Km.Male.30.34"] = "abc";
        var bad = await SenimApp.PostFormAsync(driver.Secretary, page, form);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        form = Form(html);
        // Every band of men's 3 km becomes 10:00: strict.
        foreach (var key in form.Keys.Where(k => k.StartsWith("cell.Run3Km.Male.", StringComparison.Ordinal)).ToList()) form[key] = "10:00";
        Assert.Equal(HttpStatusCode.Redirect, (await SenimApp.PostFormAsync(driver.Secretary, page, form)).StatusCode);
        Assert.All(await app.WithDbAsync(db => db.Set<Norm>().Where(n => n.CampaignId == campaign && n.Exercise == Exercise.Run3Km && n.Sex == Sex.Male).ToListAsync()),
            n => Assert.Equal(600, n.Threshold));

        var officerEmployee = await driver.OfficerAsync();
        var csv = "personnelNumber,run3km,run100m,pullups,firearms,date,examiner\n" + $"{officerEmployee.PersonnelNumber},11:00,13.0,20,45,{Today},Omarov A.\n";
        await UploadAsync(driver.Secretary, $"/Attestation/Standards/{campaign}", csv);
        var result = await app.WithDbAsync(db => db.Set<StandardsResult>().FirstAsync(r => r.CandidateId == officer));
        Assert.Equal(officerEmployee.Sex == Sex.Female, result.Passed); // 11:00 is slower than a man's 10:00
        var fixedNow = await SenimApp.PostFormAsync(driver.Secretary, page, Form(html));
        Assert.Equal(HttpStatusCode.Conflict, fixedNow.StatusCode);
        Assert.Contains("the norms can no longer change", await fixedNow.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Form(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "name=\"(cell\\.[^\"]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
}

public sealed class StandardsTestsOnSqlite(SqliteApp app) : StandardsTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class StandardsTestsOnPostgres(PostgresApp app) : StandardsTests<PostgresApp>(app), IClassFixture<PostgresApp>;
