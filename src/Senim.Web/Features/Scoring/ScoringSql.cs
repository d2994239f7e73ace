namespace Senim.Web.Features.Scoring;

/// <summary>Scoring's database-specific SQL, beside its EF configuration (<see cref="ScoreBucketConfiguration"/>,
/// <see cref="StoredScoreConfiguration"/>): PostgreSQL unless the name says SQLite. Table and column names are those
/// of the EF model; tests/Senim.Web.Tests/Data/SqlStatementsTests runs every statement here on a migrated database.
/// Why each one is raw SQL: docs/decisions/007 (buckets, recompute) and 014 (the array upsert).</summary>
internal static class ScoringSql
{
    /// <summary>The value columns of score_buckets in the order every bucket statement lists them, each with its
    /// getter (whole counts as long, sums as double).</summary>
    internal static readonly (string Name, Func<ScoreBucket, long>? Long, Func<ScoreBucket, double>? Double)[] BucketValueColumns =
    [
        ("Count", b => b.Count, null), ("SumW", null, b => b.SumW), ("SumW2", null, b => b.SumW2),
        ("OverallSum", null, b => b.OverallSum), ("OverallSumSq", null, b => b.OverallSumSq), ("OverallSat", b => b.OverallSat, null),
        ("CourtesySum", null, b => b.CourtesySum), ("CourtesySumSq", null, b => b.CourtesySumSq), ("CourtesySat", b => b.CourtesySat, null),
        ("CompetenceSum", null, b => b.CompetenceSum), ("CompetenceSumSq", null, b => b.CompetenceSumSq), ("CompetenceSat", b => b.CompetenceSat, null),
        ("TimelinessSum", null, b => b.TimelinessSum), ("TimelinessSumSq", null, b => b.TimelinessSumSq), ("TimelinessSat", b => b.TimelinessSat, null),
        ("ResolvedSum", null, b => b.ResolvedSum), ("ResolvedSumSq", null, b => b.ResolvedSumSq), ("ResolvedSat", b => b.ResolvedSat, null),
    ];

    /// <summary>Parameters (or COPY fields) per bucket row: the four key columns, then the value columns.</summary>
    internal static readonly int BucketRowWidth = 4 + BucketValueColumns.Length;

    private const string BucketKey = "\"SubjectType\", \"SubjectId\", \"Month\", \"KindId\"";
    private static readonly string BucketValues = string.Join(", ", BucketValueColumns.Select(c => $"\"{c.Name}\""));
    private static readonly string AddToBucket = string.Join(", ", BucketValueColumns.Select(c => $"\"{c.Name}\" = score_buckets.\"{c.Name}\" + excluded.\"{c.Name}\""));

    private const long RecomputeLockKey = 0x53656E696D5C; // "Senim\"

    /// <summary>Serialises full recomputes started on different nodes (a transaction-level advisory lock).</summary>
    internal static readonly string RecomputeLock = string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({RecomputeLockKey})");

    /// <summary>Makes ratings written during a rebuild wait at their bucket upsert until the rebuild commits.</summary>
    internal const string LockBuckets = "LOCK TABLE score_buckets IN EXCLUSIVE MODE";

    /// <summary>Adds bucket deltas in one statement of fixed text: $1…$22 are one array per column (key, then values),
    /// unnested and locked in key order (positional parameters: Npgsql prepares it once per connection).</summary>
    internal static readonly string UpsertBuckets = $"""
        INSERT INTO score_buckets ({BucketKey}, {BucketValues})
        SELECT * FROM unnest({string.Join(", ", Enumerable.Range(1, BucketRowWidth).Select(i => $"${i}"))})
            AS d({BucketKey}, {BucketValues})
        ORDER BY 1, 2, 3, 4
        ON CONFLICT ({BucketKey}) DO UPDATE SET {AddToBucket}
        """;

    /// <summary>SQLite: the same upsert for <paramref name="rows"/> rows of EF Core parameters {0}… (22 a row, key then values).</summary>
    internal static string SqliteUpsertBuckets(int rows)
    {
        var row = Enumerable.Range(0, BucketRowWidth).ToArray();
        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", row.Select(c => "{" + (r * BucketRowWidth + c).ToString(CultureInfo.InvariantCulture) + "}")) + ")");
        return $"INSERT INTO score_buckets ({BucketKey}, {BucketValues}) VALUES {string.Join(", ", values)} ON CONFLICT ({BucketKey}) DO UPDATE SET {AddToBucket}";
    }

    /// <summary>The counted ratings with each employee they name, for a rebuild of the employees' buckets.</summary>
    internal const string RebuildEmployeeRatings = """
        SELECT ie."EmployeeId", r."KindId", r."SubmittedAt", r."Courtesy", r."Competence", r."Timeliness", r."Resolved" FROM ratings r JOIN interaction_employees ie ON ie."InteractionId" = r."InteractionId" WHERE r."Status" = 0
        """;

    /// <summary>The counted ratings with their unit, for a rebuild of the units' buckets.</summary>
    internal const string RebuildUnitRatings = """
        SELECT r."UnitId", r."KindId", r."SubmittedAt", r."Courtesy", r."Competence", r."Timeliness", r."Resolved" FROM ratings r WHERE r."Status" = 0
        """;

    /// <summary>Writes rebuilt buckets by binary COPY (key, then values).</summary>
    internal static readonly string CopyBuckets = $"COPY score_buckets ({BucketKey}, {BucketValues}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Writes a recompute's scores by binary COPY, in the order <see cref="ScoreRecompute"/> writes the fields.</summary>
    internal const string CopyScores = """
        COPY scores ("SubjectType", "SubjectId", "Period", "Criterion", "MethodologyVersion", "PeerGroup", "Ratings", "EffectiveN", "RawMean",
        "ExpectedMean", "PeerMean", "Estimate", "Lower", "Upper", "ShareSatisfied", "Percentile", "Official", "Reasons", "ComputedAt") FROM STDIN (FORMAT BINARY)
        """;
}
