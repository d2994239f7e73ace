using System.Net;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Scoring;

public sealed class MethodPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>By hand for A (n = 10): v = 0.64/10 = 0.064, B = 0.064/(0.064 + 0.04) = 0.615,
    /// estimate = 0.615·4.20 + 0.385·4.80 = 4.43, SE = √(0.385·0.064) = 0.157, interval 4.43 ± 1.96·0.157 = 4.12–4.74.
    /// For B (n = 100): v = 0.0064, B = 0.138, estimate = 4.72.</summary>
    [Fact]
    public async Task TheWorkedExampleMatchesTheHandCalculationInEveryLanguage()
    {
        foreach (var (culture, heading, a, interval) in new[] { ("en", "How scores are calculated", "4.43", "4.12 – 4.74"), ("ru", "Как рассчитывается оценка", "4,43", "4,12 – 4,74"), ("kk", "Бағалау қалай есептеледі", "4,43", "4,12 – 4,74") })
        {
            var response = await app.Anonymous(culture).GetAsync("/Method");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(heading, html, StringComparison.Ordinal);
            Assert.Contains($"<td class=\"text-end\">{a}</td>", html, StringComparison.Ordinal);
            Assert.Contains(interval, html, StringComparison.Ordinal);
            Assert.Contains(culture == "en" ? "4.72" : "4,72", html, StringComparison.Ordinal);
            Assert.Contains(culture == "en" ? "0.615" : "0,615", html, StringComparison.Ordinal);
        }
    }
}
