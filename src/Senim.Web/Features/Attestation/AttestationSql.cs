namespace Senim.Web.Features.Attestation;

/// <summary>Attestation's database-specific SQL (PostgreSQL), beside its EF configuration
/// (<see cref="AttemptEntityTypeConfiguration"/>, <see cref="AnswerEntityTypeConfiguration"/>). Table and column names
/// are those of the EF model; tests/Senim.Web.Tests/Data/SqlStatementsTests runs every statement here on a migrated
/// database.</summary>
internal static class AttestationSql
{
    /// <summary>An answer save in one statement (docs/decisions/012): $1 attempt, $2 question, $3 the question's UpdatedAt
    /// as marked, $4 now, $5 the revision replaced (0: none), $6 response, $7 mark; returns (question current, attempt
    /// running, answer saved).</summary>
    internal const string SaveAnswer = """
        WITH question AS (
            SELECT 1 FROM attestation_questions WHERE "Id" = $2 AND "UpdatedAt" = $3
        ), running AS (
            UPDATE attestation_attempts SET "Version" = "Version" + 1
            WHERE "Id" = $1 AND "FinishedAt" IS NULL AND "Deadline" > $4 AND EXISTS (SELECT 1 FROM question)
            RETURNING 1
        ), inserted AS (
            INSERT INTO attestation_answers ("AttemptId", "QuestionId", "Response", "Mark", "AnsweredAt", "Revision")
            SELECT $1, $2, $6, $7, $4, 1 FROM running WHERE $5 = 0
            ON CONFLICT ("AttemptId", "QuestionId") DO NOTHING
            RETURNING 1
        ), updated AS (
            UPDATE attestation_answers SET "Response" = $6, "Mark" = $7, "AnsweredAt" = $4, "Revision" = $5 + 1
            WHERE "AttemptId" = $1 AND "QuestionId" = $2 AND "Revision" = $5 AND $5 > 0 AND EXISTS (SELECT 1 FROM running)
            RETURNING 1
        )
        SELECT EXISTS (SELECT 1 FROM question), EXISTS (SELECT 1 FROM running), EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM updated)
        """;
}
