using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Senim.Web.Features.Feedback;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Feedback;

public sealed class LowRateLimitApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:PerCodePerMinute", "3");
        builder.UseSetting("Feedback:PerAddressPerMinute", "20");
    }

}

public sealed class RateLimitTests(LowRateLimitApp app) : IClassFixture<LowRateLimitApp>
{
    [Fact]
    public async Task HammeringOneCodeIsRefusedWithTooManyRequests()
    {
        var code = InvitationCode.New();
        var client = app.Anonymous("en");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync($"/api/v1/feedback/{code}", new { courtesy = 9 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var last = await client.PostAsJsonAsync($"/api/v1/feedback/{code}", new { courtesy = 9 });
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many requests", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

}

/// <summary>Its own application instance, so the per-address budget is not shared with the test above.</summary>
public sealed class AddressRateLimitTests(LowRateLimitApp app) : IClassFixture<LowRateLimitApp>
{
    [Fact]
    public async Task ManyCodesFromOneAddressAreRefusedToo()
    {
        var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
            statuses.Add((await client.PostAsJsonAsync($"/api/v1/feedback/{InvitationCode.New()}", new { courtesy = 9 })).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}

/// <summary>Its own application instance: only the resident endpoints spend the per-address budget.</summary>
public sealed class AddressBudgetScopeTests(LowRateLimitApp app) : IClassFixture<LowRateLimitApp>
{
    [Fact]
    public async Task OtherPagesDoNotSpendTheResidentsBudget()
    {
        var client = app.Anonymous();
        for (var i = 0; i < 30; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        // 30 requests elsewhere, more than the 20 a minute an address has: a resident request still gets through.
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/feedback/{InvitationCode.New()}", new { courtesy = 9 })).StatusCode);
    }
}
