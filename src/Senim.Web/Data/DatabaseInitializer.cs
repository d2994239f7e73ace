using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Data;

/// <summary>At start-up: apply migrations (Development, or when configured) and, in Development, seed demo data
/// into an empty database. Outside Development the `migrate` command does the first part.</summary>
public static class DatabaseInitializer
{
    public static async Task InitialiseAsync(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var dev = app.Environment.IsDevelopment();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SenimDb>();
        if (options.MigrateOnStartup ?? dev)
        {
            await db.Database.MigrateAsync();
        }
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging: readers never wait for the writer, and concurrent ratings queue instead of failing.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        if (dev && options.SeedDemoData && !await db.Units.AnyAsync())
        {
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Senim.Seed");
            var result = await new DemoDataGenerator(db, TimeProvider.System).GenerateAsync(options.DemoSeed, options.DemoEmployees);
            log.LogInformation("Demo data seeded: {Units} units, {Positions} positions, {Employees} employees in {ElapsedMs} ms",
                result.Units, result.Positions, result.Employees, (long)result.Elapsed.TotalMilliseconds);
        }
        if (dev && options.SeedDemoData)
        {
            await DemoAccounts.SeedAsync(scope.ServiceProvider);
            await Features.Surveys.SurveyDemoData.SeedAsync(scope.ServiceProvider, options.DemoSeed);
            await Features.Attestation.AttestationSeeder.SeedAsync(scope.ServiceProvider);
            await Features.Indicators.StandardIndicators.SeedDemoAsync(scope.ServiceProvider);
        }
    }

    public static void PrintWelcome(WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return;
        var urls = string.Join(", ", app.Urls);
        Console.WriteLine();
        Console.WriteLine($"Senim is running at {urls}");
        Console.WriteLine($"Demo sign-ins (password for all: {DemoAccounts.Password}):");
        foreach (var a in DemoAccounts.All) Console.WriteLine($"  {a.UserName,-11} {a.Role,-21} {a.Description}");
        Console.WriteLine($"Demo API key (header {ApiKeys.Header}): {DemoAccounts.ApiKey}");
        Console.WriteLine();
    }
}
