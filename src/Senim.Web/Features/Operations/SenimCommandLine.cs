using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Data;
using Senim.Web.Features.Organisation;
using Spectre.Console;

namespace Senim.Web.Features.Operations;

/// <summary>`dotnet run --project src/Senim.Web -- &lt;command&gt;`: migrate, seed, reference. Uses the same configuration
/// as the web application (appsettings, environment variables such as Database__Provider).</summary>
public static class SenimCommandLine
{
    private static readonly string[] Commands = ["migrate", "seed", "reference", "surveys", "scores", "scorecards", "bench", "help", "--help"];

    public static bool IsCommand(string arg) => Commands.Contains(arg, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        // Analysts' file tools need no database.
        if (args[0] == "surveys") return SurveysWeights(args.Skip(1).ToArray());

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args.Skip(1).ToArray(), ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSenimDatabase(builder.Configuration, Directory.GetCurrentDirectory());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SenimDb>();
        var opt = Options(args.Skip(1));
        try
        {
            switch (args[0])
            {
                case "migrate":
                    await MigrateAsync(db);
                    return 0;
                case "seed":
                    await MigrateAsync(db);
                    return await SeedAsync(db, opt);
                case "reference":
                    return await ReferenceAsync(db, opt);
                case "scores" when args.Length > 1 && args[1] == "recompute":
                    return await RecomputeScoresAsync(db, Options(args.Skip(2)));
                case "bench" when args.Length > 2 && args[1] == "seed-attestation":
                    // Hidden: seeds the testing-day benchmark (bench/attestation/run.sh); not for a real database.
                    return await Attestation.AttestationBenchSeed.RunAsync(db, int.Parse(args[2], CultureInfo.InvariantCulture), Options(args.Skip(3)));
                case "scorecards":
                    return await Indicators.ScorecardCommands.RunAsync(builder.Configuration, [.. args.Skip(1)]);
                default:
                    Help();
                    return 0;
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or IOException)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{ex.Message}[/]");
            return 1;
        }
    }

