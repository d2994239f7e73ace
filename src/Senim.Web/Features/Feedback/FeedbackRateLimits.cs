using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Senim.Web.Infrastructure;

namespace Senim.Web.Features.Feedback;

/// <summary>Rate limits on the resident endpoints: per client address (policy) and per code (global limiter that
/// only looks at /f/{code} and /api/v1/feedback/{code}), so guessing codes and hammering one code both stop.</summary>
public static class FeedbackRateLimits
{
    public const string Policy = "feedback";

    public static IServiceCollection AddFeedbackRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var o = configuration.GetSection(FeedbackOptions.Section).Get<FeedbackOptions>() ?? new FeedbackOptions();
        services.AddRateLimiter(r =>
        {
            r.AddPolicy(Policy, ctx => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "none"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = o.PerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                var code = HttpMethods.IsPost(ctx.Request.Method) ? CodeOf(ctx.Request.Path) : null;
                return code is null
                    ? RateLimitPartition.GetNoLimiter("none")
                    : RateLimitPartition.GetFixedWindowLimiter("code:" + code,
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = o.PerCodePerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
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

    /// <summary>Only POSTs spend the per-code budget (reading the page or the QR does not).</summary>
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
