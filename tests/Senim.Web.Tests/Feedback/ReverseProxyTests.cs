using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Common;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Feedback;

/// <summary>Senim configured to trust one proxy address and one proxy network. The in-memory server has no TCP
/// connection, so a startup filter (it runs before Senim's own middleware) gives each request the peer address named in
/// the test's X-Test-Peer header, as a real proxy's connection would.</summary>
internal static class ProxySetup
{
    public const string Proxy = "10.9.8.7";

    public static void Apply(IWebHostBuilder builder)
    {
        builder.UseSetting("Network:TrustedProxies:0", Proxy);
        builder.UseSetting("Network:TrustedProxies:1", "172.16.0.0/12");
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, then) =>
            {
                ctx.Connection.RemoteIpAddress = IPAddress.Parse(ctx.Request.Headers["X-Test-Peer"].FirstOrDefault() ?? Proxy);
                return then();
            });
            next(app);
        };
    }
}

public sealed class ProxiedSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ProxySetup.Apply(builder);
    }
}

public sealed class ProxiedPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ProxySetup.Apply(builder);
    }
}

public abstract class ReverseProxyTests<TApp>(TApp app) where TApp : SenimApp
{
    private static readonly object Rating = new { courtesy = 5, competence = 4, timeliness = 4, resolved = 5, trust = 9 };

    private async Task<string> CodeAsync()
    {
        var (unit, number) = await app.WithDbAsync(async db =>
        {
            var u = await db.Units.Where(x => x.Kind == Senim.Web.Features.Organisation.UnitKind.FrontOffice).OrderBy(x => x.Code).FirstAsync();
            var e = await db.Employees.Where(x => x.UnitId == u.Id).OrderBy(x => x.PersonnelNumber).FirstAsync();
            return (u.Code, e.PersonnelNumber);
        });
        var response = await app.WithApiKey(DemoAccounts.ApiKey).PostAsJsonAsync("/api/v1/interactions",
            new { kind = "front-office-visit", unitCode = unit, personnelNumbers = new[] { number }, occurredAt = DateTime.UtcNow.AddMinutes(-5) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>Rates a fresh code through the given peer and forwarded header; returns the stored rating's network hash.</summary>
    private async Task<string?> RateAsync(string peer, string? forwardedFor)
    {
        var code = await CodeAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/feedback/{code}") { Content = JsonContent.Create(Rating) };
        request.Headers.Add("X-Test-Peer", peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        var response = await app.Anonymous().SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return await app.WithDbAsync(db => db.Ratings.Where(r => r.Id == id).Select(r => r.NetworkHash).SingleAsync());
    }

    private string? HashOf(string address)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ResidentPrivacy>().NetworkHash(IPAddress.Parse(address));
    }

    [Fact]
    public async Task ThroughATrustedProxyTheResidentsAddressCounts()
    {
        // Only the address the proxy appended (the last one) is taken; the resident's own claim before it is not.
        Assert.Equal(HashOf("203.0.113.7"), await RateAsync(ProxySetup.Proxy, "192.0.2.50, 203.0.113.7"));
        Assert.Equal(HashOf("198.18.4.20"), await RateAsync("172.20.1.1", "198.18.4.20"));
        Assert.NotEqual(HashOf(ProxySetup.Proxy), HashOf("203.0.113.7"));
    }

    [Fact]
    public async Task FromAnUntrustedPeerTheHeaderIsIgnored()
    {
        Assert.Equal(HashOf("198.51.100.9"), await RateAsync("198.51.100.9", "203.0.113.7"));
        Assert.Equal(HashOf("127.0.0.1"), await RateAsync("127.0.0.1", "203.0.113.7"));
    }
}

public sealed class ReverseProxyOnSqlite(ProxiedSqliteApp app) : ReverseProxyTests<ProxiedSqliteApp>(app), IClassFixture<ProxiedSqliteApp>;
public sealed class ReverseProxyOnPostgres(ProxiedPostgresApp app) : ReverseProxyTests<ProxiedPostgresApp>(app), IClassFixture<ProxiedPostgresApp>;

public sealed class ReverseProxyConfigurationTests
{
    [Fact]
    public void AnEntryThatIsNoAddressStopsTheStartWithItsName()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Network:TrustedProxies:0"] = "10.0.0.1", ["Network:TrustedProxies:1"] = "proxy.local" })
            .Build();
        var error = Assert.Throws<InvalidOperationException>(() => Senim.Web.Common.ReverseProxy.AddSenimReverseProxy(new ServiceCollection(), configuration));
        Assert.Contains("\"proxy.local\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Network:TrustedProxies", error.Message, StringComparison.Ordinal);
    }
}
