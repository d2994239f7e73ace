using Microsoft.AspNetCore.Identity;

namespace Senim.Web.Features.Identity;

public sealed class SenimUser : IdentityUser<Guid>
{
    public SenimUser() => Id = Guid.CreateVersion7();

    public string DisplayName { get; set; } = "";
    /// <summary>"kk", "ru" or "en"; null means "use the cookie or the browser".</summary>
    public string? Culture { get; set; }
    /// <summary>Region a RegionalAnalyst is bound to.</summary>
    public string? ScopeRegionCode { get; set; }
    /// <summary>Root of the subtree a UnitHead is bound to.</summary>
    public Guid? ScopeUnitId { get; set; }
    /// <summary>The employee record of a person with the Employee role.</summary>
    public Guid? EmployeeId { get; set; }
}

public sealed class SenimRole : IdentityRole<Guid>
{
    public SenimRole() => Id = Guid.CreateVersion7();
    public SenimRole(string name) : this() { Name = name; NormalizedName = name.ToUpperInvariant(); }
}

/// <summary>A key another state system uses in the X-Api-Key header. Only a SHA-256 hash is stored;
/// the prefix lets an administrator recognise a key without it being recoverable.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string NationalAnalyst = nameof(NationalAnalyst);
    public const string RegionalAnalyst = nameof(RegionalAnalyst);
    public const string UnitHead = nameof(UnitHead);
    public const string Employee = nameof(Employee);
    public const string AttestationSecretary = nameof(AttestationSecretary);
    public const string CommissionMember = nameof(CommissionMember);
    /// <summary>Decides held ratings and contests within a unit subtree (never as the contested employee's own head).</summary>
    public const string Moderator = nameof(Moderator);
    public const string System = nameof(System);

    public static readonly string[] All =
        [Administrator, NationalAnalyst, RegionalAnalyst, UnitHead, Employee, AttestationSecretary, CommissionMember, Moderator];
}

public static class Policies
{
    /// <summary>Any signed-in member of staff.</summary>
    public const string Staff = nameof(Staff);
    /// <summary>People who may read the organisation (tree, units, employees) within their scope.</summary>
    public const string OrganisationRead = nameof(OrganisationRead);
    /// <summary>People who may edit employees and positions within their scope.</summary>
    public const string OrganisationEdit = nameof(OrganisationEdit);
    public const string Administration = nameof(Administration);
    /// <summary>Another state system with an API key, or staff who may read the organisation.</summary>
    public const string ApiOrganisationRead = nameof(ApiOrganisationRead);
    /// <summary>Register service interactions: another state system with an API key, an administrator, or a unit head (own subtree).</summary>
    public const string RegisterInteractions = nameof(RegisterInteractions);
    /// <summary>Release or reject held ratings and comments, decide contests: administrators and moderators.</summary>
    public const string Moderation = nameof(Moderation);
}
