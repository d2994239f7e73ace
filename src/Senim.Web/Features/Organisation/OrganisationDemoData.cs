using Microsoft.Extensions.Options;

namespace Senim.Web.Features.Organisation;

/// <summary>The demo organisation (<see cref="DemoDataGenerator"/>) of Database:DemoEmployees employees, into an empty
/// database only.</summary>
public sealed class OrganisationDemoData(SenimDb db, IOptions<DatabaseOptions> options, ILoggerFactory loggers) : IDemoData
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Units.AnyAsync(ct)) return;
        var result = await new DemoDataGenerator(db, TimeProvider.System).GenerateAsync(options.Value.DemoSeed, options.Value.DemoEmployees, ct: ct);
        loggers.CreateLogger("Senim.Seed").LogInformation("Demo data seeded: {Units} units, {Positions} positions, {Employees} employees in {ElapsedMs} ms",
            result.Units, result.Positions, result.Employees, (long)result.Elapsed.TotalMilliseconds);
    }
}
