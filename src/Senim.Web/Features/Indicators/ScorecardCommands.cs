using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Data;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Indicators;

/// <summary>
/// `scorecards standard` installs the standard indicator definitions and scorecards into an empty catalogue;
/// `scorecards recompute [--period rolling12|YYYY-MM|YYYY-Qn] [--stored-scores]` recomputes and stores every scorecard of
/// the period in one transaction and applies the early-warning rules. The services are the web application's own.
/// </summary>
public static class ScorecardCommands
{
    public const string Usage = "usage: scorecards standard | scorecards recompute [--period rolling12|YYYY-MM|YYYY-Qn] [--stored-scores]";

    public static async Task<int> RunAsync(IConfiguration configuration, string[] args)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddHttpContextAccessor();
        services.AddSenimDatabase(configuration, Directory.GetCurrentDirectory());
        services.AddOrganisation();
        services.AddScoring();
        services.AddSurveys();
        services.AddIndicators();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SenimDb>();
        var verb = args.Length > 0 ? args[0] : "";
        if (verb == "standard")
        {
            var installed = await StandardIndicators.EnsureAsync(db);
            Console.WriteLine(installed ? "Standard indicators and scorecards installed." : "The catalogue already has definitions; nothing installed.");
            return 0;
        }
        if (verb != "recompute")
        {
            Console.WriteLine(Usage);
            return 2;
        }
        var opt = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            opt[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        var period = ScorePeriod.Parse(opt.GetValueOrDefault("period"), DateTime.UtcNow);
        if (period is null)
        {
            Console.Error.WriteLine("--period must be rolling12, YYYY-MM or YYYY-Qn");
            return 2;
        }
        // Start-up, reported apart: the first use of the model and a connection (a long-running node pays it once).
        var warm = System.Diagnostics.Stopwatch.StartNew();
        await db.IndicatorDefinitions.AnyAsync();
        var warmUp = warm.Elapsed;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var r = await sp.GetRequiredService<ScorecardRecompute>().RunAsync(period, opt.ContainsKey("stored-scores"),
            new Progress<string>(stage => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F2} s: {stage}…"))));
        // One plain line, for scripts that read it.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scorecards recomputed for {r.Period} (definitions of {r.DefinitionsOf:yyyy-MM-dd}): {r.Employees} employees, {r.Units} units, {r.Districts} districts, {r.Regions} regions, {r.IndicatorValues} indicator values; flags raised {r.FlagsRaised}, withdrawn {r.FlagsWithdrawn}; {r.Elapsed.TotalSeconds:F2} s (after {warmUp.TotalSeconds:F2} s start-up)"));
        return 0;
    }
}
