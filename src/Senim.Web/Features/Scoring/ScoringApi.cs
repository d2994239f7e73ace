using Microsoft.AspNetCore.Http.HttpResults;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Scoring;

public static class ScoringApi
{
    /// <summary>GET /api/v1/employees/{id}/score and /api/v1/units/{id}/score — policy <see cref="Policies.ApiOrganisationRead"/>,
    /// then the reader's scope on the record (an employee sees only their own score).</summary>
    public static IEndpointRouteBuilder MapScoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Scores").RequireAuthorization(Policies.ApiOrganisationRead);
        api.MapGet("/employees/{id:guid}/score", EmployeeScore);
        api.MapGet("/units/{id:guid}/score", UnitScore);
        return app;
    }

    public static IServiceCollection AddScoring(this IServiceCollection services)
    {
        services.AddScoped<ScoringService>();
        services.AddScoped<ScoreRecompute>();
        services.AddScoped<MethodologyService>();
        return services;
    }

    private static async Task<Results<Ok<ScoreExplanation>, NotFound<ProblemDetails>, ForbidHttpResult, ValidationProblem>> EmployeeScore(
        Guid id, string? period, HttpContext http, OrganisationQueries org, ScoringService scoring, IAuthorizationService auth, IText text,
        TimeProvider clock, CancellationToken ct)
    {
        var p = ScorePeriod.Parse(period, clock.GetUtcNow().UtcDateTime);
        if (p is null) return Problems.Validation(text, new() { ["period"] = [text["Score.PeriodInvalid"]] });
        var record = await org.EmployeeAsync(id, ct);
        if (record is null) return TypedResults.NotFound(Problems.NotFound(text, "Employee.NotFound"));
        if (!(await auth.AuthorizeAsync(http.User, record, OrganisationAccess.Read)).Succeeded) return TypedResults.Forbid();
        return TypedResults.Ok((await scoring.EmployeeAsync(id, p, ct))!);
    }

    private static async Task<Results<Ok<ScoreExplanation>, NotFound<ProblemDetails>, ForbidHttpResult, ValidationProblem>> UnitScore(
        Guid id, string? period, HttpContext http, OrganisationQueries org, ScoringService scoring, IAuthorizationService auth, IText text,
        TimeProvider clock, CancellationToken ct)
    {
        var p = ScorePeriod.Parse(period, clock.GetUtcNow().UtcDateTime);
        if (p is null) return Problems.Validation(text, new() { ["period"] = [text["Score.PeriodInvalid"]] });
        var unit = await org.UnitAsync(id, ct);
        if (unit is null) return TypedResults.NotFound(Problems.NotFound(text, "Unit.NotFound"));
        if (!http.User.IsInRole(Roles.System) && !(await auth.AuthorizeAsync(http.User, unit, OrganisationAccess.Read)).Succeeded) return TypedResults.Forbid();
        return TypedResults.Ok((await scoring.UnitAsync(id, p, ct))!);
    }
}
