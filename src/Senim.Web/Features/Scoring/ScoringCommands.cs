using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Senim.Web.Features.Scoring;

public static class ScoringCommands
{
    public static IConfigurator AddScoringCommands(this IConfigurator commands)
    {
        commands.AddBranch("scores", scores =>
        {
            scores.SetDescription("Employee and unit scores.");
            scores.AddCommand<RecomputeScoresCommand>("recompute")
                .WithDescription("Rebuild the score statistics from all ratings and store every employee and unit score of a period.")
                .WithExample("scores", "recompute", "--period", "2026-Q1", "--no-rebuild");
        });
        return commands;
    }
}

/// <summary>The settings of a command that works on one score period (`scores recompute`, `scorecards recompute`).</summary>
public class PeriodSettings : CommandSettings
{
    [CommandOption("--period <PERIOD>"), Description("rolling12 (default), YYYY-MM or YYYY-Qn.")]
    public string? Period { get; init; }

    public ScorePeriod? ParsedPeriod(DateTime now) => ScorePeriod.Parse(Period, now);

    public override ValidationResult Validate() => ParsedPeriod(DateTime.UtcNow) is null
        ? ValidationResult.Error("--period must be rolling12, YYYY-MM or YYYY-Qn")
        : ValidationResult.Success();
}

public sealed class RecomputeScoresCommand(SenimDb db, ScoreRecompute recompute, TimeProvider clock) : AsyncCommand<RecomputeScoresCommand.Settings>
{
    public sealed class Settings : PeriodSettings
    {
        [CommandOption("--no-rebuild"), Description("Use the statistics kept up to date by the ratings instead of rebuilding them.")]
        public bool NoRebuild { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var period = settings.ParsedPeriod(clock.GetUtcNow().UtcDateTime)!;
        var methodology = await ScoreBuckets.ActiveAsync(db, cancellationToken);
        var started = Stopwatch.StartNew();
        var result = await recompute.RunAsync(methodology, period, rebuild: !settings.NoRebuild,
            new Progress<string>(stage => AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{stage}…[/]")), cancellationToken);
        // One plain line (not wrapped to the console width), for scripts that read it.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scores recomputed for {period.Label} under methodology {methodology.Version}: {result.Buckets} buckets rebuilt in {result.Rebuild.TotalSeconds:F2} s; {result.EmployeeScores} employee and {result.UnitScores} unit score rows computed and stored in {result.Compute.TotalSeconds:F2} s; total {started.Elapsed.TotalSeconds:F2} s; peak managed heap {result.PeakManagedBytes / 1048576.0:F0} MiB"));
        return 0;
    }
}
