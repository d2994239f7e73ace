using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Senim.Web.Features.Identity;

namespace Senim.Web.Tests.Browser;

public sealed class StaffBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly string[] AllNav = ["/Org", "/Org/Employees", "/Me", "/Admin/ApiKeys", "/Admin/Reference", "/Admin/Audit", "/Moderation", "/Feedback/Register", "/Scores/Team", "/Scores/Units", "/Scorecards", "/Scorecards/Flags", "/Indicators", "/Scorecards/Me"];

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_UserName", user);
        await page.FillAsync("#Input_Password", DemoAccounts.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    private static async Task<string[]> NavLinksAsync(IPage page) =>
        [.. await page.Locator("header nav a.nav-link").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))")];

    private static async Task SwitchLanguageAsync(IPage page, string culture, string expectedLang)
    {
        await page.ClickAsync($"header form[action='/culture'] button[value='{culture}']");
        await page.WaitForFunctionAsync($"document.documentElement.lang === '{expectedLang}'");
    }

    [Theory]
    [InlineData("admin", new[] { "/Org", "/Org/Employees", "/Admin/ApiKeys", "/Admin/Reference", "/Admin/Audit", "/Moderation", "/Feedback/Register", "/Scores/Units", "/Scorecards", "/Scorecards/Flags", "/Indicators" })]
    [InlineData("analyst", new[] { "/Org", "/Org/Employees", "/Scores/Units", "/Scorecards", "/Scorecards/Flags", "/Indicators" })]
    [InlineData("regional", new[] { "/Org", "/Org/Employees", "/Scores/Units", "/Scorecards", "/Scorecards/Flags" })]
    [InlineData("head", new[] { "/Org", "/Org/Employees", "/Feedback/Register", "/Scores/Team", "/Scorecards", "/Scorecards/Flags" })]
    [InlineData("officer", new[] { "/Me", "/Scorecards/Me" })]
    [InlineData("secretary", new[] { "/Org", "/Org/Employees", "/Scores/Units", "/Scorecards" })]
    [InlineData("commission", new string[0])]
    [InlineData("moderator", new[] { "/Moderation" })]
    public async Task EachDemoRoleSeesItsOwnNavigationInEveryLanguageAndThePagesAreAccessible(string user, string[] expected)
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, user);
        var links = await NavLinksAsync(page);
        foreach (var href in AllNav)
        {
            if (expected.Contains(href)) Assert.Contains(href, links);
            else Assert.DoesNotContain(href, links);
        }
        Assert.Equal("kk", await page.EvaluateAsync<string>("document.documentElement.lang"));
        await BrowserApp.AssertAccessibleAsync(page);

        foreach (var href in expected)
        {
            await page.GotoAsync(href);
            Assert.Equal(200, (await page.EvaluateAsync<int>("performance.getEntriesByType('navigation')[0].responseStatus")));
            await BrowserApp.AssertAccessibleAsync(page);
        }

        await SwitchLanguageAsync(page, "ru", "ru");
        Assert.Contains("Выйти", await page.InnerTextAsync("header"), StringComparison.Ordinal);
        await SwitchLanguageAsync(page, "en", "en");
        Assert.Contains("Sign out", await page.InnerTextAsync("header"), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);
        await SwitchLanguageAsync(page, "kk", "kk");
        Assert.Contains("Шығу", await page.InnerTextAsync("header"), StringComparison.Ordinal);

        // What the role may not see: the first forbidden page answers "access denied", never the data.
        // (/Scores pages are open to several roles; the nav shows only the one that fits the role best.)
        var forbidden = AllNav.Except(expected).FirstOrDefault(h => h != "/Me" && !h.StartsWith("/Scores", StringComparison.Ordinal));
        if (forbidden is not null)
        {
            await page.GotoAsync(forbidden);
            Assert.Contains("/Account/AccessDenied", page.Url, StringComparison.Ordinal);
            Assert.Contains("Қолжетімділік жоқ", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AModeratorRejectsTwoHeldRatingsAtOnceAndThePageStaysAccessible()
    {
        var unitCode = await app.WithDbAsync(db => db.Units.Where(u => u.RegionCode == "almaty-city" && u.Kind == Senim.Web.Features.Organisation.UnitKind.FrontOffice)
            .OrderBy(u => u.Code).Select(u => u.Code).FirstAsync());
        var held = new List<Guid>();
        using var staff = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        staff.DefaultRequestHeaders.Add(ApiKeys.Header, DemoAccounts.ApiKey);
        using var resident = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        for (var i = 0; i < 2; i++)
        {
            var created = await staff.PostAsJsonAsync("/api/v1/interactions", new { kind = "consultation", unitCode, occurredAt = DateTime.UtcNow });
            created.EnsureSuccessStatusCode();
            var code = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString()!;
            (await resident.PostAsJsonAsync($"/api/v1/feedback/{code}", new { courtesy = 1, competence = 1, timeliness = 1, resolved = 1, trust = 0 })).EnsureSuccessStatusCode();
            held.Add(await app.WithDbAsync(db => db.Ratings.Where(r => db.Interactions.Any(x => x.Id == r.InteractionId && x.Code == code)).Select(r => r.Id).FirstAsync()));
        }
        await app.WithDbAsync(db => db.Ratings.Where(r => held.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, Senim.Web.Features.Feedback.RatingStatus.Held).SetProperty(r => r.HoldReason, "network")));

        var page = await app.NewPageAsync();
        await SignInAsync(page, "moderator");
        await SwitchLanguageAsync(page, "ru", "ru");
        await page.GotoAsync("/Moderation");
        await BrowserApp.AssertAccessibleAsync(page);
        foreach (var id in held) await page.CheckAsync($"#sel-{id}");
        await page.FillAsync("#bulk-note", "Серия одинаковых оценок за минуту.");
        await page.ClickAsync("#bulk button[value=false]");
        await page.WaitForSelectorAsync("#moderation-message");
        Assert.Contains("Решено: 2; не решено: 0", await page.InnerTextAsync("#moderation-message"), StringComparison.Ordinal);
        foreach (var id in held) Assert.Equal(0, await page.Locator($"#sel-{id}").CountAsync());
        await BrowserApp.AssertAccessibleAsync(page);
        Assert.All(await app.WithDbAsync(db => db.Ratings.Where(r => held.Contains(r.Id)).Select(r => r.Status).ToListAsync()),
            s => Assert.Equal(Senim.Web.Features.Feedback.RatingStatus.Removed, s));
    }

    [Fact]
    public async Task AdministratorDrillsDownFromTheTreeToAnEmployeeAndSeesFieldErrorsInEachLanguage()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, "admin");
        await page.GotoAsync("/Org");
        await BrowserApp.AssertAccessibleAsync(page);
        // The regional department with the most staff (with 1,200 demo employees some regions have none yet).
        var busiest = await app.WithDbAsync(async db =>
        {
            var departments = await db.Units.Where(u => u.Kind == Senim.Web.Features.Organisation.UnitKind.RegionalDepartment).Select(u => new { u.Id, u.Path }).ToListAsync();
            var paths = await db.Employees.Join(db.Units, e => e.UnitId, u => u.Id, (e, u) => u.Path).ToListAsync();
            return departments.OrderByDescending(d => paths.Count(p => p.StartsWith(d.Path, StringComparison.Ordinal))).First().Id;
        });
        await page.ClickAsync($".tree a[href='/Org/Unit/{busiest}']");
        await page.WaitForURLAsync(new Regex("/Org/Unit/"));
        await BrowserApp.AssertAccessibleAsync(page);
        await page.ClickAsync("a[href^='/Org/Employees?unitId=']");
        await page.ClickAsync("#employees tbody a[href^='/Org/Employee/'] >> nth=0");
        await page.WaitForURLAsync(new Regex("/Org/Employee/"));
        await BrowserApp.AssertAccessibleAsync(page);
        await page.ClickAsync("a[href^='/Org/EditEmployee/']");
        await BrowserApp.AssertAccessibleAsync(page);

        foreach (var (culture, message) in new[] { ("kk", "«Тегі» өрісін толтырыңыз."), ("ru", "Заполните поле «Фамилия»."), ("en", "Last name is required.") })
        {
            await SwitchLanguageAsync(page, culture, culture);
            await page.FillAsync("#Input_LastName", "");
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForSelectorAsync("span.field-validation-error:not(:empty)");
            Assert.Contains(message, await page.InnerTextAsync("main"), StringComparison.Ordinal);
            await BrowserApp.AssertAccessibleAsync(page);
        }
    }

    [Fact]
    public async Task AnAnalystDraftsAndPreviewsANewMethodologyVersion()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, "analyst");
        await SwitchLanguageAsync(page, "en", "en");
        await page.GotoAsync("/Scores/Units");
        await page.ClickAsync("main a[href='/Scores/Methodology']");
        await page.WaitForURLAsync(new Regex("/Scores/Methodology"));
        await BrowserApp.AssertAccessibleAsync(page);
        await page.ClickAsync("main form button:has-text('Create a draft')");
        await page.WaitForSelectorAsync("#Input_HalfLifeDays");
        await page.FillAsync("#Input_HalfLifeDays", "2");
        await page.ClickAsync("main button:has-text('Save and compare')");
        await page.WaitForSelectorAsync("span.field-validation-error:not(:empty)");
        Assert.Contains("The half-life must be between 7 and 3,650 days.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);
        await page.FillAsync("#Input_HalfLifeDays", "90");
        await page.ClickAsync("main button:has-text('Save and compare')");
        await page.WaitForSelectorAsync("#preview");
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task UnitHeadIsRefusedAnEmployeeOutsideTheSubtree()
    {
        var head = await app.HeadUnitAsync();
        var outside = await app.WithDbAsync(db => db.Employees.Where(e => db.Units.Any(u => u.Id == e.UnitId && !u.Path.StartsWith(head.Path))).Select(e => e.Id).FirstAsync());
        var inside = await app.WithDbAsync(db => db.Employees.Where(e => db.Units.Any(u => u.Id == e.UnitId && u.Path.StartsWith(head.Path))).Select(e => e.Id).FirstAsync());
        var page = await app.NewPageAsync();
        await SignInAsync(page, "head");
        await page.GotoAsync($"/Org/Employee/{inside}");
        Assert.Contains($"/Org/Employee/{inside}", page.Url, StringComparison.Ordinal);
        await page.GotoAsync($"/Org/Employee/{outside}");
        Assert.Contains("/Account/AccessDenied", page.Url, StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);
    }
}
