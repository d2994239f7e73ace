using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;
using Senim.Web.Tests.Infrastructure;
using static Senim.Web.Tests.Indicators.IndicatorTestData;

namespace Senim.Web.Tests.Indicators;

/// <summary>Scorecard pages, exports, the API and the definition editor over HTTP: drill-down within scope, refusals
/// outside it, localized ProblemDetails, the no-quota rule and a target outside the range refused in three languages,
/// and the early-warning flow from the head's action to the employee's own page.</summary>
public abstract partial class ScorecardPagesTests<TApp>(TApp app) where TApp : SenimApp
{
    [GeneratedRegex("href=\"(/Scorecards/(?:Region|District|Unit|Employee)/[^\"?]+)")]
    private static partial Regex Links();

    private static string FirstLink(string html, string kind) =>
        Links().Matches(html).Select(m => m.Groups[1].Value).First(l => l.StartsWith("/Scorecards/" + kind + "/", StringComparison.Ordinal));

    private Task<string> QuarterAsync() =>
        app.WithDbAsync(db => db.ScorecardResults.Where(r => r.Period.Contains("Q")).OrderByDescending(r => r.Period).Select(r => r.Period).FirstAsync());

    private static string Compact(string s) => Regex.Replace(s, @"\s+", "");

    [Fact]
    public async Task ANationalAnalystDrillsDownAndExportsWhileOthersStayInTheirScope()
    {
        var quarter = await QuarterAsync();
        var analyst = await app.SignInAsync("analyst", culture: "en");
        var national = await analyst.GetStringAsync($"/Scorecards?period={quarter}");
        Assert.Contains("Regional scorecards", national, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Scorecards/Region/almaty-city?period={quarter}\"", national, StringComparison.Ordinal);
        var region = await analyst.GetStringAsync($"/Scorecards/Region/almaty-city?period={quarter}");
        Assert.Contains("id=\"indicators\"", region, StringComparison.Ordinal);
        Assert.Contains("Trust in the police", region, StringComparison.Ordinal);
        var districtUrl = FirstLink(region, "District");
        var district = await analyst.GetStringAsync(districtUrl + $"?period={quarter}");
        Assert.Contains("class=\"light light-", district, StringComparison.Ordinal);
        var unit = await analyst.GetStringAsync(FirstLink(district, "Unit") + $"?period={quarter}");
        var employee = await analyst.GetAsync(FirstLink(unit, "Employee") + $"?period={quarter}");
        Assert.Equal(HttpStatusCode.OK, employee.StatusCode);
        Assert.Contains("id=\"scorecard\"", await employee.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The district's scorecard as Excel and PDF, in the reader's language.
        var xlsx = await analyst.GetAsync(districtUrl + $"?period={quarter}&format=xlsx");
        Assert.Equal(ScorecardExport.XlsxType, xlsx.Content.Headers.ContentType?.MediaType);
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var text = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText;
            Assert.Contains("Trust in the police", text, StringComparison.Ordinal);
            Assert.Contains("Composite", text, StringComparison.Ordinal);
        }
        var kk = await app.SignInAsync("analyst", culture: "kk");
        var pdf = await kk.GetAsync(districtUrl + $"?period={quarter}&format=pdf&culture=kk");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = Compact(string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)));
            var districtId = Guid.Parse(districtUrl.Split('/')[^1]);
            var name = await app.WithDbAsync(db => db.Districts.Where(d => d.Id == districtId).Select(d => d.NameKk).FirstAsync());
            Assert.Contains(Compact(name), text, StringComparison.Ordinal);
            Assert.Contains(Compact("Полицияға сенім"), text, StringComparison.Ordinal);
        }

        // A unit head is taken to their own unit and refused everything outside their subtree.
        var headUnit = await app.HeadUnitAsync();
        var head = await app.SignInAsync("head", culture: "en");
        var start = await head.GetAsync("/Scorecards");
        Assert.Equal($"/Scorecards/Unit/{headUnit.Id}", start.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/Scorecards/Unit/{headUnit.Id}?period={quarter}")).StatusCode);
        var outsideUnit = await app.WithDbAsync(db => db.Units.Where(u => !u.Path.StartsWith(headUnit.Path)).Select(u => u.Id).FirstAsync());
        var outsideEmployee = await app.WithDbAsync(db => db.Employees.Where(e => db.Units.Any(u => u.Id == e.UnitId && !u.Path.StartsWith(headUnit.Path))).Select(e => e.Id).FirstAsync());
        foreach (var url in new[] { "/Scorecards/Region/almaty-city", $"/Scorecards/Unit/{outsideUnit}", $"/Scorecards/Employee/{outsideEmployee}" })
        {
            var refused = await head.GetAsync(url);
            Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        }

        // A regional analyst starts at their region and is refused the others; an employee sees only their own.
        var regional = await app.SignInAsync("regional");
        Assert.Equal("/Scorecards/Region/almaty-city", (await regional.GetAsync("/Scorecards")).Headers.Location!.OriginalString);
        Assert.Contains("AccessDenied", (await regional.GetAsync("/Scorecards/Region/astana")).Headers.Location!.ToString(), StringComparison.Ordinal);
        var officer = await app.SignInAsync("officer");
        Assert.Equal("/Scorecards/Me", (await officer.GetAsync("/Scorecards")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Scorecards/Me")).StatusCode);
        Assert.Contains("AccessDenied", (await officer.GetAsync($"/Scorecards/Employee/{outsideEmployee}")).Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("AccessDenied", (await officer.GetAsync("/Scorecards/Flags")).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiReturnsStoredScorecardsWithinScopeAndExplainsBadInput()
    {
        var quarter = await QuarterAsync();
        var system = app.WithApiKey(DemoAccounts.ApiKey);
        var region = await system.GetFromJsonAsync<JsonElement>($"/api/v1/scorecards/region/almaty-city?period={quarter}");
        Assert.Equal("region", region.GetProperty("level").GetString());
        Assert.Equal("SC_REGION", region.GetProperty("scorecard").GetProperty("code").GetString());
        Assert.True(region.GetProperty("composite").GetProperty("sufficient").GetBoolean());
        var indicators = region.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Contains(indicators, i => i.GetProperty("code").GetString() == "REG_TRUST" && i.GetProperty("hasData").GetBoolean());
        Assert.Contains(indicators, i => i.GetProperty("code").GetString() == "REG_RATINGS" && i.GetProperty("kind").GetString() == "statisticalCount" && i.GetProperty("weight").GetDouble() == 0);
        Assert.Contains(region.GetProperty("composite").GetProperty("status").GetString(), new[] { "green", "amber", "red" });

        var headUnit = await app.HeadUnitAsync();
        var outsideUnit = await app.WithDbAsync(db => db.Units.Where(u => !u.Path.StartsWith(headUnit.Path)).Select(u => u.Id).FirstAsync());
        var head = await app.SignInAsync("head");
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/api/v1/scorecards/unit/{headUnit.Id}?period={quarter}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync($"/api/v1/scorecards/unit/{outsideUnit}?period={quarter}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync($"/api/v1/scorecards/region/almaty-city?period={quarter}")).StatusCode);
        var astanaDistrict = await app.WithDbAsync(db => db.Districts.Where(d => d.RegionCode == "astana").Select(d => d.Id).FirstAsync());
        var regional = await app.SignInAsync("regional");
        Assert.Equal(HttpStatusCode.Forbidden, (await regional.GetAsync($"/api/v1/scorecards/district/{astanaDistrict}?period={quarter}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await regional.GetAsync($"/api/v1/scorecards/region/almaty-city?period={quarter}")).StatusCode);

        var own = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "officer").Select(u => u.EmployeeId!.Value).FirstAsync());
        var other = await app.WithDbAsync(db => db.Employees.Where(e => e.Id != own).Select(e => e.Id).FirstAsync());
        var officer = await app.SignInAsync("officer");
        var mine = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/scorecards/employee/{own}?period={quarter}");
        Assert.Equal(Key(own), mine.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/api/v1/scorecards/employee/{other}?period={quarter}")).StatusCode);

        // Bad input: ProblemDetails in the caller's language, never a 500.
        var en = app.WithApiKey(DemoAccounts.ApiKey);
        en.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var bad = await en.GetAsync("/api/v1/scorecards/planet/x?period=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The level must be employee, unit, district or region.", problem.GetProperty("errors").GetProperty("level")[0].GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("period", out _));
        var ru = app.WithApiKey(DemoAccounts.ApiKey);
        ru.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var notGuid = await (await ru.GetAsync("/api/v1/scorecards/employee/abc")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Идентификатор должен быть GUID.", notGuid.GetProperty("errors").GetProperty("id")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await en.GetAsync($"/api/v1/scorecards/employee/{Guid.NewGuid()}")).StatusCode);
        var never = await en.GetAsync("/api/v1/scorecards/region/almaty-city?period=2001-01");
        Assert.Equal(HttpStatusCode.NotFound, never.StatusCode);
        Assert.Contains("has not been computed for the period 2001-01", await never.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ScorecardForm(Dictionary<string, double> items) => new(
        new Dictionary<string, string>
        {
            ["Input.NameKk"] = "Қызметкер", ["Input.NameRu"] = "Сотрудник", ["Input.NameEn"] = "Employee", ["Input.MinimumDataSharePercent"] = "60",
            ["Input.GreenFrom"] = "85", ["Input.AmberFrom"] = "65",
        }.Concat(items.SelectMany((kv, i) => new[]
        {
            new KeyValuePair<string, string>($"Input.Items[{i}].Code", kv.Key),
            new KeyValuePair<string, string>($"Input.Items[{i}].Weight", kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        })));

    [Fact]
    public async Task AScorecardWeightingAStatisticalCountIsNeverActivatedAndThePageSaysWhy()
    {
        var analyst = await app.SignInAsync("analyst", culture: "en");
        const string page = "/Indicators/Scorecard/SC_EMPLOYEE";
        Assert.Equal(HttpStatusCode.Redirect, (await SenimApp.PostFormAsync(analyst, page + "?handler=NewVersion", [], page)).StatusCode);
        // Weights that sum to nothing: refused with a message.
        var zero = await SenimApp.PostFormAsync(analyst, page + "?handler=Save", ScorecardForm(new() { ["EMP_SCORE"] = 0, ["EMP_SATISFIED"] = 0 }), page);
        Assert.Equal(HttpStatusCode.OK, zero.StatusCode);
        Assert.Contains("The weights must sum to a positive number.", await zero.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A statistical count with weight: the draft may be saved, the page says why it cannot be activated.
        var saved = await SenimApp.PostFormAsync(analyst, page + "?handler=Save",
            ScorecardForm(new() { ["EMP_SCORE"] = 0.5, ["EMP_SATISFIED"] = 0.3, ["EMP_RATINGS"] = 0.2 }), page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draftPage = await analyst.GetStringAsync(page);
        Assert.Contains("id=\"no-quota\"", draftPage, StringComparison.Ordinal);
        Assert.Contains("This scorecard cannot be activated: the no-quota rule", draftPage, StringComparison.Ordinal);
        Assert.Contains("Statistical counts are given weight: Ratings received.", draftPage, StringComparison.Ordinal);
        foreach (var (culture, message) in new[]
                 {
                     ("en", "«Ratings received» is a statistical count (like crimes, detections, protocols, fines): it may be shown as context but never weighted."),
                     ("ru", "«Полученные оценки» — статистический показатель (как преступления, раскрытия, протоколы, штрафы)"),
                     ("kk", "«Алынған бағалар» — статистикалық көрсеткіш (қылмыстар, анықталғандар, хаттамалар, айыппұлдар сияқты)"),
                 })
        {
            var client = await app.SignInAsync("analyst", culture: culture);
            var refused = await SenimApp.PostFormAsync(client, page + "?handler=Activate", [], page);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        Assert.Equal(DefinitionStatus.Draft, await app.WithDbAsync(db => db.Scorecards.Where(s => s.Code == "SC_EMPLOYEE" && s.Version == 2).Select(s => s.Status).SingleAsync()));

        // The count as context (weight 0): activated.
        Assert.Equal(HttpStatusCode.Redirect, (await SenimApp.PostFormAsync(analyst, page + "?handler=Save",
            ScorecardForm(new() { ["EMP_SCORE"] = 0.5, ["EMP_SATISFIED"] = 0.3, ["EMP_RATINGS"] = 0 }), page)).StatusCode);
        var activated = await SenimApp.PostFormAsync(analyst, page + "?handler=Activate", [], page);
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.Equal(DefinitionStatus.Active, await app.WithDbAsync(db => db.Scorecards.Where(s => s.Code == "SC_EMPLOYEE" && s.Version == 2).Select(s => s.Status).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "scorecard.activate" && a.EntityId == "SC_EMPLOYEE/v2")));
    }

    private static Dictionary<string, string> IndicatorForm(string code, string target, string green, string amber) => new()
    {
        ["Input.Code"] = code, ["Input.NameKk"] = "Жеделдік", ["Input.NameRu"] = "Своевременность", ["Input.NameEn"] = "Timeliness",
        ["Input.Source"] = "feedback.score", ["Input.Criterion"] = "Timeliness", ["Input.Level"] = "Employee", ["Input.Kind"] = "Evaluative",
        ["Input.Direction"] = "HigherIsBetter", ["Input.ScaleMin"] = "2", ["Input.ScaleMax"] = "5", ["Input.Target"] = target, ["Input.GreenFrom"] = green,
        ["Input.AmberFrom"] = amber,
    };

    [Theory]
    [InlineData("en", "7", "4.2", "3.8", "The target 7 is outside the indicator's range (2–5).")]
    [InlineData("ru", "7", "4,2", "3,8", "Цель 7 вне диапазона показателя (2–5).")]
    [InlineData("kk", "7", "4,2", "3,8", "7 мақсаты көрсеткіштің ауқымынан тыс (2–5).")]
    public async Task ATargetOutsideTheRangeIsRefusedInTheReadersLanguage(string culture, string target, string green, string amber, string message)
    {
        var analyst = await app.SignInAsync("analyst", culture: culture);
        var code = "EMP_TIMELY_" + culture.ToUpperInvariant();
        var refused = await SenimApp.PostFormAsync(analyst, "/Indicators/NewIndicator", IndicatorForm(code, target, green, amber));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.IndicatorDefinitions.AnyAsync(d => d.Code == code)));

        var created = await SenimApp.PostFormAsync(analyst, "/Indicators/NewIndicator", IndicatorForm(code, culture == "en" ? "4.5" : "4,5", green, amber));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var draft = await app.WithDbAsync(db => db.IndicatorDefinitions.SingleAsync(d => d.Code == code));
        Assert.Equal((DefinitionStatus.Draft, 4.5, 2.0), (draft.Status, draft.Target!.Value, draft.ScaleMin));
        // The preview shows what the draft would change on the last stored period.
        Assert.Contains("id=\"preview\"", await analyst.GetStringAsync($"/Indicators/Indicator/{code}?preview=true"), StringComparison.Ordinal);

        // A unit head reads the catalogue but may not change it.
        var head = await app.SignInAsync("head");
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/Indicators/Indicator/{code}")).StatusCode);
        var headPost = await SenimApp.PostFormAsync(head, $"/Indicators/Indicator/{code}?handler=Activate", [], $"/Indicators/Indicator/{code}");
        Assert.Contains("AccessDenied", headPost.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHeadActsOnAFlagAndTheEmployeeSeesIt()
    {
        var officerId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "officer").Select(u => u.EmployeeId!.Value).FirstAsync());
        await AddUpheldContestsAsync(app, officerId, 3, DateTime.UtcNow.AddDays(-3));
        // The analyst's recompute button stores this month's scorecards and raises the flags.
        var analyst = await app.SignInAsync("analyst", culture: "en");
        var recomputed = await SenimApp.PostFormAsync(analyst, "/Scorecards?handler=Recompute", new() { ["period"] = MonthLabel(0) }, "/Scorecards");
        Assert.Equal(HttpStatusCode.Redirect, recomputed.StatusCode);
        var flag = await app.WithDbAsync(db => db.EarlyWarningFlags.SingleAsync(f => f.SubjectId == officerId && f.Rule == FlagRule.ContestsUpheld && f.Period == MonthLabel(0)));

        // One level up: the regional analyst sees it open, cannot act.
        var regional = await app.SignInAsync("regional", culture: "en");
        Assert.Contains($"/Scorecards/Flag/{flag.Id}", await regional.GetStringAsync("/Scorecards/Flags?status=Open"), StringComparison.Ordinal);
        var notTheirs = await SenimApp.PostFormAsync(regional, $"/Scorecards/Flag/{flag.Id}", new() { ["Action"] = "Training" }, "/Scorecards/Flags");
        Assert.Contains("AccessDenied", notTheirs.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);

        // The head: "no action" needs a reason; then a training is recorded.
        var head = await app.SignInAsync("head", culture: "en");
        var flagPage = await head.GetStringAsync($"/Scorecards/Flag/{flag.Id}");
        Assert.Contains("3 contested ratings upheld in the last 90 days (threshold 2).", flagPage, StringComparison.Ordinal);
        var noReason = await SenimApp.PostFormAsync(head, $"/Scorecards/Flag/{flag.Id}", new() { ["Action"] = "NoAction" });
        Assert.Contains("Give the reason for taking no action.", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await SenimApp.PostFormAsync(head, $"/Scorecards/Flag/{flag.Id}", new() { ["Action"] = "Training", ["Note"] = "Course on de-escalation" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.DoesNotContain($"/Scorecards/Flag/{flag.Id}", await regional.GetStringAsync("/Scorecards/Flags?status=Open"), StringComparison.Ordinal);

        // The employee sees the flag and the action on their own page (support, not punishment).
        var officer = await app.SignInAsync("officer", culture: "en");
        var me = await officer.GetStringAsync("/Scorecards/Me");
        Assert.Contains("3 contested ratings upheld", me, StringComparison.Ordinal);
        Assert.Contains("Training: Course on de-escalation", me, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/Scorecards/Flag/{flag.Id}")).StatusCode);
    }
}

public sealed class ScorecardPagesOnSqlite(SqliteApp app) : ScorecardPagesTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class ScorecardPagesOnPostgres(PostgresApp app) : ScorecardPagesTests<PostgresApp>(app), IClassFixture<PostgresApp>;
