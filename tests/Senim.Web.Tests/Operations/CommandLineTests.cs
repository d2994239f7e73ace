using System.Text.RegularExpressions;
using Senim.Web.Features.Operations;
using Spectre.Console;

namespace Senim.Web.Tests.Operations;

/// <summary>The command tree as a person meets it: `--help` on every command, and clear refusals. Nothing here opens a
/// database: help and usage errors are decided before a command runs.</summary>
public sealed partial class CommandLineTests
{
    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 250;   // one line per option, so that a name is never wrapped
        var exit = await SenimCommandLine.RunAsync(args, "Senim.Web", SenimCommandLine.AddSenimCommands, console);
        return (exit, output.ToString());
    }

    /// <summary>The commands of the README's "Command line", with every option each one takes.</summary>
    public static TheoryData<string, string[]> Commands => new()
    {
        { "migrate", [] },
        { "seed", ["--employees", "--units", "--seed"] },
        { "reference", ["--regions", "--districts"] },
        { "surveys weights", ["--responses", "--margins", "--out", "--max-ratio", "--timing"] },
        { "scores recompute", ["--period", "--no-rebuild"] },
        { "scorecards standard", [] },
        { "scorecards recompute", ["--period", "--stored-scores"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EveryCommandsHelpListsItsOptions(string command, string[] options)
    {
        var (exit, help) = await RunAsync([.. command.Split(' '), "--help"]);
        Assert.Equal(0, exit);
        Assert.Contains("Senim.Web " + command + " [OPTIONS]", help, StringComparison.Ordinal);
        Assert.Contains("DESCRIPTION:", help, StringComparison.Ordinal);
        Assert.Contains("-h, --help", help, StringComparison.Ordinal);
        var listed = OptionName().Matches(Section(help, "OPTIONS:")).Select(m => m.Groups[1].Value).Where(o => o != "--help").ToArray();
        Assert.Equal(options, listed);
        foreach (var line in Section(help, "OPTIONS:").Split('\n').Where(l => OptionName().IsMatch(l)))
        {
            // Every option says what it is for: its line has text after the name (and the value's placeholder).
            Assert.Matches(@"--[a-z-]+( <[A-Z]+>)?\s{2,}\S", line);
        }
    }

    [Fact]
    public async Task TheHelpListsEveryCommandAndEachGroupListsItsOwn()
    {
        var (exit, help) = await RunAsync("--help");
        Assert.Equal(0, exit);
        Assert.Equal(["migrate", "seed", "reference", "surveys", "scores", "scorecards"], CommandNames(help));
        Assert.Equal(help, (await RunAsync("help")).Output);   // `help` is kept from the old parser
        Assert.Equal(["weights"], CommandNames((await RunAsync("surveys", "--help")).Output));
        Assert.Equal(["recompute"], CommandNames((await RunAsync("scores", "--help")).Output));
        Assert.Equal(["standard", "recompute"], CommandNames((await RunAsync("scorecards", "-h")).Output));
        // Every command of the README's list is reached from the top.
        Assert.Equal(Commands.Select(c => (string)c[0]).Select(c => c.Split(' ')[0]).Distinct(), CommandNames(help));
    }

    [Fact]
    public async Task AnUnknownCommandIsRefusedByName()
    {
        var (exit, output) = await RunAsync("frobnicate");
        Assert.Equal(2, exit);
        Assert.Contains("Unknown command 'frobnicate'", output, StringComparison.Ordinal);
        var (subExit, subOutput) = await RunAsync("scores", "delete");
        Assert.Equal(2, subExit);
        Assert.Contains("Unknown command 'delete'", subOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownOptionIsRefusedByName()
    {
        var (exit, output) = await RunAsync("seed", "--employes", "10");
        Assert.Equal(2, exit);
        Assert.Contains("Unknown option 'employes'", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed --employees ten", "Failed to convert 'ten'")]
    [InlineData("seed --employees -5", "--employees and --units must be whole numbers of 0 or more")]
    [InlineData("scores recompute --period 2025-13", "--period must be rolling12, YYYY-MM or YYYY-Qn")]
    [InlineData("scorecards recompute --period last-year", "--period must be rolling12, YYYY-MM or YYYY-Qn")]
    [InlineData("surveys weights --responses R.csv --out W.csv", "missing required option 'margins'")]
    public async Task AWrongValueIsRefusedWithTheRule(string args, string message)
    {
        var (exit, output) = await RunAsync(args.Split(' '));
        Assert.Equal(2, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrate", true)]
    [InlineData("frobnicate", true)]
    [InlineData("--help", true)]
    [InlineData("-h", true)]
    [InlineData("help", true)]
    [InlineData("--urls", false)]                        // the web application's own options
    [InlineData("Database:Provider=Postgres", false)]    // and configuration settings
    public void AWordStartsTheCommandLineAnythingElseTheWebApplication(string first, bool command)
    {
        Assert.Equal(command, SenimCommandLine.IsCommand([first, "x"]));
        Assert.False(SenimCommandLine.IsCommand([]));
    }

    private static string Section(string help, string header)
    {
        var start = help.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {header} in:\n{help}");
        var rest = help[(start + header.Length)..];
        var end = SectionHeader().Match(rest);
        return end.Success ? rest[..end.Index] : rest;
    }

    private static string[] CommandNames(string help) =>
        [.. Section(help, "COMMANDS:").Split('\n').Select(l => CommandName().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"^\s+(?:-[a-z], )?(--[a-z-]+)", RegexOptions.Multiline)]
    private static partial Regex OptionName();

    [GeneratedRegex(@"^    ([a-z]+)\s{2,}\S")]
    private static partial Regex CommandName();

    [GeneratedRegex(@"^[A-Z]+:", RegexOptions.Multiline)]
    private static partial Regex SectionHeader();
}
