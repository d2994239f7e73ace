using Microsoft.AspNetCore.Identity;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Attestation;

/// <summary>Development demo data for attestation: the demonstration question bank (imported through the GIFT importer,
/// Kazakh then Russian) with its topic names, and a central commission of five: the demo user "commission" chairs it,
/// "commission2" … "commission5" (password as every demo account) sit for the Prosecutor General's Office, the
/// Anti-Corruption Agency, the National Security Committee and the public council.</summary>
public sealed class AttestationDemoData(SenimDb db, BankService bank, UserManager<SenimUser> users) : IDemoData
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (!await db.Set<Topic>().AnyAsync(ct))
        {
            foreach (var (language, gift) in new[] { ("kk", DemoBank.Kazakh), ("ru", DemoBank.Russian) })
            {
                var report = await bank.ImportAsync(language, gift, importValid: false, ct);
                if (!report.Imported) throw new InvalidOperationException($"The demo bank ({language}) does not import: line {report.Errors[0].Line} {report.Errors[0].Key}");
            }
            foreach (var (code, kk, ru) in DemoBank.Topics)
                await db.Set<Topic>().Where(t => t.Code == code).ExecuteUpdateAsync(s => s.SetProperty(t => t.NameKk, kk).SetProperty(t => t.NameRu, ru), ct);
        }
        if (!await db.Set<Commission>().AnyAsync(ct))
        {
            var commission = new Commission { Name = "Орталық аттестаттау комиссиясы / Центральная аттестационная комиссия", Level = CommissionLevel.Central, CreatedAt = DateTime.UtcNow };
            db.Add(commission);
            foreach (var (userName, fullName, role, organisation) in DemoMembers)
            {
                var user = await IdentityDemoData.EnsureSignInAsync(users, userName, fullName, Roles.CommissionMember);
                db.Add(new CommissionMember { CommissionId = commission.Id, UserId = user.Id, FullName = fullName, Role = role, Organisation = organisation });
            }
            await db.SaveChangesAsync(ct);
        }
    }

    public static readonly (string UserName, string FullName, MemberRole Role, MemberOrganisation Organisation)[] DemoMembers =
    [
        ("commission", "Ахметов Бауыржан Серікұлы", MemberRole.Chair, MemberOrganisation.Mvd),
        ("commission2", "Сейітова Әлия Маратқызы", MemberRole.Deputy, MemberOrganisation.ProsecutorGeneral),
        ("commission3", "Иванов Сергей Петрович", MemberRole.Member, MemberOrganisation.AntiCorruption),
        ("commission4", "Жұмабеков Ерлан Қайратұлы", MemberRole.Member, MemberOrganisation.NationalSecurity),
        ("commission5", "Оспанова Гүлнар Ахметқызы", MemberRole.Secretary, MemberOrganisation.PublicCouncil),
    ];
}
