using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Tests.Browser;

public sealed class SurveyBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("kk", "Қауіпсіздік және полицияға сенім", "Рақмет!")]
    [InlineData("ru", "Безопасность и доверие к полиции", "Спасибо!")]
    [InlineData("en", "Safety and trust in the police", "Thank you!")]
    public async Task AResidentCompletesTheSurveyOnAPhone(string locale, string heading, string thanks)
    {
        var (wave, district) = await app.WithDbAsync(async db =>
        {
            var w = await db.SurveyWaves.AsNoTracking().FirstAsync(x => x.Status == WaveStatus.Open);
            var d = await db.Units.Where(u => u.Code.StartsWith("up-almaty-city-")).OrderBy(u => u.Code).Select(u => u.Code).FirstAsync();
            return (w.Code, d[3..]);
        });
        var page = await app.NewPageAsync(locale);
        await page.SetViewportSizeAsync(360, 740);
        var response = await page.GotoAsync($"/s/{wave}?d={district}");
        Assert.Equal(200, response!.Status);
        Assert.Equal(locale, await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal(heading, (await page.InnerTextAsync("h1")).Trim());
        await BrowserApp.AssertAccessibleAsync(page);

        // Sending with questions unanswered keeps what was chosen and marks the questions.
        await page.CheckAsync("input[name=ageBand][value='25-34']");
        await page.CheckAsync("input[name=sex][value='M']");
        await page.CheckAsync("input[name=q-safe_dark][value='6']");
        await page.ClickAsync("button.submit");
        await page.WaitForSelectorAsync("#form-errors");
        Assert.True(await page.IsCheckedAsync("input[name=q-safe_dark][value='6']"));
        Assert.True(await page.IsCheckedAsync("input[name=ageBand][value='25-34']"));
        await BrowserApp.AssertAccessibleAsync(page);

        foreach (var (name, value) in new[] { ("q-respect", "7"), ("q-listen", "6"), ("q-matters", "5"), ("q-trust", "7") })
            await page.CheckAsync($"input[name={name}][value='{value}']");
        await page.FillAsync("#q-problem", "Аулада жарық жоқ / нет освещения");
        await page.ClickAsync("button.submit");
        await page.WaitForSelectorAsync("#survey-status");
        Assert.Equal(thanks, (await page.InnerTextAsync("h1")).Trim());
        await BrowserApp.AssertAccessibleAsync(page);

        // The same phone again: politely refused.
        await page.GotoAsync($"/s/{wave}");
        Assert.NotEqual(thanks, (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal(1, await page.Locator("#survey-status").CountAsync());
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task TheDistrictChiefSeesBothIndicesWithIntervalsOverTime(string locale)
    {
        var page = await app.NewPageAsync(locale);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_UserName", "head");
        await page.FillAsync("#Input_Password", DemoAccounts.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.ClickAsync($"header form[action='/culture'] button[value='{locale}']");
        await page.WaitForFunctionAsync($"document.documentElement.lang === '{locale}'");

        await page.GotoAsync("/Surveys");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.ClickAsync("#areas tbody a");
        await page.WaitForSelectorAsync("#indices");
        Assert.Equal(2, await page.Locator("#indices strong").CountAsync()); // both indices published with intervals
        Assert.Equal(2, await page.Locator("#indices p:has-text('95%')").CountAsync());
        // The chart is drawn (Chart.js) and the same numbers are in the table.
        await page.WaitForFunctionAsync("() => { const c = document.getElementById('survey-trend'); return c && c.width > 0 && window.Chart && Chart.getChart(c); }");
        Assert.True(await page.Locator("#history tbody tr").CountAsync() >= 2);
        Assert.True(await page.Locator("#themes tbody tr").CountAsync() >= 1);
        await BrowserApp.AssertAccessibleAsync(page);
    }
}
