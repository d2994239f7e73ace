using System.Text.Json;
using Microsoft.Playwright;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Browser;

/// <summary>Senim on a real Kestrel port (SQLite) and Debian's Chromium driven by Playwright, with axe-core from npm.</summary>
public sealed class BrowserApp : SqliteApp
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string ChromiumPath => Environment.GetEnvironmentVariable("SENIM_CHROMIUM") ?? "/usr/bin/chromium";

    protected override async Task StartAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: run the tests with scripts/test.sh, which installs Debian's chromium.");
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(string locale = "kk")
    {
        // The site's Content-Security-Policy forbids injected scripts; only the test context bypasses it, to load axe.
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true, Locale = locale, BaseURL = BaseUrl });
        return await context.NewPageAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Browser?.CloseAsync().GetAwaiter().GetResult();
            _playwright?.Dispose();
        }
        base.Dispose(disposing);
    }

    private static string AxePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Senim.slnx"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? ".", "src/Senim.Web/node_modules/axe-core/axe.min.js");
        return File.Exists(path) ? path : throw new InvalidOperationException("axe-core not found at " + path + " (npm ci in src/Senim.Web installs it).");
    }

    /// <summary>Runs axe-core on the page; fails listing every serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath() });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) })));
            }
            """);
        var violations = JsonDocument.Parse(json).RootElement;
        Assert.True(violations.GetArrayLength() == 0, $"axe on {page.Url}: {json}");
    }
}
