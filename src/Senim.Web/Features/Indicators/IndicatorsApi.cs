using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Indicators;

public static class IndicatorsServiceCollectionExtensions
{
    public static IServiceCollection AddIndicators(this IServiceCollection services)
    {
        services.AddOptions<IndicatorOptions>().BindConfiguration(IndicatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<FeedbackData>();
        services.AddScoped<IIndicatorSource, FeedbackScoreSource>();
        services.AddScoped<IIndicatorSource, ShareSatisfiedSource>();
        services.AddScoped<IIndicatorSource, RatingsReceivedSource>();
        services.AddScoped<IIndicatorSource>(sp => new SurveyIndexSource(Surveys.SurveyIndexKind.Trust,
            sp.GetRequiredService<Surveys.SurveyIndices>(), sp.GetRequiredService<Surveys.DistrictDirectory>()));
        services.AddScoped<IIndicatorSource>(sp => new SurveyIndexSource(Surveys.SurveyIndexKind.Safety,
            sp.GetRequiredService<Surveys.SurveyIndices>(), sp.GetRequiredService<Surveys.DistrictDirectory>()));
        services.AddScoped<IIndicatorSource, ContestsUpheldSource>();
        services.AddScoped<IIndicatorSource, InteractionsRegisteredSource>();
        services.AddScoped<SourceCatalog>();
        services.AddScoped<ScorecardEngine>();
        services.AddScoped<EarlyWarning>();
        services.AddScoped<ScorecardRecompute>();
        services.AddScoped<DefinitionService>();
        services.AddScoped<DefinitionPreview>();
        services.AddSingleton<ScorecardCache>();
        services.AddScoped<ScorecardQueries>();
        services.AddScoped<FlagService>();
        return services;
    }
}

/// <summary>The scorecard API: the stored scorecard of an employee, unit, district or region for a period.</summary>
public static class IndicatorsApi
{
    public sealed record ScorecardRef(string Code, int Version, string Name);
    public sealed record CompositeDto(double? Value, double? Lower, double? Upper, string Status, bool Sufficient, double DataShare, int? Rank, int? RankBest,
        int? RankWorst, int Peers, string PeerGroup);
    public sealed record IndicatorDto(string Code, int Version, string Name, string Kind, string Unit, string Direction, double? Value, double? Lower, double? Upper,
        double N, bool HasData, double? Target, double? GreenFrom, double? AmberFrom, string Status, double Weight, double? Points, double? PeerValue,
        string? PeerPosition, string? Reason);
    public sealed record ScorecardDto(string Level, string Id, string Name, string Period, DateTime ComputedAt, ScorecardRef Scorecard, CompositeDto Composite,
        IReadOnlyList<IndicatorDto> Indicators, IReadOnlyList<TrendPoint> Trend);

    private static readonly string[] LevelNames = ["employee", "unit", "district", "region"];

    /// <summary>GET /api/v1/scorecards/{level}/{id}?period=rolling12|YYYY-MM|YYYY-Qn — level employee, unit, district
    /// (ids are GUIDs) or region (its code). Policy <see cref="Policies.ApiOrganisationRead"/>, then the reader's scope (an
    /// employee reads only their own). The period defaults to the most recently computed one.</summary>
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/scorecards").WithTags("Scorecards").RequireAuthorization(Policies.ApiOrganisationRead)
            .MapGet("/{level}/{id}", Get);
        return app;
    }

