using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Data;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Identity;

/// <summary>One sign-in per role, created only in Development, printed at start-up and listed in the README.</summary>
public static class DemoAccounts
{
    public const string Password = "Senim-demo-2026";
    /// <summary>The Development-only API key; production keys are issued on the API keys page.</summary>
    public const string ApiKey = "snm_demo0development0only0key0000000000000";

    public sealed record Account(string UserName, string Role, string Description);

    public static readonly Account[] All =
    [
        new("admin", Roles.Administrator, "whole country, edits"),
        new("analyst", Roles.NationalAnalyst, "whole country, read"),
        new("regional", Roles.RegionalAnalyst, "Almaty city"),
        new("head", Roles.UnitHead, "first Almaty city police directorate"),
        new("officer", Roles.Employee, "own records only"),
        new("secretary", Roles.AttestationSecretary, "attestation campaigns"),
        new("commission", Roles.CommissionMember, "attestation commission"),
        new("moderator", Roles.Moderator, "ratings of Almaty city (decides held ratings and contests)"),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<SenimDb>();
        var users = services.GetRequiredService<UserManager<SenimUser>>();
        var roles = services.GetRequiredService<RoleManager<SenimRole>>();
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

        foreach (var a in All)
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
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, a.Role);
        }

        if (!await db.ApiKeys.AnyAsync(ct))
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = "Demo state system (Development)", Prefix = ApiKeys.PrefixOf(ApiKey), Hash = ApiKeys.Hash(ApiKey),
                CreatedAt = DateTime.UtcNow, CreatedBy = "seed",
            });
            await db.SaveChangesAsync(ct);
        }
    }
}
