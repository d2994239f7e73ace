using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Senim.Web.Common;

/// <summary>
/// Senim behind a reverse proxy or load balancer (nginx, HAProxy). Without this, every request would seem to come from
/// the proxy: the per-address rate limit would throttle all residents together, and the anti-manipulation rule "too
/// many ratings from one network in a day" would hold every rating. With <c>Network:TrustedProxies</c> set (addresses
/// or CIDR networks, e.g. <c>["10.0.0.5", "10.1.0.0/16"]</c>), a request whose connection comes from one of them takes
/// its client address (X-Forwarded-For) and scheme (X-Forwarded-Proto) from the headers that proxy adds. Only the last
/// address in X-Forwarded-For is used — the one the trusted proxy itself appended — so a resident cannot pick an
/// address by sending the header. With nothing configured (the default) the headers are ignored.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "Network:TrustedProxies";

    public static IServiceCollection AddSenimReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var entries = configuration.GetSection(Section).Get<string[]>() ?? [];
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) proxies.Add(address);
            else throw new InvalidOperationException($"{Section}: \"{entry}\" is neither an IP address nor a network in CIDR form (10.1.0.0/16).");
        }
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            // The framework trusts loopback by default; Senim trusts exactly what is configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in proxies) o.KnownProxies.Add(p);
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
        });
        services.AddSingleton(new TrustedProxies(proxies.Count + networks.Count));
        return services;
    }

    /// <summary>First in the pipeline, so that errors, rate limits and the rating rules all see the resident's address.</summary>
    public static IApplicationBuilder UseSenimReverseProxy(this IApplicationBuilder app) =>
        app.ApplicationServices.GetService<TrustedProxies>() is { Count: > 0 } ? app.UseForwardedHeaders() : app;

    private sealed record TrustedProxies(int Count);
}
