using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Senim.Web.Data.Migrations;

/// <summary>Scoring: versioned methodology (version 1 active), sufficient statistics per subject/month/kind, stored scores.</summary>
[DbContext(typeof(SenimDb))]
[Migration("20261122000008_Scoring")]
public sealed class ScoringTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var m = migrationBuilder;
        m.CreateTable("methodologies", t => new
        {
            Version = t.Column<int>(nullable: false),
            Status = t.Column<int>(nullable: false),
            HalfLifeDays = t.Column<double>(nullable: false),
            MinimumEffectiveN = t.Column<double>(nullable: false),
            MaximumIntervalWidth = t.Column<double>(nullable: false),
            BetweenVarianceFloor = t.Column<double>(nullable: false),
            SatisfiedThreshold = t.Column<double>(nullable: false),
            WeightCourtesy = t.Column<double>(nullable: false),
            WeightCompetence = t.Column<double>(nullable: false),
            WeightTimeliness = t.Column<double>(nullable: false),
            WeightResolved = t.Column<double>(nullable: false),
            PeerGroups = t.Column<int>(nullable: false),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            ActivatedBy = t.Column<string>(maxLength: 256, nullable: true),
            ActivatedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_methodologies", x => x.Version));
        m.CreateIndex("IX_methodologies_Status", "methodologies", "Status");
        // A hand-written migration has no target model, so the data operation names its column types per provider.
        var sqlite = m.IsSqlite();
        string[] types = sqlite
            ? ["INTEGER", "INTEGER", "REAL", "REAL", "REAL", "REAL", "REAL", "REAL", "REAL", "REAL", "REAL", "INTEGER", "TEXT", "TEXT", "TEXT", "TEXT", "TEXT"]
            : ["integer", "integer", "double precision", "double precision", "double precision", "double precision", "double precision", "double precision",
               "double precision", "double precision", "double precision", "integer", "character varying(1000)", "character varying(256)",
               "timestamp with time zone", "character varying(256)", "timestamp with time zone"];
        m.InsertData("methodologies",
            ["Version", "Status", "HalfLifeDays", "MinimumEffectiveN", "MaximumIntervalWidth", "BetweenVarianceFloor", "SatisfiedThreshold",
             "WeightCourtesy", "WeightCompetence", "WeightTimeliness", "WeightResolved", "PeerGroups", "Note", "CreatedBy", "CreatedAt", "ActivatedBy", "ActivatedAt"],
            types,
            [1, 1, 180.0, 30.0, 0.8, 0.0025, 4.0, 1.0, 1.0, 1.0, 1.0, 0, "Senim methodology 1", "system",
             new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc), "system", new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc)]);

        m.CreateTable("score_buckets", t => new
        {
            SubjectType = t.Column<short>(nullable: false),
            SubjectId = t.Column<Guid>(nullable: false),
            Month = t.Column<int>(nullable: false),
            KindId = t.Column<Guid>(nullable: false),
            Count = t.Column<long>(nullable: false),
            SumW = t.Column<double>(nullable: false),
            SumW2 = t.Column<double>(nullable: false),
            OverallSum = t.Column<double>(nullable: false),
            OverallSumSq = t.Column<double>(nullable: false),
            OverallSat = t.Column<long>(nullable: false),
            CourtesySum = t.Column<double>(nullable: false),
            CourtesySumSq = t.Column<double>(nullable: false),
            CourtesySat = t.Column<long>(nullable: false),
            CompetenceSum = t.Column<double>(nullable: false),
            CompetenceSumSq = t.Column<double>(nullable: false),
            CompetenceSat = t.Column<long>(nullable: false),
            TimelinessSum = t.Column<double>(nullable: false),
            TimelinessSumSq = t.Column<double>(nullable: false),
            TimelinessSat = t.Column<long>(nullable: false),
            ResolvedSum = t.Column<double>(nullable: false),
            ResolvedSumSq = t.Column<double>(nullable: false),
            ResolvedSat = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_score_buckets", x => new { x.SubjectType, x.SubjectId, x.Month, x.KindId }));
        m.CreateIndex("IX_score_buckets_SubjectType_Month", "score_buckets", ["SubjectType", "Month"]);

        m.CreateTable("scores", t => new
        {
            SubjectType = t.Column<short>(nullable: false),
            SubjectId = t.Column<Guid>(nullable: false),
            Period = t.Column<string>(maxLength: 16, nullable: false),
            Criterion = t.Column<short>(nullable: false),
            MethodologyVersion = t.Column<int>(nullable: false),
            PeerGroup = t.Column<string>(maxLength: 100, nullable: false),
            Ratings = t.Column<int>(nullable: false),
            EffectiveN = t.Column<double>(nullable: false),
            RawMean = t.Column<double>(nullable: true),
            ExpectedMean = t.Column<double>(nullable: true),
            PeerMean = t.Column<double>(nullable: false),
            Estimate = t.Column<double>(nullable: false),
            Lower = t.Column<double>(nullable: false),
            Upper = t.Column<double>(nullable: false),
            ShareSatisfied = t.Column<double>(nullable: true),
            Percentile = t.Column<double>(nullable: true),
            Official = t.Column<bool>(nullable: false),
            Reasons = t.Column<string>(maxLength: 200, nullable: true),
            ComputedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_scores", x => new { x.SubjectType, x.SubjectId, x.Period, x.Criterion, x.MethodologyVersion }));
        m.CreateIndex("IX_scores_Period_MethodologyVersion_SubjectType", "scores", ["Period", "MethodologyVersion", "SubjectType"]);
    }
}
