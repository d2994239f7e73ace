using Microsoft.AspNetCore.Http.HttpResults;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Organisation;

public static class OrganisationApi
{
    public sealed record RegionDto(string Code, RegionKind Kind, string Name, string NameKk, string NameRu, string NameEn, long Population, int Districts);
    public sealed record UnitDto(Guid Id, Guid? ParentId, UnitKind Kind, string Code, string Name, string NameKk, string NameRu, string NameEn, string? RegionCode, int Depth);
    public sealed record EmployeeDto(Guid Id, string PersonnelNumber, string LastName, string FirstName, string? MiddleName, Sex Sex,
        DateOnly BirthDate, Guid UnitId, Guid? PositionId, DateOnly HireDate, string? BadgeNumber);

    /// <summary>Organisation reads under /api/v1. Policy on every endpoint: <see cref="Policies.ApiOrganisationRead"/>
    /// (staff cookie or API key), narrowed per record by the reader's <see cref="OrganisationScope"/>.</summary>
    public static IEndpointRouteBuilder MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Organisation").RequireAuthorization(Policies.ApiOrganisationRead);
        api.MapGet("/regions", GetRegions);
        api.MapGet("/units", GetUnits);
        api.MapGet("/units/{id:guid}", GetUnit);
        api.MapGet("/employees", GetEmployees);
        api.MapGet("/employees/{id:guid}", GetEmployee);
        return app;
    }

    private static async Task<Ok<List<RegionDto>>> GetRegions(SenimDb db, CancellationToken ct)
    {
        var counts = await db.Districts.GroupBy(d => d.RegionCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
        return TypedResults.Ok(regions.Select(r => new RegionDto(r.Code, r.Kind, SenimCultures.Pick(r.NameKk, r.NameRu, r.NameEn),
            r.NameKk, r.NameRu, r.NameEn, r.Population, counts.GetValueOrDefault(r.Code))).ToList());
    }

    private static async Task<Results<Ok<Page<UnitDto>>, ValidationProblem>> GetUnits(
        HttpContext http, SenimDb db, IText text, Guid? parentId, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        if (Paging.Validate(text, page, pageSize) is { } problem) return problem;
        var scope = OrganisationScope.For(http.User);
        var query = scope.Filter(db.Units.AsNoTracking());
        if (parentId is { } p) query = query.Where(u => u.ParentId == p);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(u => u.Code.Contains(term) || u.NameKk.Contains(term) || u.NameRu.Contains(term) || u.NameEn.Contains(term));
        }
        int pn = page ?? 1, ps = pageSize ?? 50;
        var total = await query.CountAsync(ct);
        var units = await query.OrderBy(u => u.Depth).ThenBy(u => u.Code).Skip((pn - 1) * ps).Take(ps).ToListAsync(ct);
        return TypedResults.Ok(new Page<UnitDto>([.. units.Select(ToDto)], pn, ps, total));
    }

    private static async Task<Results<Ok<UnitDto>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ForbidHttpResult>> GetUnit(
        Guid id, HttpContext http, OrganisationQueries org, IAuthorizationService auth, IText text, CancellationToken ct)
    {
        var unit = await org.UnitAsync(id, ct);
        if (unit is null) return TypedResults.NotFound(Problems.NotFound(text, "Unit.NotFound"));
        if (!(await auth.AuthorizeAsync(http.User, unit, OrganisationAccess.Read)).Succeeded) return TypedResults.Forbid();
        return TypedResults.Ok(ToDto(unit));
    }

    private static async Task<Results<Ok<Page<EmployeeRow>>, ValidationProblem>> GetEmployees(
        HttpContext http, OrganisationQueries org, IText text, string? q, Guid? unitId, PositionCategory? category, Sex? sex,
        int? page, int? pageSize, CancellationToken ct)
    {
        if (Paging.Validate(text, page, pageSize) is { } problem) return problem;
        var scope = OrganisationScope.For(http.User);
        return TypedResults.Ok(await org.EmployeesAsync(scope, new EmployeeFilter(q, unitId, null, category, sex, page ?? 1, pageSize ?? 25), ct));
    }

    private static async Task<Results<Ok<EmployeeDto>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ForbidHttpResult>> GetEmployee(
        Guid id, HttpContext http, OrganisationQueries org, IAuthorizationService auth, IText text, CancellationToken ct)
    {
        var r = await org.EmployeeAsync(id, ct);
        if (r is null) return TypedResults.NotFound(Problems.NotFound(text, "Employee.NotFound"));
        if (!(await auth.AuthorizeAsync(http.User, r, OrganisationAccess.Read)).Succeeded) return TypedResults.Forbid();
        var e = r.Employee;
        return TypedResults.Ok(new EmployeeDto(e.Id, e.PersonnelNumber, e.LastName, e.FirstName, e.MiddleName, e.Sex, e.BirthDate,
            e.UnitId, e.PositionId, e.HireDate, e.BadgeNumber));
    }

    private static UnitDto ToDto(Unit u) =>
        new(u.Id, u.ParentId, u.Kind, u.Code, OrganisationQueries.Name(u), u.NameKk, u.NameRu, u.NameEn, u.RegionCode, u.Depth);
}