    /// <summary>`surveys weights --responses R.csv --margins M.csv --out W.csv [--max-ratio 5]`.</summary>
    private static int SurveysWeights(string[] args)
    {
        var opt = Options(args.Skip(1));
        if (args.Length == 0 || args[0] != "weights" || !opt.TryGetValue("responses", out var responsesPath)
            || !opt.TryGetValue("margins", out var marginsPath) || !opt.TryGetValue("out", out var outPath))
        {
            AnsiConsole.WriteLine("usage: surveys weights --responses R.csv --margins M.csv --out W.csv [--max-ratio N]");
            return 2;
        }
        double? maxRatio = opt.TryGetValue("max-ratio", out var m) ? double.Parse(m, CultureInfo.InvariantCulture) : null;
        using var responsesFile = File.OpenText(responsesPath);
        var (responses, responseErrors) = Surveys.WeightsFile.ReadResponses(responsesFile);
        using var marginsFile = File.OpenText(marginsPath);
        var (margins, marginErrors) = Surveys.WeightsFile.ReadMargins(marginsFile);
        if (responseErrors.Count + marginErrors.Count > 0)
        {
            foreach (var e in responseErrors) AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]responses {e}[/]");
            foreach (var e in marginErrors) AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]margins {e}[/]");
            return 1;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (weights, report) = Surveys.WeightsFile.Rake(responses, margins, maxRatio);
        var rakeMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using (var output = File.CreateText(outPath)) Surveys.WeightsFile.Write(output, responses, weights);
        var table = new Table().AddColumns("district", "n", "converged", "iterations", "deff", "n_eff", "problem");
        foreach (var r in report)
        {
            table.AddRow(Markup.Escape(r.District), r.Responses.ToString(CultureInfo.InvariantCulture), r.Converged ? "yes" : "no",
                r.Iterations.ToString(CultureInfo.InvariantCulture), r.DesignEffect.ToString("0.000", CultureInfo.InvariantCulture),
                r.EffectiveSampleSize.ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(string.Join("; ", r.Errors)));
        }
        AnsiConsole.Write(table);
        if (opt.ContainsKey("timing"))
        {
            AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture, "Senim raking: {0:0.0} ms for {1} responses in {2} districts", rakeMs, responses.Count, report.Count));
        }
        return report.All(r => r.Succeeded) ? 0 : 1;
    }

    private static void Help()
    {
        AnsiConsole.WriteLine("Senim command line");
        AnsiConsole.WriteLine("  migrate                                   apply database migrations");
        AnsiConsole.WriteLine("  seed [--employees N] [--units U] [--seed S]   generate demo organisation and employees (deterministic; U: at least U units)");
        AnsiConsole.WriteLine("  reference [--regions F.csv] [--districts F.csv]   load reference data; nothing is written if a line is wrong");
        AnsiConsole.WriteLine("  scores recompute [--period rolling12|YYYY-MM|YYYY-Qn] [--no-rebuild]   rebuild score statistics from all ratings and store every score");
        AnsiConsole.WriteLine("  scorecards standard | scorecards recompute [--period P] [--stored-scores]   install the standard indicators; recompute and store every scorecard of a period");
        AnsiConsole.WriteLine("  surveys weights --responses R.csv --margins M.csv --out W.csv [--max-ratio N]   rake survey responses per district");
    }

    private static async Task<int> RecomputeScoresAsync(SenimDb db, Dictionary<string, string> opt)
    {
        var period = Scoring.ScorePeriod.Parse(opt.GetValueOrDefault("period"), DateTime.UtcNow);
        if (period is null)
        {
            AnsiConsole.MarkupLine("[red]--period must be rolling12, YYYY-MM or YYYY-Qn[/]");
            return 2;
        }
        var methodology = await Scoring.ScoreBuckets.ActiveAsync(db, CancellationToken.None);
        var recompute = new Scoring.ScoreRecompute(db, new Scoring.ScoringService(db, TimeProvider.System));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await recompute.RunAsync(methodology, period, rebuild: !opt.ContainsKey("no-rebuild"),
            new Progress<string>(stage => AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{stage}…[/]")));
        // One plain line (not wrapped to the console width), for scripts that read it.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scores recomputed for {period.Label} under methodology {methodology.Version}: {result.Buckets} buckets rebuilt in {result.Rebuild.TotalSeconds:F2} s; {result.EmployeeScores} employee and {result.UnitScores} unit score rows computed and stored in {result.Compute.TotalSeconds:F2} s; total {started.Elapsed.TotalSeconds:F2} s; peak managed heap {result.PeakManagedBytes / 1048576.0:F0} MiB"));
        return 0;
    }

    private static async Task MigrateAsync(SenimDb db)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Migrations applied:[/] {pending.Count} ({db.Database.ProviderName})");
    }

    private static async Task<int> SeedAsync(SenimDb db, Dictionary<string, string> opt)
    {
        if (!int.TryParse(opt.GetValueOrDefault("employees", "5000"), NumberStyles.None, CultureInfo.InvariantCulture, out var employees)
            || !int.TryParse(opt.GetValueOrDefault("seed", "20260101"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            || !int.TryParse(opt.GetValueOrDefault("units", "0"), NumberStyles.None, CultureInfo.InvariantCulture, out var unitCount))
        {
            AnsiConsole.MarkupLine("[red]--employees and --units must be whole numbers of 0 or more, --seed a whole number[/]");
            return 2;
        }
        if (await db.Units.AnyAsync())
        {
            AnsiConsole.MarkupLine("[yellow]The database already has an organisation; seed runs only on an empty one.[/]");
            return 2;
        }
        DemoDataGenerator.Result? result = null;
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var units = ctx.AddTask("Units");
                var staff = ctx.AddTask($"Employees ({employees.ToString("N0", CultureInfo.InvariantCulture)})");
                var progress = new Progress<(string Stage, double Fraction)>(p =>
                {
                    if (p.Stage is "reference" or "units") units.Value = p.Stage == "units" ? 100 : 50;
                    else staff.Value = p.Fraction * 100;
                });
                result = await new DemoDataGenerator(db, TimeProvider.System).GenerateAsync(seed, employees, progress, unitCount: unitCount);
                units.Value = 100; staff.Value = 100;
            });
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Seeded[/] {result!.Units} units, {result.Positions} positions, {result.Employees} employees in {result.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static async Task<int> ReferenceAsync(SenimDb db, Dictionary<string, string> opt)
    {
        var importer = new ReferenceDataImporter(db, TimeProvider.System);
        var failed = false;
        foreach (var (key, label) in new[] { ("regions", "Regions"), ("districts", "Districts") })
        {
            if (!opt.TryGetValue(key, out var path)) continue;
            await using var file = File.OpenRead(path);
            var result = key == "regions" ? await importer.ImportRegionsAsync(file) : await importer.ImportDistrictsAsync(file);
            if (result.Ok)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]{label}:[/] {result.Inserted} added, {result.Updated} updated");
            }
            else
            {
                failed = true;
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{label}: nothing imported, {result.Errors.Count} line(s) wrong[/]");
                foreach (var e in result.Errors)
                {
                    var template = Messages.GetString(e.MessageKey, CultureInfo.CurrentUICulture) ?? e.MessageKey;
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  line {e.Line}: {string.Format(CultureInfo.CurrentCulture, template, e.Args)}");
                }
            }
        }
        return failed ? 1 : 0;
    }

    /// <summary>The same resources as the pages; the language follows the terminal's culture (Kazakh by default).</summary>
    private static readonly System.Resources.ResourceManager Messages = new("Senim.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        string? key = null;
        foreach (var a in args)
        {
            if (a.StartsWith("--", StringComparison.Ordinal)) { key = a[2..]; d[key] = "true"; }
            else if (key is not null) { d[key] = a; key = null; }
        }
        return d;
    }
}
