using Microsoft.EntityFrameworkCore;
using Senim.Web.Data;

namespace Senim.Web.Features.Attestation;

/// <summary>Development demo data for attestation: the demonstration question bank (imported through the GIFT importer,
/// Kazakh then Russian) with its topic names.</summary>
public static class AttestationSeeder
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<SenimDb>();
        if (!await db.Set<Topic>().AnyAsync(ct))
        {
            var bank = services.GetRequiredService<BankService>();
            foreach (var (language, gift) in new[] { ("kk", DemoBank.Kazakh), ("ru", DemoBank.Russian) })
            {
                var report = await bank.ImportAsync(language, gift, importValid: false, ct);
                if (!report.Imported) throw new InvalidOperationException($"The demo bank ({language}) does not import: line {report.Errors[0].Line} {report.Errors[0].Key}");
            }
            foreach (var (code, kk, ru) in DemoBank.Topics)
                await db.Set<Topic>().Where(t => t.Code == code).ExecuteUpdateAsync(s => s.SetProperty(t => t.NameKk, kk).SetProperty(t => t.NameRu, ru), ct);
        }
    }
}
