using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Senim.Web.Features.Feedback;

/// <summary>Rate limits on the resident endpoints (those with the <see cref="Policy"/> policy): per client address, and
/// per code on /f/{code} and /api/v1/feedback/{code}, so guessing codes and hammering one code both stop. Behind a
/// reverse proxy the client address is the resident's (Network:TrustedProxies).</summary>
public static class FeedbackRateLimits
{
    public const string Policy = "feedback";

    public static IServiceCollection AddFeedbackRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var o = configuration.GetSection(FeedbackOptions.Section).Get<FeedbackOptions>() ?? new FeedbackOptions();
        services.AddRateLimiter(r =>
        {
            // The policy marks the resident endpoints; both budgets are counted by the global limiter below, one small
            // counter per code and per address (the framework's partitioned limiter would keep one limiter per resident
            // address and walk them all ten times a second).
            r.AddPolicy(Policy, _ => RateLimitPartition.GetNoLimiter("resident"));
            r.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                new MinuteCounterLimiter(o.PerCodePerMinute, TimeProvider.System, CodeOf),
                new MinuteCounterLimiter(o.PerAddressPerMinute, TimeProvider.System, AddressOf));
            r.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                var text = http.RequestServices.GetRequiredService<IText>();
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails = new ProblemDetails { Status = 429, Title = text["Problem.429"], Detail = text["Feedback.TooMany"] },
                    });
                }
                else
                {
                    http.Response.ContentType = "text/plain; charset=utf-8";
                    await http.Response.WriteAsync(text["Feedback.TooMany"], ct);
                }
            };
        });
        return services;
    }

    /// <summary>Every request to a resident endpoint (those with the <see cref="Policy"/> policy) spends its address's budget.</summary>
    internal static string? AddressOf(HttpContext ctx) =>
        ctx.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Policy
            ? "ip:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "none")
            : null;

    /// <summary>Only POSTs spend the per-code budget (reading the page or the QR does not).</summary>
    internal static string? CodeOf(HttpContext ctx) => HttpMethods.IsPost(ctx.Request.Method) ? CodeOf(ctx.Request.Path) : null;

    private static string? CodeOf(PathString path)
    {
        var p = path.Value;
        if (p is null) return null;
        string? rest = null;
        if (p.StartsWith("/api/v1/feedback/", StringComparison.OrdinalIgnoreCase)) rest = p["/api/v1/feedback/".Length..];
        else if (p.StartsWith("/f/", StringComparison.OrdinalIgnoreCase)) rest = p[3..];
        if (rest is null) return null;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var code = slash < 0 ? rest : rest[..slash];
        return code.Length is > 0 and <= 32 ? code.ToUpper(CultureInfo.InvariantCulture).Replace("-", "", StringComparison.Ordinal) : null;
    }
}

/// <summary>Requests per key (a code, an address) per minute (fixed one-minute windows), for the resident endpoints; a
/// request whose key is null is not counted. One small counter per key seen in the current or the previous minute,
/// dropped a minute later: O(1) per request, and no timer walking every partition ten times a second (which the
/// framework's partitioned limiter does, and which costs dearly when every request has its own code or address).</summary>
public sealed class MinuteCounterLimiter(int perMinute, TimeProvider clock, Func<HttpContext, string?> keyOf) : PartitionedRateLimiter<HttpContext>
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private long _swept;

    private sealed class Counter
    {
        public long Minute;
        public int Count;
    }

    private long Minute => clock.GetUtcNow().ToUnixTimeSeconds() / 60;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        var key = keyOf(resource);
        if (key is null) return Lease.Granted;
        var minute = Minute;
        Sweep(minute);
        var counter = _counters.GetOrAdd(key, _ => new Counter { Minute = minute });
        lock (counter)
        {
            if (counter.Minute != minute) { counter.Minute = minute; counter.Count = 0; }
            if (counter.Count + permitCount > perMinute) return Lease.Refused;
            counter.Count += permitCount;
            return Lease.Granted;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    /// <summary>Once a minute, forget the keys not seen this minute or the last.</summary>
    private void Sweep(long minute)
    {
        var last = Interlocked.Read(ref _swept);
        if (last >= minute || Interlocked.CompareExchange(ref _swept, minute, last) != last) return;
        foreach (var (key, counter) in _counters)
            if (counter.Minute < minute - 1) _counters.TryRemove(key, out _);
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Refused = new(false);
        public override bool IsAcquired => acquired;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
