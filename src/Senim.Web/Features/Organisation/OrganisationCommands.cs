using System.ComponentModel;
using Senim.Web.Features.Operations;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Senim.Web.Features.Organisation;

public static class OrganisationCommands
{
    public static IConfigurator AddOrganisationCommands(this IConfigurator commands)
    {
        commands.AddCommand<SeedCommand>("seed")
            .WithDescription("Migrate, then generate a demo organisation and its employees into an empty database (deterministic for a seed).")
            .WithExample("seed", "--employees", "100000", "--units", "2000", "--seed", "42");
        commands.AddCommand<ReferenceCommand>("reference")
            .WithDescription("Load regions and districts from CSV files; nothing is written if a line is wrong.")
            .WithExample("reference", "--regions", "regions.csv", "--districts", "districts.csv");
        return commands;
    }
}

public sealed class SeedCommand(SenimDb db, TimeProvider clock) : AsyncCommand<SeedCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--employees <N>"), Description("Employees to generate."), DefaultValue(5000)]
        public int Employees { get; init; }

        [CommandOption("--units <U>"), Description("At least this many units: every district gets as many local police posts as it takes (0: the plain tree)."), DefaultValue(0)]
        public int Units { get; init; }

        [CommandOption("--seed <S>"), Description("Random seed; the same seed gives the same organisation."), DefaultValue(20260101)]
        public int Seed { get; init; }

        public override ValidationResult Validate() => Employees < 0 || Units < 0
            ? ValidationResult.Error("--employees and --units must be whole numbers of 0 or more, --seed a whole number")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await MigrateCommand.ApplyAsync(db, cancellationToken);
        if (await db.Units.AnyAsync(cancellationToken))
        {
            AnsiConsole.MarkupLine("[yellow]The database already has an organisation; seed runs only on an empty one.[/]");
            return 2;
        }
        DemoDataGenerator.Result? result = null;
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var units = ctx.AddTask("Units");
                var staff = ctx.AddTask($"Employees ({settings.Employees.ToString("N0", CultureInfo.InvariantCulture)})");
                var progress = new Progress<(string Stage, double Fraction)>(p =>
                {
                    if (p.Stage is "reference" or "units") units.Value = p.Stage == "units" ? 100 : 50;
                    else staff.Value = p.Fraction * 100;
                });
                result = await new DemoDataGenerator(db, clock).GenerateAsync(settings.Seed, settings.Employees, progress, unitCount: settings.Units, ct: cancellationToken);
                units.Value = 100; staff.Value = 100;
            });
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Seeded[/] {result!.Units} units, {result.Positions} positions, {result.Employees} employees in {result.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}

public sealed class ReferenceCommand(SenimDb db, TimeProvider clock) : AsyncCommand<ReferenceCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--regions <FILE>"), Description("Regions CSV.")]
        public string? Regions { get; init; }

        [CommandOption("--districts <FILE>"), Description("Districts CSV.")]
        public string? Districts { get; init; }
    }

    /// <summary>The same resources as the pages; the language follows the terminal's culture (Kazakh by default).</summary>
    private static readonly System.Resources.ResourceManager Messages = new("Senim.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var importer = new ReferenceDataImporter(db, clock);
        var failed = false;
        foreach (var (path, label) in new[] { (settings.Regions, "Regions"), (settings.Districts, "Districts") })
        {
            if (path is null) continue;
            await using var file = File.OpenRead(path);
            var result = label == "Regions" ? await importer.ImportRegionsAsync(file, cancellationToken) : await importer.ImportDistrictsAsync(file, cancellationToken);
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
}
