using Senim.Web.Features.Indicators;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;
using Senim.Web.Features.Surveys;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Senim.Web.Features.Operations;

/// <summary>
/// `dotnet run --project src/Senim.Web -- &lt;command&gt;`: one command tree (Spectre.Console.Cli, docs/decisions/017),
/// each feature adding its own commands, run on a host built by the web application's composition root
/// (<c>Program.CreateBuilder</c>): the same services and configuration (appsettings, environment variables such as
/// Database__Provider), never started, so no job runs and no port opens. `--help` works on every command.
/// </summary>
public static class SenimCommandLine
{
    private static readonly string[] HelpWords = ["help", "--help", "-h", "-?"];

    /// <summary>A first argument that is a word (not an option such as --urls, nor a setting such as
    /// Database:Provider=Postgres) names a command; anything else starts the web application.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0
        && (HelpWords.Contains(args[0], StringComparer.Ordinal) || (args[0].Length > 0 && char.IsLetter(args[0][0]) && !args[0].Contains('=', StringComparison.Ordinal)));

    public static Task<int> RunAsync(string[] args) => RunAsync(args, "Senim.Web", AddSenimCommands);

    /// <summary>Senim's commands, feature by feature.</summary>
    public static void AddSenimCommands(IConfigurator commands)
    {
        commands.AddOperationsCommands();
        commands.AddOrganisationCommands();
        commands.AddSurveysCommands();
        commands.AddScoringCommands();
        commands.AddIndicatorsCommands();
    }

    /// <summary>Runs a command tree on Senim's host: Senim's own, or a bench tool's. Usage errors (an unknown command
    /// or option, a missing or malformed value) exit with 2, a failed command with 1.</summary>
    public static async Task<int> RunAsync(string[] args, string applicationName, Action<IConfigurator> addCommands, IAnsiConsole? console = null)
    {
        var builder = Program.CreateBuilder([]);
        // A command's output is its own lines: the log shows only warnings and errors.
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        var registrar = new HostTypeRegistrar(builder);
        var app = new CommandApp(registrar);
        app.Configure(c =>
        {
            c.SetApplicationName(applicationName);
            c.UseStrictParsing();
            if (console is not null) c.ConfigureConsole(console);
            c.SetExceptionHandler((ex, _) => Report(ex, console ?? AnsiConsole.Console));
            addCommands(c);
        });
        try
        {
            // `help` printed the list of commands before the command tree had --help; it still does.
            return await app.RunAsync(args is ["help", .. var rest] ? ["--help", .. rest] : args);
        }
        finally
        {
            await registrar.DisposeAsync();
        }
    }

    private static int Report(Exception ex, IAnsiConsole console)
    {
        switch (ex)
        {
            case CommandAppException { Pretty: { } pretty }:
                console.Write(pretty);
                return 2;
            case CommandAppException:
                console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]Error: {ex.Message}[/]");
                return 2;
            case DbUpdateException or InvalidOperationException or IOException:
                console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{ex.Message}[/]");
                return 1;
            default:
                console.WriteException(ex);
                return 1;
        }
    }
}
