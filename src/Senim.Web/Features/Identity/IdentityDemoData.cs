using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Data;
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
            if (await users.FindByNameAsync(a.UserName) is not null) continue;
            var user = new SenimUser
            {
                UserName = a.UserName,
                DisplayName = a.Role switch
                {
                    Roles.Employee => officer.FullName,
                    _ => a.UserName switch
                    {
                        "admin" => "Әкімші / Administrator", "analyst" => "Ұлттық талдаушы", "regional" => "Өңірлік талдаушы",
                        "head" => "Бөлімше бастығы", "secretary" => "Аттестация хатшысы", "moderator" => "Модератор",
                        _ => "Комиссия мүшесі",
                    },
                },
                ScopeRegionCode = a.Role == Roles.RegionalAnalyst ? headUnit.RegionCode : null,
                ScopeUnitId = a.Role == Roles.UnitHead ? headUnit.Id : a.Role == Roles.Moderator ? headUnit.ParentId : null,
                EmployeeId = a.Role == Roles.Employee ? officer.Id : null,
            };
            var created = await users.CreateAsync(user, DemoAccounts.Password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, a.Role);
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
}
