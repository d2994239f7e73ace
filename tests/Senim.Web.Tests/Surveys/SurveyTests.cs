using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Surveys;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Surveys;

public abstract class SurveyTests<TApp>(TApp app) where TApp : SenimApp
{
    protected TApp App => app;

    private Task<Wave> OpenWaveAsync() => app.WithDbAsync(db => db.SurveyWaves.AsNoTracking().FirstAsync(w => w.Status == WaveStatus.Open));

    protected Task<(Guid Id, string Code, string Region)> ThinDistrictAsync() => app.WithDbAsync(async db =>
    {
        var d = await db.Districts.AsNoTracking().Where(x => x.RegionCode != "almaty-city" && x.RegionCode != "astana" && x.RegionCode != "shymkent")
            .OrderByDescending(x => x.RegionCode).ThenBy(x => x.NameEn).FirstAsync();
        var code = await db.Units.Where(u => u.DistrictId == d.Id && u.Code.StartsWith("up-")).Select(u => u.Code).FirstAsync();
        return (d.Id, code[3..], d.RegionCode);
    });

    private static Dictionary<string, string> CompleteAnswers(Guid district, string? phone = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["district"] = district.ToString(), ["ageBand"] = "35-44", ["sex"] = "F",
            ["q-safe_dark"] = "7", ["q-respect"] = "8", ["q-listen"] = "6", ["q-matters"] = "7", ["q-trust"] = "9",
            ["q-problem"] = "Көшеде жарық жоқ, менің нөмірім +7 701 123 45 67",
        };
        if (phone is not null) fields["phone"] = phone;
        return fields;
    }

    [Fact]
    public async Task AResidentAnswersOnceAndASecondResponseFromTheSameDeviceOrPhoneIsRefusedPolitely()
    {
        var wave = await OpenWaveAsync();
        var district = await app.WithDbAsync(db => db.SurveyWaveDistricts.Where(x => x.WaveId == wave.Id).Select(x => x.DistrictId).FirstAsync());
        var resident = app.Anonymous("ru");
        var form = await resident.GetAsync($"/s/{wave.Code}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Насколько вы доверяете полиции в вашем районе?", html, StringComparison.Ordinal);

        // A missing answer: refused with a Russian message, and what was typed is kept.
        var partial = CompleteAnswers(district);
        partial.Remove("q-trust");
        partial["phone"] = "12";
        var bad = await SenimApp.PostFormAsync(resident, $"/s/{wave.Code}", partial);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Ответьте на этот вопрос.", badHtml, StringComparison.Ordinal);
        Assert.Contains("Введите казахстанский номер", badHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"8\" checked=\"checked\"", badHtml, StringComparison.Ordinal);

        var ok = await SenimApp.PostFormAsync(resident, $"/s/{wave.Code}", CompleteAnswers(district, "8 701 555 00 11"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Спасибо!", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await app.WithDbAsync(async db =>
        {
            var r = await db.SurveyResponses.AsNoTracking().Where(x => x.WaveId == wave.Id && x.DistrictId == district && x.Source == ResponseSource.Resident).OrderByDescending(x => x.SubmittedAt).FirstAsync();
            var text = await db.SurveyAnswers.Where(a => a.ResponseId == r.Id && a.Text != null).Select(a => a.Text).FirstAsync();
            return (r, text);
        });
        Assert.NotNull(saved.r.DeviceHash);
        Assert.NotNull(saved.r.PhoneHash);
        Assert.DoesNotContain("123 45 67", saved.text!, StringComparison.Ordinal); // personal data masked

        // The same device again: refused politely (the page and the form).
        Assert.Contains("Вы уже ответили", await resident.GetStringAsync($"/s/{wave.Code}"), StringComparison.Ordinal);
        var again = await SenimApp.PostFormAsync(resident, $"/s/{wave.Code}", CompleteAnswers(district));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Another device with the same phone: refused too, in Kazakh.
        var other = app.Anonymous("kk");
        var samePhone = await SenimApp.PostFormAsync(other, $"/s/{wave.Code}", CompleteAnswers(district, "+7 (701) 555-00-11"));
        Assert.Equal(HttpStatusCode.Conflict, samePhone.StatusCode);
        Assert.Contains("Сіз жауап бердіңіз", await samePhone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAndClosedWavesAreExplained()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous("en").GetAsync("/s/no-such-wave")).StatusCode);
        var closed = await app.WithDbAsync(db => db.SurveyWaves.AsNoTracking().FirstAsync(w => w.Status == WaveStatus.Closed));
        var response = await app.Anonymous("en").GetAsync($"/s/{closed.Code}");
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("not accepting answers", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADistrictLinkPreselectsTheDistrictAndItsQrCodeIsServed()
    {
        var wave = await OpenWaveAsync();
        var (id, code, _) = await ThinDistrictAsync();
        var html = await app.Anonymous("en").GetStringAsync($"/s/{wave.Code}?d={code}");
        Assert.Contains($"value=\"{id}\" selected=\"selected\"", html, StringComparison.Ordinal);
        var qr = await app.Anonymous().GetAsync($"/s/{wave.Code}/qr.svg?d={code}");
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.StartsWith("<svg", await qr.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var admin = await app.SignInAsync("admin", culture: "en");
        var wavePage = await admin.GetStringAsync($"/Surveys/Wave/{wave.Id}");
        Assert.Contains($"/s/{wave.Code}/qr.svg?d=", wavePage, StringComparison.Ordinal);
    }

    private static MultipartFormDataContent File(string csv, bool skip)
    {
        var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "interviews.csv" } };
        if (skip) content.Add(new StringContent("true"), "skipBadRows");
        return content;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string csv, bool skip = false)
    {
        var page = await client.GetStringAsync(url);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var content = File(csv, skip);
        content.Add(new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken");
        return await client.PostAsync(url, content);
    }

    [Fact]
    public async Task InterviewerDataWithErrorsImportsNothingUnlessBadRowsAreSkipped()
    {
        var wave = await app.WithDbAsync(db => db.SurveyWaves.AsNoTracking().OrderBy(w => w.PeriodStart).FirstAsync(w => w.Status == WaveStatus.Closed));
        var (_, code, _) = await ThinDistrictAsync();
        var csv = $"""
            wave,district,age_band,sex,channel,safe_dark,respect,listen,matters,trust,problem
            {wave.Code},{code},35-44,F,phone,7,8,6,7,8,Кражи из машин
            {wave.Code},{code},17-20,X,fax,11,8,6,7,8,
            {wave.Code},nowhere,65+,M,face-to-face,5,5,5,5,5,
            {wave.Code},{code},65+,M,face-to-face,5,5,5,5,5,
            """;
        var analyst = await app.SignInAsync("analyst", culture: "en");
        var before = await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.Source == ResponseSource.Import));
        var refused = await UploadAsync(analyst, "/Surveys/Import", csv);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var report = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Line 3:", report, StringComparison.Ordinal);
        Assert.Contains("Age band \"17-20\" is not valid", report, StringComparison.Ordinal);
        Assert.Contains("Channel \"fax\" is not valid", report, StringComparison.Ordinal);
        Assert.Contains("Answer \"11\" to question \"safe_dark\" is not valid", report, StringComparison.Ordinal);
        Assert.Contains("Line 4:", report, StringComparison.Ordinal);
        Assert.Contains("There is no district \"nowhere\"", report, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.Source == ResponseSource.Import)));

        var skipped = await UploadAsync(analyst, "/Surveys/Import", csv, skip: true);
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        Assert.Contains("Imported 2 responses; 2 rows skipped.", await skipped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 2, await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.Source == ResponseSource.Import)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "survey.import" && a.Actor == "analyst")));

        // A regional analyst cannot import another region's districts; residents and unit heads cannot import at all.
        var regional = await app.SignInAsync("regional", culture: "en");
        var outside = await UploadAsync(regional, "/Surveys/Import", csv.Split('\n')[0] + "\n" + csv.Split('\n')[1]);
        Assert.Contains("is outside your region", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var head = await app.SignInAsync("head");
        Assert.NotEqual(HttpStatusCode.OK, (await head.GetAsync("/Surveys/Import")).StatusCode);
    }

    [Fact]
    public async Task MarginsWithABadLineAreRefusedWholeAndNamed()
    {
        var (id, code, _) = await ThinDistrictAsync();
        var admin = await app.SignInAsync("admin", culture: "en");
        var csv = $"district,variable,category,population\n{code},age_band,18-24,100\n{code},age_band,25-34,-5\n{code},income,high,3\n";
        var before = await app.WithDbAsync(db => db.DistrictMargins.Where(m => m.DistrictId == id).SumAsync(m => m.Population));
        var response = await UploadAsync(admin, "/Admin/SurveyMargins", csv);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Population \"-5\" must be a whole number", html, StringComparison.Ordinal);
        Assert.Contains("Unknown variable \"income\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.DistrictMargins.Where(m => m.DistrictId == id).SumAsync(m => m.Population)));

        var incomplete = await UploadAsync(admin, "/Admin/SurveyMargins", $"district,variable,category,population\n{code},age_band,18-24,100\n{code},sex,F,100\n");
        Assert.Contains($"District \"{code}\" has no margin for age_band = 65+", WebUtility.HtmlDecode(await incomplete.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheIndicesApiPublishesLargeDistrictsAndSuppressesThinOnes()
    {
        var q = await app.WithDbAsync(db => db.SurveyWaves.AsNoTracking().Where(w => w.Status == WaveStatus.Closed).OrderByDescending(w => w.PeriodStart).FirstAsync());
        var period = SurveyPeriod.OfWave(q).Code;
        var head = await app.HeadUnitAsync();
        var client = app.Anonymous("en");
        var big = await client.GetFromJsonAsync<JsonElement>($"/api/v1/districts/{head.DistrictId}/indices?period={period}");
        Assert.Equal(period, big.GetProperty("period").GetString());
        foreach (var index in new[] { "safety", "trust" })
        {
            var f = big.GetProperty(index);
            Assert.False(f.GetProperty("suppressed").GetBoolean());
            var estimate = f.GetProperty("estimate").GetDouble();
            Assert.InRange(estimate, 0, 100);
            Assert.True(f.GetProperty("lower").GetDouble() < estimate && estimate < f.GetProperty("upper").GetDouble());
            Assert.True(f.GetProperty("nEff").GetDouble() >= 100);
            Assert.True(f.GetProperty("n").GetInt32() >= f.GetProperty("nEff").GetDouble());
            Assert.Equal(JsonValueKind.Object, f.GetProperty("change").ValueKind); // the previous quarter is published too
        }

        var (thin, _, _) = await ThinDistrictAsync();
        var small = await client.GetFromJsonAsync<JsonElement>($"/api/v1/districts/{thin}/indices?period={period}");
        Assert.True(small.GetProperty("safety").GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, small.GetProperty("safety").GetProperty("estimate").ValueKind);

        var rolling = await client.GetAsync($"/api/v1/districts/{head.DistrictId}/indices?period=rolling12");
        Assert.Equal(HttpStatusCode.OK, rolling.StatusCode);
        var badPeriod = await client.GetAsync($"/api/v1/districts/{head.DistrictId}/indices?period=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("is not recognised", await badPeriod.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await app.Anonymous("ru").GetAsync($"/api/v1/districts/{Guid.NewGuid()}/indices");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Район не найден.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenDataHoldsOnlyPublishedFigures()
    {
        var json = await app.Anonymous().GetFromJsonAsync<JsonElement>("/opendata/surveys/indices.json");
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("level").GetString() == "national");
        Assert.Contains(rows, r => r.GetProperty("level").GetString() == "district");
        Assert.All(rows, r => Assert.True(r.GetProperty("nEff").GetDouble() >= 100));
        var (_, thinCode, _) = await ThinDistrictAsync();
        Assert.DoesNotContain(rows, r => r.GetProperty("code").GetString() == thinCode);
        var csv = await app.Anonymous().GetStringAsync("/opendata/surveys/indices.csv");
        Assert.StartsWith("level,code,region_code,period,index,estimate,lower95,upper95,n,n_eff", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffSeeTheirOwnAreasSortedOnTheServer()
    {
        var head = await app.HeadUnitAsync();
        var headClient = await app.SignInAsync("head", culture: "en");
        var page = await headClient.GetAsync($"/Surveys/District/{head.DistrictId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"survey-trend\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"history\"", html, StringComparison.Ordinal);
        Assert.Contains("Top problems", html, StringComparison.Ordinal);
        var (thin, _, _) = await ThinDistrictAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await headClient.GetAsync($"/Surveys/District/{thin}")).StatusCode);

        var analyst = await app.SignInAsync("analyst", culture: "en");
        var byTrust = await analyst.GetStringAsync("/Surveys/Region/almaty-city?sort=trust&dir=desc");
        // The trust column is the fourth cell of each row of the districts table.
        var table = byTrust[byTrust.IndexOf("id=\"areas\"", StringComparison.Ordinal)..];
        var trust = table.Split("<tr>").Skip(2).Select(row => row.Split("<td>")).Where(cells => cells.Length > 3)
            .Select(cells => System.Text.RegularExpressions.Regex.Match(cells[3], "class=\"figure\"><strong>([0-9.]+)</strong>"))
            .Where(m => m.Success).Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(trust.Count >= 2);
        Assert.Equal(trust.OrderByDescending(v => v), trust);
        Assert.Contains("aria-sort=\"descending\"", byTrust, StringComparison.Ordinal);
        var national = await analyst.GetAsync("/Surveys?sort=safety-change&dir=asc");
        Assert.Equal(HttpStatusCode.OK, national.StatusCode);

        var regional = await app.SignInAsync("regional");
        Assert.Equal(HttpStatusCode.Redirect, (await regional.GetAsync("/Surveys")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await regional.GetAsync("/Surveys/Region/astana")).StatusCode);
    }
    [Fact]
    public async Task AnAdministratorBuildsANewQuestionnaireVersionWithoutTouchingTheOldOne()
    {
        var admin = await app.SignInAsync("admin", culture: "en");
        var standard = StandardInstrument.Questionnaire.Id;
        var created = await SenimApp.PostFormAsync(admin, "/Surveys/Questionnaires?handler=NewVersion", new() { ["id"] = standard.ToString() }, formPage: "/Surveys/Questionnaires");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var draft = await app.WithDbAsync(db => db.Questionnaires.AsNoTracking().Where(q => q.Code == StandardInstrument.Code).OrderByDescending(q => q.Version).FirstAsync());
        Assert.Equal(QuestionnaireStatus.Draft, draft.Status);
        var url = $"/Surveys/Questionnaires?id={draft.Id}";

        var bad = await SenimApp.PostFormAsync(admin, $"/Surveys/Questionnaires?handler=AddQuestion&id={draft.Id}", new()
        {
            ["Input.Code"] = "trust", ["Input.Kind"] = "OpenText", ["Input.Index"] = "Trust", ["Input.TextKk"] = "", ["Input.TextRu"] = "x", ["Input.TextEn"] = "x",
        }, formPage: url);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("This version already has a question with this code.", badHtml, StringComparison.Ordinal);
        Assert.Contains("Only a 0–10 scale question can count in an index.", badHtml, StringComparison.Ordinal);

        var ok = await SenimApp.PostFormAsync(admin, $"/Surveys/Questionnaires?handler=AddQuestion&id={draft.Id}", new()
        {
            ["Input.Code"] = "seen_patrol", ["Input.Kind"] = "Scale0To10", ["Input.Index"] = "Safety",
            ["Input.TextKk"] = "Ауданыңызда полиция патрульдерін қаншалықты жиі көресіз?", ["Input.TextRu"] = "Как часто вы видите патрули полиции в своём районе?", ["Input.TextEn"] = "How often do you see police patrols in your area?",
            ["Input.LowKk"] = "Ешқашан", ["Input.LowRu"] = "Никогда", ["Input.LowEn"] = "Never", ["Input.HighKk"] = "Күн сайын", ["Input.HighRu"] = "Каждый день", ["Input.HighEn"] = "Every day",
        }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SenimApp.PostFormAsync(admin, "/Surveys/Questionnaires?handler=Status", new() { ["id"] = draft.Id.ToString(), ["status"] = "Active" }, formPage: url)).StatusCode);
        var counts = await app.WithDbAsync(async db => (
            await db.SurveyQuestions.CountAsync(q => q.QuestionnaireId == standard),
            await db.SurveyQuestions.CountAsync(q => q.QuestionnaireId == draft.Id),
            (await db.Questionnaires.AsNoTracking().FirstAsync(q => q.Id == draft.Id)).Status));
        Assert.Equal((6, 7, QuestionnaireStatus.Active), counts);
        // An active version can no longer be changed.
        var locked = await SenimApp.PostFormAsync(admin, $"/Surveys/Questionnaires?handler=AddQuestion&id={draft.Id}", new() { ["Input.Code"] = "extra", ["Input.Kind"] = "OpenText", ["Input.Index"] = "None", ["Input.TextKk"] = "a", ["Input.TextRu"] = "a", ["Input.TextEn"] = "a" }, formPage: url);
        Assert.Contains("Only a draft version can be changed.", WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "survey.question-add")));
    }
}

