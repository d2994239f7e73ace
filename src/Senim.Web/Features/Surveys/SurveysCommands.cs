using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Senim.Web.Features.Surveys;

public static class SurveysCommands
{
    public static IConfigurator AddSurveysCommands(this IConfigurator commands)
    {
        commands.AddBranch("surveys", surveys =>
        {
            surveys.SetDescription("Analysts' survey file tools (no database).");
            surveys.AddCommand<WeightsCommand>("weights")
                .WithDescription("Rake survey responses (id,district,age_band,sex) to population margins (district,variable,category,population) district by district; writes id,district,weight.")
                .WithExample("surveys", "weights", "--responses", "R.csv", "--margins", "M.csv", "--out", "W.csv", "--max-ratio", "5");
        });
        return commands;
    }
}

/// <summary>A district whose margins do not fit its responses is named with the reason and gets no weights (exit 1).</summary>
public sealed class WeightsCommand : Command<WeightsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--responses <FILE>", isRequired: true), Description("Responses CSV: id,district,age_band,sex.")]
        public string Responses { get; init; } = "";

        [CommandOption("--margins <FILE>", isRequired: true), Description("Margins CSV: district,variable,category,population.")]
        public string Margins { get; init; } = "";

        [CommandOption("--out <FILE>", isRequired: true), Description("Weights CSV to write: id,district,weight.")]
        public string Out { get; init; } = "";

        [CommandOption("--max-ratio <N>"), Description("Trim weights to at most N times the district's mean weight.")]
        public double? MaxRatio { get; init; }

        [CommandOption("--timing"), Description("Also print the raking's own time (bench/raking).")]
        public bool Timing { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var responsesFile = File.OpenText(settings.Responses);
        var (responses, responseErrors) = WeightsFile.ReadResponses(responsesFile);
        using var marginsFile = File.OpenText(settings.Margins);
        var (margins, marginErrors) = WeightsFile.ReadMargins(marginsFile);
        if (responseErrors.Count + marginErrors.Count > 0)
        {
            foreach (var e in responseErrors) AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]responses {e}[/]");
            foreach (var e in marginErrors) AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]margins {e}[/]");
            return 1;
        }
        var started = Stopwatch.GetTimestamp();
        var (weights, report) = WeightsFile.Rake(responses, margins, settings.MaxRatio);
        var rakeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using (var output = File.CreateText(settings.Out)) WeightsFile.Write(output, responses, weights);
        var table = new Table().AddColumns("district", "n", "converged", "iterations", "deff", "n_eff", "problem");
        foreach (var r in report)
        {
            table.AddRow(Markup.Escape(r.District), r.Responses.ToString(CultureInfo.InvariantCulture), r.Converged ? "yes" : "no",
                r.Iterations.ToString(CultureInfo.InvariantCulture), r.DesignEffect.ToString("0.000", CultureInfo.InvariantCulture),
                r.EffectiveSampleSize.ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(string.Join("; ", r.Errors)));
        }
        AnsiConsole.Write(table);
        if (settings.Timing)
        {
            AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture, "Senim raking: {0:0.0} ms for {1} responses in {2} districts", rakeMs, responses.Count, report.Count));
        }
        return report.All(r => r.Succeeded) ? 0 : 1;
    }
}
