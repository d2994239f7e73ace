using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Senim.Web.Features.Identity;

/// <summary>Puts the person's scope bindings and language into the cookie, so that authorization needs no query.</summary>
internal sealed class SenimClaimsFactory(
    UserManager<SenimUser> users, RoleManager<SenimRole> roles, IOptions<IdentityOptions> options, SenimDb db)
    : UserClaimsPrincipalFactory<SenimUser, SenimRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(SenimUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(SenimClaims.Name, user.DisplayName));
        if (SenimCultures.IsSupported(user.Culture)) id.AddClaim(new Claim(SenimCultures.ClaimType, user.Culture!));
        if (user.ScopeRegionCode is not null) id.AddClaim(new Claim(SenimClaims.Region, user.ScopeRegionCode));
        if (user.ScopeUnitId is { } unitId)
        {
            var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync();
            if (path is not null) id.AddClaim(new Claim(SenimClaims.UnitPath, path));
        }
        if (user.EmployeeId is { } employeeId)
            id.AddClaim(new Claim(SenimClaims.Employee, employeeId.ToString("D", CultureInfo.InvariantCulture)));
        return id;
    }
}
