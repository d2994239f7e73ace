using System.Security.Claims;

namespace Senim.Web.Common;

/// <summary>The claims Senim issues at sign-in. Identity's claims factory writes them; everyone else reads them
/// through <see cref="SignedInPerson"/>.</summary>
public static class SenimClaims
{
    public const string Name = "senim:name";
    public const string Region = "senim:region";
    public const string UnitPath = "senim:unitpath";
    public const string Employee = "senim:employee";
}

/// <summary>Who is signed in, read from the claims of the request's principal: the account (user id), the employee
/// record bound to it, and the organisation bindings. A missing or malformed claim answers null.</summary>
public static class SignedInPerson
{
    /// <summary>The account's id (ASP.NET Core Identity user, or an API key for other systems).</summary>
    public static Guid? UserId(this ClaimsPrincipal? user) => Id(user?.FindFirstValue(ClaimTypes.NameIdentifier));

    /// <summary>The employee record of a staff member; null for accounts that are nobody's employee record.</summary>
    public static Guid? EmployeeId(this ClaimsPrincipal? user) => Id(user?.FindFirstValue(SenimClaims.Employee));

    /// <summary>The materialised path of the unit a head or moderator is bound to, or null.</summary>
    public static string? UnitPath(this ClaimsPrincipal? user) => user?.FindFirstValue(SenimClaims.UnitPath) is { Length: > 0 } p ? p : null;

    /// <summary>The region code a regional analyst is bound to, or null.</summary>
    public static string? RegionCode(this ClaimsPrincipal? user) => user?.FindFirstValue(SenimClaims.Region) is { Length: > 0 } r ? r : null;

    private static Guid? Id(string? value) => Guid.TryParse(value, CultureInfo.InvariantCulture, out var g) ? g : null;
}
