using Microsoft.AspNetCore.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Identity;

/// <summary>The roles, one sign-in per role (<see cref="DemoAccounts"/>: the unit head scoped to the first directorate of
/// Almaty city, the officer bound to one of its employees) and the Development API key; a sign-in that exists is left as it is.</summary>
public sealed class IdentityDemoData(SenimDb db, UserManager<SenimUser> users, RoleManager<SenimRole> roles) : IDemoData
{
    public async Task SeedAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new SenimRole(role));
        }

        var headUnit = await db.Units.Where(u => u.Kind == UnitKind.DistrictDirectorate && u.RegionCode == "almaty-city")
            .OrderBy(u => u.Code).FirstOrDefaultAsync(ct)
            ?? await db.Units.Where(u => u.Kind == UnitKind.DistrictDirectorate).OrderBy(u => u.Code).FirstAsync(ct);
        var officer = await db.Employees.Where(e => db.Units.Any(u => u.Id == e.UnitId && u.ParentId == headUnit.Id && u.Kind == UnitKind.Division))
            .OrderBy(e => e.PersonnelNumber).FirstOrDefaultAsync(ct)
            ?? await db.Employees.Where(e => e.UnitId == headUnit.Id).OrderBy(e => e.PersonnelNumber).FirstAsync(ct);

        foreach (var a in DemoAccounts.All)
        {
            var displayName = a.Role switch
            {
                Roles.Employee => officer.FullName,
                _ => a.UserName switch
                {
                    "admin" => "Әкімші / Administrator", "analyst" => "Ұлттық талдаушы", "regional" => "Өңірлік талдаушы",
                    "head" => "Бөлімше бастығы", "secretary" => "Аттестация хатшысы", "moderator" => "Модератор",
                    _ => "Комиссия мүшесі",
                },
            };
            await EnsureSignInAsync(users, a.UserName, displayName, a.Role, user =>
            {
                user.ScopeRegionCode = a.Role == Roles.RegionalAnalyst ? headUnit.RegionCode : null;
                user.ScopeUnitId = a.Role == Roles.UnitHead ? headUnit.Id : a.Role == Roles.Moderator ? headUnit.ParentId : null;
                user.EmployeeId = a.Role == Roles.Employee ? officer.Id : null;
            });
        }

        if (!await db.ApiKeys.AnyAsync(ct))
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = "Demo state system (Development)", Prefix = ApiKeys.PrefixOf(DemoAccounts.ApiKey), Hash = ApiKeys.Hash(DemoAccounts.ApiKey),
                CreatedAt = DateTime.UtcNow, CreatedBy = "seed",
            });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The demo sign-in of that name, or a new one with the demo password and the role; also for other features'
    /// demo data (attestation's commission members), which create sign-ins through Identity.</summary>
    public static async Task<SenimUser> EnsureSignInAsync(UserManager<SenimUser> users, string userName, string displayName, string role,
        Action<SenimUser>? configure = null)
    {
        if (await users.FindByNameAsync(userName) is { } existing) return existing;
        var user = new SenimUser { UserName = userName, DisplayName = displayName };
        configure?.Invoke(user);
        var created = await users.CreateAsync(user, DemoAccounts.Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }
}