public sealed class SurveyTestsOnSqlite(SqliteApp app) : SurveyTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class SurveyTestsOnPostgres(PostgresApp app) : SurveyTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>Senim with a minimum effective n of 2, so that a hand-worked three-response example is published.</summary>
public sealed class SmallSampleApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Surveys:MinEffectiveN", "2");
    }
}

public sealed class SurveyHandWorkedTests(SmallSampleApp app) : IClassFixture<SmallSampleApp>
{
    [Fact]
    public async Task ImportedResponsesGiveTheHandWorkedIndicesThroughTheApi()
    {
        var (id, code, region) = await app.WithDbAsync(async db =>
        {
            var d = await db.Districts.AsNoTracking().Where(x => x.RegionCode == "abai").OrderBy(x => x.NameEn).FirstAsync();
            var c = await db.Units.Where(u => u.DistrictId == d.Id && u.Code.StartsWith("up-")).Select(u => u.Code).FirstAsync();
            return (d.Id, c[3..], d.RegionCode);
        });
        var admin = await app.SignInAsync("admin", culture: "en");
        // Margins: 100 adults, all aged 18-24, 50 women and 50 men.
        var margins = "district,variable,category,population\n" + string.Join("\n", SurveyCategories.AgeBands.Select(b => $"{code},age_band,{b},{(b == "18-24" ? 100 : 0)}")) + $"\n{code},sex,F,50\n{code},sex,M,50\n";
        var page = await admin.GetStringAsync("/Admin/SurveyMargins");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(margins)), "file", "m.csv" }, { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" } };
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/Admin/SurveyMargins", content)).StatusCode);

        // A wave of its own in January 2030 covering the region, opened.
        var created = await SenimApp.PostFormAsync(admin, "/Surveys/Waves?handler=Create", new()
        {
            ["Input.Code"] = "hand-2030-01", ["Input.NameKk"] = "Тест", ["Input.NameRu"] = "Тест", ["Input.NameEn"] = "Test", ["Input.Period"] = "2030-01",
            ["Input.Target"] = "3", ["Input.QuestionnaireId"] = StandardInstrument.Questionnaire.Id.ToString(), ["Input.Region"] = region,
        }, formPage: "/Surveys/Waves");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        // Women: safety 80 and 60, trust items (6,7,8) and (5,5,5); a man: safety 40, trust (9,9,9).
        var csv = $"""
            wave,district,age_band,sex,channel,safe_dark,respect,listen,matters,trust
            hand-2030-01,{code},18-24,F,phone,8,6,7,1,8
            hand-2030-01,{code},18-24,F,phone,6,5,5,2,5
            hand-2030-01,{code},18-24,M,face-to-face,4,9,9,3,9
            """;
        var importPage = await admin.GetStringAsync("/Surveys/Import");
        var t2 = System.Text.RegularExpressions.Regex.Match(importPage, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var upload = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "i.csv" }, { new StringContent(WebUtility.HtmlDecode(t2)), "__RequestVerificationToken" } };
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/Surveys/Import", upload)).StatusCode);

        // Weights 25, 25, 50. Safety = (25·80 + 25·60 + 50·40)/100 = 55; Trust = (25·70 + 25·50 + 50·90)/100 = 75;
        // SE = √165 = 12.845 for both (see SurveyIndicesTests); 95%: 55 ± 25.18 = [29.82, 80.18]; trust upper clipped to 100.
        var json = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/districts/{id}/indices?period=2030-01");
        var s = json.GetProperty("safety");
        Assert.False(s.GetProperty("suppressed").GetBoolean());
        Assert.Equal(55, s.GetProperty("estimate").GetDouble(), 2);
        Assert.Equal(29.82, s.GetProperty("lower").GetDouble(), 2);
        Assert.Equal(80.18, s.GetProperty("upper").GetDouble(), 2);
        Assert.Equal(3, s.GetProperty("n").GetInt32());
        Assert.Equal(2.7, s.GetProperty("nEff").GetDouble(), 1);
        var t = json.GetProperty("trust");
        Assert.Equal(75, t.GetProperty("estimate").GetDouble(), 2);
        Assert.Equal(100, t.GetProperty("upper").GetDouble(), 2);
        Assert.Equal(JsonValueKind.Null, t.GetProperty("change").ValueKind); // December 2029 has no responses
    }
}
