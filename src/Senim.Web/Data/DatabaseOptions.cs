using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Senim.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up. On by default in Development; elsewhere use the `migrate` command.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Seed demo data on first start (Development only).</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Demo data seed and size used when the database is empty.</summary>
    public int DemoSeed { get; set; } = 20260101;
    public int DemoEmployees { get; set; } = 5000;
}

public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddSenimDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Senim");

        // Contexts are pooled, and their options built once: building the options parses the connection string and
        // assembles the provider's extensions, and building a context initialises its sets and resolves its internal
        // services; both showed in the profile of every rating request, though a rating request itself never opens a
        // connection (bench/ingest). A context is reset before it is reused (tracked entities, transaction, connection
        // and per-context settings such as AutoSavepointsEnabled); SenimDb keeps no per-request state of its own.
        services.AddDbContextPool<SenimDb>(o => Configure(o, options.Provider, connectionString, contentRoot));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder o, DatabaseProvider provider, string? connectionString, string contentRoot)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Senim is empty.");
                }
                o.UseNpgsql(WithAutoPrepare(connectionString), n => n.MigrationsHistoryTable("__migrations"));
                break;
            default:
                o.UseSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqlite(contentRoot) : connectionString,
                    s => s.MigrationsHistoryTable("__migrations"));
                break;
        }
        // Migrations are written by hand and carry no model snapshot; SchemaMatchesModelTests is the guard instead.
        o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>Npgsql's automatic preparation, unless the connection string chooses otherwise: a statement run twice on
    /// a physical connection is prepared there, so the hot paths (a rating, an answer save, a scorecard page) skip
    /// PostgreSQL's parse and plan. On the testing-day benchmark (BENCHMARKS.md, runs C and D, 400 candidates) it took
    /// the median answer save from 21 s of queueing to 14 ms on the same shared machine.</summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (b.MaxAutoPrepare == 0 && !connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
                                  && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            b.MaxAutoPrepare = 64;
            b.AutoPrepareMinUsages = 2;
        }
        return b.ConnectionString;
    }

    /// <summary>The embedded default: ./data/senim.db beside the solution (or the content root when run elsewhere).</summary>
    public static string DefaultSqlite(string contentRoot)
    {
        var dir = new DirectoryInfo(contentRoot);
        var root = dir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Senim.slnx")))
        {
            root = root.Parent;
        }
        var dataDir = Path.Combine((root ?? dir).FullName, "data");
        Directory.CreateDirectory(dataDir);
        return $"Data Source={Path.Combine(dataDir, "senim.db")};Cache=Shared;Pooling=True;Default Timeout=30";
    }
}
