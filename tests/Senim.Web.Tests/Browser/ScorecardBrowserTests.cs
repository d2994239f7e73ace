using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Senim.Web.Features.Identity;

namespace Senim.Web.Tests.Browser;

/// <summary>Scorecards in a real browser: a national analyst drills down from the national page to one employee,
/// a unit head is refused outside their subtree, and axe-core finds no serious or critical violation on the way
/// (the demo scorecards of the last two quarters are computed on first start).</summary>
public sealed class ScorecardBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_UserName", user);
        await page.FillAsync("#Input_Password", DemoAccounts.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("en")]
    public async Task ANationalAnalystDrillsDownFromTheNationalPageToOneEmployee(string locale)
    {
        var page = await app.NewPageAsync(locale);
        await SignInAsync(page, "analyst");
        await page.ClickAsync("header nav a[href='/Scorecards']");
        await page.WaitForURLAsync(new Regex("/Scorecards$"));
        Assert.Equal(locale, await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.True(await page.Locator("#regions tbody tr").CountAsync() >= 17);
        await BrowserApp.AssertAccessibleAsync(page);

        await page.ClickAsync("#regions a[href^='/Scorecards/Region/almaty-city']");
        await page.WaitForURLAsync(new Regex("/Scorecards/Region/almaty-city"));
        await page.WaitForSelectorAsync("#indicators");
        Assert.True(await page.Locator("#composite .light").CountAsync() == 1); // the composite's light, with its text
        Assert.True(await page.Locator("#indicators tbody tr").CountAsync() >= 4);
        await BrowserApp.AssertAccessibleAsync(page);

        await page.ClickAsync("#children tbody a[href^='/Scorecards/District/'] >> nth=0");
        await page.WaitForURLAsync(new Regex("/Scorecards/District/"));
        Assert.True(await page.Locator("#scorecard svg.spark, #scorecard .scorecard-meta").CountAsync() >= 1);
        await BrowserApp.AssertAccessibleAsync(page);

        await page.ClickAsync("#children tbody a[href^='/Scorecards/Unit/'] >> nth=0");
        await page.WaitForURLAsync(new Regex("/Scorecards/Unit/"));
        await BrowserApp.AssertAccessibleAsync(page);

        await page.ClickAsync("#staff tbody a[href^='/Scorecards/Employee/'] >> nth=0");
        await page.WaitForURLAsync(new Regex("/Scorecards/Employee/"));
        await page.WaitForSelectorAsync("#indicators");
        Assert.Equal(1, await page.Locator("nav .breadcrumb a[href^='/Scorecards/Unit/']").CountAsync());
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task AUnitHeadIsRefusedOutsideTheSubtree()
    {
        var head = await app.HeadUnitAsync();
        var outsideEmployee = await app.WithDbAsync(db => db.Employees.Where(e => db.Units.Any(u => u.Id == e.UnitId && !u.Path.StartsWith(head.Path))).Select(e => e.Id).FirstAsync());
        var page = await app.NewPageAsync();
        await SignInAsync(page, "head");
        await page.GotoAsync("/Scorecards");
        Assert.Contains($"/Scorecards/Unit/{head.Id}", page.Url, StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);

        await page.GotoAsync("/Scorecards/Region/almaty-city");
        Assert.Contains("/Account/AccessDenied", page.Url, StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GotoAsync($"/Scorecards/Employee/{outsideEmployee}");
        Assert.Contains("/Account/AccessDenied", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDefinitionEditorsAndTheFlagPagesAreAccessible()
    {
        var page = await app.NewPageAsync("ru");
        await SignInAsync(page, "analyst");
        await page.GotoAsync("/Indicators");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GotoAsync("/Indicators/Indicator/EMP_COURTESY");
        await page.ClickAsync("main form[action*='NewVersion'] button");
        await page.WaitForSelectorAsync("#indicator-form");
        await page.FillAsync("#Input_Target", "9");
        await page.ClickAsync("#indicator-form button[type=submit]");
        await page.WaitForSelectorAsync("#Input_Target_error");
        Assert.Contains("Цель 9 вне диапазона показателя", await page.InnerTextAsync("#Input_Target_error"), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GotoAsync("/Indicators/Indicator/EMP_COURTESY?preview=true");
        await page.WaitForSelectorAsync("#preview");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GotoAsync("/Indicators/NewScorecard");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GotoAsync("/Scorecards/Flags?status=All");
        await BrowserApp.AssertAccessibleAsync(page);
    }
}
