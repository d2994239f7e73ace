using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Senim.Web.Features.Identity;

namespace Senim.Web.Tests.Browser;

public sealed class ResidentBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>Registers an interaction, fetches its QR code as a PNG and decodes it with zbarimg (zbar-tools), as a phone would.</summary>
    private async Task<string> UrlFromPrintedQrAsync()
    {
        var unitCode = await app.WithDbAsync(db => db.Units.Where(u => u.Kind == Senim.Web.Features.Organisation.UnitKind.FrontOffice).OrderBy(u => u.Code).Select(u => u.Code).FirstAsync());
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add(ApiKeys.Header, DemoAccounts.ApiKey);
        var created = await http.PostAsJsonAsync("/api/v1/interactions", new { kind = "front-office-visit", unitCode, occurredAt = DateTime.UtcNow.AddMinutes(-3) });
        created.EnsureSuccessStatusCode();
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var png = Path.Combine(Path.GetTempPath(), $"senim-qr-{code}.png");
        await File.WriteAllBytesAsync(png, await http.GetByteArrayAsync($"/f/{code}/qr.png"));
        try
        {
            var psi = new ProcessStartInfo("zbarimg", ["--quiet", "--raw", png]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var zbar = Process.Start(psi) ?? throw new InvalidOperationException("zbarimg (Debian zbar-tools) is needed: run scripts/test.sh");
            var url = (await zbar.StandardOutput.ReadToEndAsync()).Trim();
            await zbar.WaitForExitAsync();
            Assert.EndsWith($"/f/{code}", url, StringComparison.Ordinal);
            return url;
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Theory]
    [InlineData("kk", "Қызметті бағалаңыз", "Рақмет!")]
    [InlineData("ru", "Оцените услугу", "Спасибо!")]
    [InlineData("en", "Rate the service", "Thank you!")]
    public async Task AResidentGoesFromAPrintedQrCodeToASubmittedRating(string locale, string heading, string thanks)
    {
        var url = await UrlFromPrintedQrAsync();
        var page = await app.NewPageAsync(locale);
        await page.SetViewportSizeAsync(360, 740); // a small phone
        var response = await page.GotoAsync(url);
        Assert.Equal(200, response!.Status);
        Assert.Equal(locale, await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal(heading, (await page.InnerTextAsync("h1")).Trim());
        await BrowserApp.AssertAccessibleAsync(page);

        // Submitting with a question unanswered keeps the answers and marks the question.
        await page.CheckAsync("input[name=courtesy][value='5']");
        await page.FillAsync("#comment", "Жылдам әрі сыпайы / быстро и вежливо");
        await page.ClickAsync("button.submit");
        await page.WaitForSelectorAsync("p.error");
        Assert.True(await page.IsCheckedAsync("input[name=courtesy][value='5']"));
        await BrowserApp.AssertAccessibleAsync(page);

        foreach (var (name, value) in new[] { ("competence", "4"), ("timeliness", "4"), ("resolved", "5"), ("trust", "9") })
            await page.CheckAsync($"input[name={name}][value='{value}']");
        await page.ClickAsync("button.submit");
        await page.WaitForSelectorAsync("#comment-status");
        Assert.Equal(thanks, (await page.InnerTextAsync("h1")).Trim());
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task ThePublicMethodPageIsAccessible(string locale)
    {
        var page = await app.NewPageAsync(locale);
        var response = await page.GotoAsync("/Method");
        Assert.Equal(200, response!.Status);
        Assert.Equal(locale, await page.EvaluateAsync<string>("document.documentElement.lang"));
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task TheRatingPageWorksWithJavaScriptOffAndStaysSmall()
    {
        var url = await UrlFromPrintedQrAsync();
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = "kk" });
        var page = await context.NewPageAsync();
        long bytes = 0;
        page.Response += (_, r) => { if (r.Headers.TryGetValue("content-length", out var len)) bytes += long.Parse(len, System.Globalization.CultureInfo.InvariantCulture); };
        var html = await page.GotoAsync(url);
        var body = await html!.BodyAsync();
        bytes = Math.Max(bytes, 0) + body.Length;
        Assert.True(bytes < 30 * 1024, $"rating page transferred {bytes} bytes");
        foreach (var (name, value) in new[] { ("courtesy", "3"), ("competence", "3"), ("timeliness", "2"), ("resolved", "3"), ("trust", "5") })
            await page.CheckAsync($"input[name={name}][value='{value}']");
        await page.ClickAsync("button.submit");
        Assert.Equal("Рақмет!", (await page.InnerTextAsync("h1")).Trim());
        await context.CloseAsync();
    }
}
