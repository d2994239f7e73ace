namespace Senim.Web.Data;

/// <summary>A feature's demo data, seeded in Development on start-up (Database:SeedDemoData) in the order
/// <see cref="DatabaseInitializer"/> states. It adds what is missing and leaves what is there, so a restart changes
/// nothing; deterministic from Database:DemoSeed where it draws at random. Created with its dependencies from the
/// start-up scope.</summary>
public interface IDemoData
{
    Task SeedAsync(CancellationToken ct);
}
