using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Senim.Web.Features.Operations;

public static class Operations
{
    public static WebApplicationBuilder AddSenimLogging(this WebApplicationBuilder builder)
    {
        // Structured JSON logs for log collectors: Logging__Console__FormatterName=json (or Senim__JsonLogs=true).
        if (builder.Configuration.GetValue<bool>("Senim:JsonLogs"))
        {
            builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.TimestampFormat = "O"; o.UseUtcTimestamp = true; });
        }
        return builder;
    }

    public static IServiceCollection AddSenimOperations(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddOpenApi("v1");
        return services;
    }

    /// <summary>/health/live (the process answers) and /health/ready (the database answers); OpenAPI at /openapi/v1.json.</summary>
    public static IEndpointRouteBuilder MapSenimOperations(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    private sealed class DatabaseHealthCheck(SenimDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
    }
}
