using System.ComponentModel;
using System.Diagnostics;
using Senim.Web.Features.Scoring;
using Spectre.Console.Cli;

namespace Senim.Web.Features.Indicators;

public static class IndicatorsCommands
{
    public static IConfigurator AddIndicatorsCommands(this IConfigurator commands)
    {
        commands.AddBranch("scorecards", scorecards =>
        {
            scorecards.SetDescription("Indicators and scorecards.");
            scorecards.AddCommand<StandardIndicatorsCommand>("standard")
                .WithDescription("Install the standard indicator definitions and scorecards into an empty catalogue.");
            scorecards.AddCommand<RecomputeScorecardsCommand>("recompute")
                .WithDescription("Recompute and store every scorecard of a period in one transaction and apply the early-warning rules.")
                .WithExample("scorecards", "recompute", "--period", "rolling12", "--stored-scores");
        });
        return commands;
    }
}

public sealed class StandardIndicatorsCommand(SenimDb db) : AsyncCommand
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var installed = await StandardIndicators.EnsureAsync(db, cancellationToken);
        Console.WriteLine(installed ? "Standard indicators and scorecards installed." : "The catalogue already has definitions; nothing installed.");
        return 0;
    }
}

public sealed class RecomputeScorecardsCommand(SenimDb db, ScorecardRecompute recompute, TimeProvider clock) : AsyncCommand<RecomputeScorecardsCommand.Settings>
{
    public sealed class Settings : PeriodSettings
    {
        [CommandOption("--stored-scores"), Description("Take employee and unit scores from the stored scores (`scores recompute`) instead of the statistics.")]
        public bool StoredScores { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var period = settings.ParsedPeriod(clock.GetUtcNow().UtcDateTime)!;
        // Start-up, reported apart: the first use of the model and a connection (a long-running node pays it once).
        var warm = Stopwatch.StartNew();
        await db.IndicatorDefinitions.AnyAsync(cancellationToken);
        var warmUp = warm.Elapsed;
        var stages = Stopwatch.StartNew();
        var r = await recompute.RunAsync(period, settings.StoredScores,
            new Progress<string>(stage => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stages.Elapsed.TotalSeconds:F2} s: {stage}…"))), cancellationToken);
        // One plain line, for scripts that read it.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scorecards recomputed for {r.Period} (definitions of {r.DefinitionsOf:yyyy-MM-dd}): {r.Employees} employees, {r.Units} units, {r.Districts} districts, {r.Regions} regions, {r.IndicatorValues} indicator values; flags raised {r.FlagsRaised}, withdrawn {r.FlagsWithdrawn}; {r.Elapsed.TotalSeconds:F2} s (after {warmUp.TotalSeconds:F2} s start-up)"));
        return 0;
    }
}
