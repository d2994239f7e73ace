namespace Senim.Web.Features.Indicators;

/// <summary>Indicators' database-specific SQL (PostgreSQL), beside its EF configuration
/// (<see cref="ScorecardResultConfiguration"/>, <see cref="IndicatorResultConfiguration"/>). Table and column names are
/// those of the EF model; tests/Senim.Web.Tests/Data/SqlStatementsTests runs every statement here on a migrated
/// database. The COPY column lists follow the order <see cref="ScorecardRecompute"/> writes the CSV fields in.</summary>
internal static class IndicatorsSql
{
    private const long DefinitionsLockKey = 0x53656E696D2F69; // "Senim/i"

    /// <summary>The transaction-level advisory lock shared by scorecard recomputes and definition activations.</summary>
    internal static readonly string DefinitionsLock = string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({DefinitionsLockKey})");

    /// <summary>Writes a recompute's scorecards by COPY in CSV form.</summary>
    internal const string CopyScorecardResults = """
        COPY scorecard_results ("Period", "Level", "SubjectKey", "ScorecardCode", "ScorecardVersion", "PeerGroup", "Composite", "Lower", "Upper",
        "DataShare", "Sufficient", "Light", "Rank", "RankBest", "RankWorst", "Peers", "ComputedAt") FROM STDIN (FORMAT csv)
        """;

    /// <summary>Writes one scorecard's indicator lines by COPY in CSV form, while the recompute builds them.</summary>
    internal const string CopyIndicatorResults = """
        COPY scorecard_indicator_results ("Period", "Level", "SubjectKey", "IndicatorCode", "IndicatorVersion", "Order", "Weight", "Value", "Lower",
        "Upper", "StandardError", "N", "HasData", "Points", "Light", "PeerTarget", "PeerLimit", "PeerZone", "Reason") FROM STDIN (FORMAT csv)
        """;
}
