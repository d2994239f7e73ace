using Spectre.Console;
using Spectre.Console.Cli;

namespace Senim.Web.Features.Operations;

public static class OperationsCommands
{
    public static IConfigurator AddOperationsCommands(this IConfigurator commands)
    {
        commands.AddCommand<MigrateCommand>("migrate").WithDescription("Apply database migrations.");
        return commands;
    }
}

public sealed class MigrateCommand(SenimDb db) : AsyncCommand
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await ApplyAsync(db, cancellationToken);
        return 0;
    }

    /// <summary>Applies the pending migrations and says how many there were (also the first step of `seed`).</summary>
    public static async Task ApplyAsync(SenimDb db, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Migrations applied:[/] {pending.Count} ({db.Database.ProviderName})");
    }
}