    private static async Task<Results<Ok<ScorecardDto>, NotFound<ProblemDetails>, ForbidHttpResult, ValidationProblem>> Get(
        string level, string id, string? period, HttpContext http, ScorecardQueries queries, OrganisationQueries org, IAuthorizationService auth,
        IOptions<IndicatorOptions> options, IText text, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var lvl = Array.IndexOf(LevelNames, (level ?? "").ToLowerInvariant());
        if (lvl < 0) errors["level"] = [text["Scorecard.LevelInvalid"]];
        var now = clock.GetUtcNow().UtcDateTime;
        if (!string.IsNullOrWhiteSpace(period) && ScorePeriod.Parse(period, now) is null) errors["period"] = [text["Score.PeriodInvalid"]];
        Guid guid = Guid.Empty;
        if (lvl is >= 0 and < 3 && !Guid.TryParse(id, CultureInfo.InvariantCulture, out guid)) errors["id"] = [text["Scorecard.IdInvalid"]];
        if (errors.Count > 0) return Problems.Validation(text, errors);

        var user = http.User;
        var scope = user.IsInRole(Roles.System) ? new OrganisationScope(ScopeKind.National) : OrganisationScope.For(user);
        var subjectLevel = (IndicatorLevel)lvl;
        string key, name;
        switch (subjectLevel)
        {
            case IndicatorLevel.Employee:
                var employee = await org.EmployeeAsync(guid, ct);
                if (employee is null) return TypedResults.NotFound(Problems.NotFound(text, "Employee.NotFound"));
                if (!(await auth.AuthorizeAsync(user, employee, OrganisationAccess.Read)).Succeeded) return TypedResults.Forbid();
                (key, name) = (Subject.KeyOf(guid), employee.Employee.FullName);
                break;
            case IndicatorLevel.Unit:
                var unit = await org.UnitAsync(guid, ct);
                if (unit is null) return TypedResults.NotFound(Problems.NotFound(text, "Unit.NotFound"));
                if (!user.IsInRole(Roles.System) && !(await auth.AuthorizeAsync(user, unit, OrganisationAccess.Read)).Succeeded) return TypedResults.Forbid();
                (key, name) = (Subject.KeyOf(guid), OrganisationQueries.Name(unit));
                break;
            case IndicatorLevel.District:
                var district = await queries.DistrictAsync(guid, ct);
                if (district is null) return TypedResults.NotFound(Problems.NotFound(text, "Survey.DistrictUnknown"));
                if (!await queries.CoversDistrictAsync(scope, district, ct)) return TypedResults.Forbid();
                (key, name) = (Subject.KeyOf(guid), district.Name);
                break;
            default:
                var region = (await queries.RegionsAsync(ct)).FirstOrDefault(r => string.Equals(r.Code, id, StringComparison.OrdinalIgnoreCase));
                if (region is null) return TypedResults.NotFound(Problems.NotFound(text, "Scorecard.RegionUnknown"));
                if (!ScorecardQueries.CoversRegion(scope, region.Code)) return TypedResults.Forbid();
                (key, name) = (region.Code, ScorecardQueries.RegionName(region));
                break;
        }

        var label = string.IsNullOrWhiteSpace(period) ? (await queries.PeriodsAsync(ct)).FirstOrDefault() : ScorePeriod.Parse(period, now)!.Label;
        var view = label is null ? null : await queries.ViewAsync(label, subjectLevel, key, name, options.Value.TrendPeriods, ct);
        if (view is null)
            return TypedResults.NotFound(new ProblemDetails { Status = 404, Title = text["Problem.404"], Detail = text.Format("Scorecard.NotComputed", label ?? period ?? "") });
        return TypedResults.Ok(Dto(view, subjectLevel, id));
    }

    public static ScorecardDto Dto(ScorecardView v, IndicatorLevel level, string id)
    {
        var r = v.Result;
        return new ScorecardDto(ScorecardQueries.Level(level), level == IndicatorLevel.Region ? v.SubjectKey : id.ToLowerInvariant(), v.SubjectName, v.Period, r.ComputedAt,
            new ScorecardRef(r.ScorecardCode, r.ScorecardVersion, v.Card?.Name ?? r.ScorecardCode),
            new CompositeDto(Round(r.Composite), Round(r.Lower), Round(r.Upper), ScorecardQueries.Light(r.Light), r.Sufficient, Math.Round(r.DataShare, 4),
                r.Rank, r.RankBest, r.RankWorst, r.Peers, r.PeerGroup),
            [.. v.Lines.Select(l => new IndicatorDto(l.Result.IndicatorCode, l.Result.IndicatorVersion, l.Name,
                l.Definition?.Kind == IndicatorKind.StatisticalCount ? "statisticalCount" : "evaluative",
                (l.Definition?.Measure ?? MeasureUnit.Score).ToString().ToLowerInvariant(),
                l.Definition?.Direction == IndicatorDirection.LowerIsBetter ? "lowerIsBetter" : "higherIsBetter",
                Round(l.Result.Value), Round(l.Result.Lower), Round(l.Result.Upper), Math.Round(l.Result.N, 2), l.Result.HasData,
                l.Definition?.Target, l.Definition?.GreenFrom, l.Definition?.AmberFrom, ScorecardQueries.Light(l.Result.Light), l.Result.Weight, Round(l.Result.Points),
                Round(l.Result.PeerTarget), l.Result.PeerZone?.ToString().ToLowerInvariant(), l.Result.Reason))],
            v.Trend);
    }

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 4) : null;
}
