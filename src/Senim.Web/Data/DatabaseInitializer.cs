using Microsoft.Extensions.Options;
using Senim.Web.Features.Attestation;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Data;

/// <summary>At start-up: apply migrations (Development, or when configured) and, in Development, seed each feature's
/// demo data. Outside Development the `migrate` command does the first part.</summary>
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
        if (!db.IsPostgres)
        {
            // Write-ahead logging: readers never wait for the writer, and concurrent ratings queue instead of failing.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        if (dev && options.SeedDemoData)
        {
            foreach (var demo in DemoDataInOrder(scope.ServiceProvider)) await demo.SeedAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Each feature's demo data, in the order in which they build on one another:
    /// 1. Organisation: the reference regions and districts, the units and the employees that all the rest hangs on;
    /// 2. Identity: the roles and the demo sign-ins, the unit head and the officer bound to a seeded unit and employee;
    /// 3. Surveys: margins and waves for every reference district;
    /// 4. Attestation: the question bank and the commission, whose chair is the "commission" sign-in of step 2 (created
    ///    here with another display name if step 2 had not run) and whose members need the roles of step 2;
    /// 5. Indicators: the standard scorecards, and the demo quarters computed from the survey results of step 3.
    /// </summary>
    private static IDemoData[] DemoDataInOrder(IServiceProvider services) =>
    [
        ActivatorUtilities.CreateInstance<OrganisationDemoData>(services),
        ActivatorUtilities.CreateInstance<IdentityDemoData>(services),
        ActivatorUtilities.CreateInstance<SurveysDemoData>(services),
        ActivatorUtilities.CreateInstance<AttestationDemoData>(services),
        ActivatorUtilities.CreateInstance<IndicatorsDemoData>(services),
    ];

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
