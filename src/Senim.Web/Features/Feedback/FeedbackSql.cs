namespace Senim.Web.Features.Feedback;

/// <summary>The Feedback feature's database-specific SQL, all of it (PostgreSQL; SQLite takes the EF Core path). Each
/// statement has a fixed text and positional parameters (<c>$1</c>…), so Npgsql sends it unchanged and prepares it once
/// per connection. Column names are written by hand here: a renamed column must fail the test that runs every
/// statement, not production. The parameters of each statement are listed in its summary, in order.</summary>
internal static class FeedbackSql
{
    /// <summary>Marks the batch's codes used (only those still unused and unexpired) and inserts the ratings of the codes
    /// this statement won, in one data-modifying CTE over arrays (one parameter per column, PostgreSQL's unnest); returns
    /// the interactions won. Rows are locked in the order of the primary key index. Decision record 014.
    /// Parameters: $1 timestamptz now (SubmittedAt and UsedAt); $2 uuid[] rating ids; $3 uuid[] interaction ids;
    /// $4 uuid[] unit ids; $5 uuid[] kind ids; $6–$10 integer[] courtesy, competence, timeliness, resolved, trust;
    /// $11 text[] comments; $12 integer[] comment statuses; $13 integer[] statuses; $14 text[] hold reasons;
    /// $15 text[] network hashes; $16 text[] phone hashes; $17 text[] cultures. Returns: "InteractionId" uuid.</summary>
    public const string UseCodesAndInsertRatings = """
        WITH used AS (
            UPDATE interactions SET "UsedAt" = $1 WHERE "Id" = ANY($3) AND "UsedAt" IS NULL AND "ExpiresAt" > $1 RETURNING "Id")
        INSERT INTO ratings ("Id", "InteractionId", "UnitId", "KindId", "SubmittedAt", "Courtesy", "Competence", "Timeliness",
            "Resolved", "Trust", "Comment", "CommentStatus", "Status", "HoldReason", "NetworkHash", "PhoneHash", "Culture", "Version")
        SELECT r.id, r.interaction, r.unit, r.kind, $1, r.courtesy, r.competence, r.timeliness, r.resolved, r.trust, r.comment,
            r.comment_status, r.status, r.hold, r.network, r.phone, r.culture, 0
        FROM unnest($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            AS r(id, interaction, unit, kind, courtesy, competence, timeliness, resolved, trust, comment, comment_status, status, hold,
                 network, phone, culture)
        JOIN used ON used."Id" = r.interaction
        RETURNING "InteractionId"
        """;

    /// <summary>Ratings from each network hash since a time, counted only up to a limit (a bounded index scan per network,
    /// not one row per rating it ever sent). Parameters: $1 text[] network hashes; $2 timestamptz since; $3 integer limit.
    /// Returns: "Source" text, "N" integer — one row per hash.</summary>
    public static readonly string RecentRatingsPerNetwork = RecentRatingsPer("NetworkHash");

    /// <summary>As <see cref="RecentRatingsPerNetwork"/>, per phone hash. Parameters: $1 text[] phone hashes; $2 timestamptz
    /// since; $3 integer limit. Returns: "Source" text, "N" integer.</summary>
    public static readonly string RecentRatingsPerPhone = RecentRatingsPer("PhoneHash");

    private static string RecentRatingsPer(string column) => $"""
        SELECT s AS "Source", (SELECT count(*)::int FROM (SELECT 1 FROM ratings r WHERE r."{column}" = s AND r."SubmittedAt" > $2 LIMIT $3) x) AS "N"
        FROM unnest($1) AS s
        """;
}
