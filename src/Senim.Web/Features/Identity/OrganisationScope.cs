using System.Security.Claims;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Identity;

public enum ScopeKind { None = 0, Self = 1, Subtree = 2, Region = 3, National = 4 }

/// <summary>What part of the organisation a person may see, derived from their roles and bindings (claims issued
/// at sign-in). One object answers both "may I see this record" and "filter this list".</summary>
public sealed record OrganisationScope(ScopeKind Kind, string? RegionCode = null, string? UnitPath = null, Guid? EmployeeId = null, bool CanEdit = false)
{
    public static readonly OrganisationScope Nothing = new(ScopeKind.None);

    public static OrganisationScope For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Nothing;
        if (user.IsInRole(Roles.Administrator)) return new(ScopeKind.National, CanEdit: true);
        if (user.IsInRole(Roles.System)) return new(ScopeKind.National);
        if (user.IsInRole(Roles.NationalAnalyst) || user.IsInRole(Roles.AttestationSecretary)) return new(ScopeKind.National);
        if (user.IsInRole(Roles.RegionalAnalyst) && user.RegionCode() is { } region)
            return new(ScopeKind.Region, RegionCode: region);
        if (user.IsInRole(Roles.UnitHead) && user.UnitPath() is { } path)
            return new(ScopeKind.Subtree, UnitPath: path, CanEdit: true);
        if (user.EmployeeId() is { } employeeId)
            return new(ScopeKind.Self, EmployeeId: employeeId);
        return Nothing;
    }

    /// <summary>Whether the organisation tree and lists are visible at all (Self sees only their own record).</summary>
    public bool SeesOrganisation => Kind >= ScopeKind.Subtree;

    public bool Covers(Unit unit) => Kind switch
    {
        ScopeKind.National => true,
        ScopeKind.Region => unit.RegionCode == RegionCode,
        ScopeKind.Subtree => unit.Path.StartsWith(UnitPath!, StringComparison.Ordinal),
        _ => false,
    };

    public bool Covers(Employee employee, Unit unit) => Kind == ScopeKind.Self ? employee.Id == EmployeeId : Covers(unit);

    public IQueryable<Unit> Filter(IQueryable<Unit> units) => Kind switch
    {
        ScopeKind.National => units,
        ScopeKind.Region => units.Where(u => u.RegionCode == RegionCode),
        ScopeKind.Subtree => units.Where(u => u.Path.StartsWith(UnitPath!)),
        _ => units.Where(_ => false),
    };

    public IQueryable<Employee> Filter(IQueryable<Employee> employees, SenimDb db) => Kind switch
    {
        ScopeKind.National => employees,
        ScopeKind.Self => employees.Where(e => e.Id == EmployeeId),
        ScopeKind.None => employees.Where(_ => false),
        _ => employees.Where(e => Filter(db.Units).Any(u => u.Id == e.UnitId)),
    };
}

/// <summary>Resource-based check: may the current person read (or edit) this unit / employee?</summary>
public sealed record OrganisationAccess(bool Edit) : IAuthorizationRequirement
{
    public static readonly OrganisationAccess Read = new(false);
    public static readonly OrganisationAccess Write = new(true);
}

public sealed record EmployeeResource(Employee Employee, Unit Unit);

internal sealed class UnitAccessHandler : AuthorizationHandler<OrganisationAccess, Unit>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OrganisationAccess requirement, Unit resource)
    {
        var scope = OrganisationScope.For(context.User);
        if (scope.SeesOrganisation && scope.Covers(resource) && (!requirement.Edit || scope.CanEdit)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

internal sealed class EmployeeAccessHandler : AuthorizationHandler<OrganisationAccess, EmployeeResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OrganisationAccess requirement, EmployeeResource resource)
    {
        var scope = OrganisationScope.For(context.User);
        if (scope.Covers(resource.Employee, resource.Unit) && (!requirement.Edit || scope.CanEdit)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
