using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Senim.Web.Data.Migrations;

/// <summary>Indicators: versioned, effective-dated indicator definitions and scorecards (weighted sets of indicators),
/// the stored results of scorecard recomputes per period, and early-warning flags with the head's action.</summary>
[DbContext(typeof(SenimDb))]
[Migration("20261122000011_Indicators")]
public sealed class IndicatorTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var m = migrationBuilder;
        m.CreateTable("indicator_definitions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 40, nullable: false),
            Version = t.Column<int>(nullable: false),
            Status = t.Column<int>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            Source = t.Column<string>(maxLength: 60, nullable: false),
            Criterion = t.Column<short>(nullable: true),
            Level = t.Column<int>(nullable: false),
            Direction = t.Column<int>(nullable: false),
            Measure = t.Column<int>(nullable: false),
            ScaleMin = t.Column<double>(nullable: false),
            ScaleMax = t.Column<double>(nullable: false),
            Target = t.Column<double>(nullable: true),
            GreenFrom = t.Column<double>(nullable: true),
            AmberFrom = t.Column<double>(nullable: true),
            Categories = t.Column<string>(maxLength: 200, nullable: false),
            UnitKinds = t.Column<string>(maxLength: 200, nullable: false),
            NameKk = t.Column<string>(maxLength: 200, nullable: false),
            NameRu = t.Column<string>(maxLength: 200, nullable: false),
            NameEn = t.Column<string>(maxLength: 200, nullable: false),
            DescriptionKk = t.Column<string>(maxLength: 1000, nullable: false),
            DescriptionRu = t.Column<string>(maxLength: 1000, nullable: false),
            DescriptionEn = t.Column<string>(maxLength: 1000, nullable: false),
            EffectiveFrom = t.Column<DateOnly>(nullable: false),
            EffectiveTo = t.Column<DateOnly>(nullable: true),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            ActivatedBy = t.Column<string>(maxLength: 256, nullable: true),
            ActivatedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_indicator_definitions", x => x.Id));
        m.CreateIndex("IX_indicator_definitions_Code_Version", "indicator_definitions", ["Code", "Version"], unique: true);
        m.CreateIndex("IX_indicator_definitions_Status", "indicator_definitions", "Status");

        m.CreateTable("scorecards", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 40, nullable: false),
            Version = t.Column<int>(nullable: false),
            Status = t.Column<int>(nullable: false),
            Level = t.Column<int>(nullable: false),
            Category = t.Column<int>(nullable: true),
            UnitKind = t.Column<int>(nullable: true),
            NameKk = t.Column<string>(maxLength: 200, nullable: false),
            NameRu = t.Column<string>(maxLength: 200, nullable: false),
            NameEn = t.Column<string>(maxLength: 200, nullable: false),
            MinimumDataShare = t.Column<double>(nullable: false),
            GreenFrom = t.Column<double>(nullable: false),
            AmberFrom = t.Column<double>(nullable: false),
            EffectiveFrom = t.Column<DateOnly>(nullable: false),
            EffectiveTo = t.Column<DateOnly>(nullable: true),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            ActivatedBy = t.Column<string>(maxLength: 256, nullable: true),
            ActivatedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_scorecards", x => x.Id));
        m.CreateIndex("IX_scorecards_Code_Version", "scorecards", ["Code", "Version"], unique: true);
        m.CreateIndex("IX_scorecards_Status", "scorecards", "Status");

        m.CreateTable("scorecard_items", t => new
        {
            ScorecardId = t.Column<Guid>(nullable: false),
            IndicatorCode = t.Column<string>(maxLength: 40, nullable: false),
            Weight = t.Column<double>(nullable: false),
            Order = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_scorecard_items", x => new { x.ScorecardId, x.IndicatorCode });
            t.ForeignKey("FK_scorecard_items_scorecards_ScorecardId", x => x.ScorecardId, "scorecards", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("scorecard_results", t => new
        {
            Period = t.Column<string>(maxLength: 16, nullable: false),
            Level = t.Column<int>(nullable: false),
            SubjectKey = t.Column<string>(maxLength: 40, nullable: false),
            ScorecardCode = t.Column<string>(maxLength: 40, nullable: false),
            ScorecardVersion = t.Column<int>(nullable: false),
            PeerGroup = t.Column<string>(maxLength: 100, nullable: false),
            Composite = t.Column<double>(nullable: true),
            Lower = t.Column<double>(nullable: true),
            Upper = t.Column<double>(nullable: true),
            DataShare = t.Column<double>(nullable: false),
            Sufficient = t.Column<bool>(nullable: false),
            Light = t.Column<int>(nullable: false),
            Rank = t.Column<int>(nullable: true),
            RankBest = t.Column<int>(nullable: true),
            RankWorst = t.Column<int>(nullable: true),
            Peers = t.Column<int>(nullable: false),
            ComputedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_scorecard_results", x => new { x.Period, x.Level, x.SubjectKey }));
        m.CreateIndex("IX_scorecard_results_Level_SubjectKey", "scorecard_results", ["Level", "SubjectKey"]);
        m.CreateIndex("IX_scorecard_results_ComputedAt", "scorecard_results", "ComputedAt");

        m.CreateTable("scorecard_indicator_results", t => new
        {
            Period = t.Column<string>(maxLength: 16, nullable: false),
            Level = t.Column<int>(nullable: false),
            SubjectKey = t.Column<string>(maxLength: 40, nullable: false),
            IndicatorCode = t.Column<string>(maxLength: 40, nullable: false),
            IndicatorVersion = t.Column<int>(nullable: false),
            Order = t.Column<int>(nullable: false),
            Weight = t.Column<double>(nullable: false),
            Value = t.Column<double>(nullable: true),
            Lower = t.Column<double>(nullable: true),
            Upper = t.Column<double>(nullable: true),
            StandardError = t.Column<double>(nullable: true),
            N = t.Column<double>(nullable: false),
            HasData = t.Column<bool>(nullable: false),
            Points = t.Column<double>(nullable: true),
            Light = t.Column<int>(nullable: false),
            PeerTarget = t.Column<double>(nullable: true),
            PeerLimit = t.Column<double>(nullable: true),
            PeerZone = t.Column<int>(nullable: true),
            Reason = t.Column<string>(maxLength: 60, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_scorecard_indicator_results", x => new { x.Period, x.Level, x.SubjectKey, x.IndicatorCode }));

        m.CreateTable("early_warning_flags", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Level = t.Column<int>(nullable: false),
            SubjectId = t.Column<Guid>(nullable: false),
            UnitId = t.Column<Guid>(nullable: false),
            Period = t.Column<string>(maxLength: 16, nullable: false),
            Rule = t.Column<int>(nullable: false),
            IndicatorCode = t.Column<string>(maxLength: 40, nullable: false),
            Evidence = t.Column<string>(maxLength: 2000, nullable: false),
            RaisedAt = t.Column<DateTime>(nullable: false),
            DueAt = t.Column<DateTime>(nullable: false),
            Status = t.Column<int>(nullable: false),
            Action = t.Column<int>(nullable: true),
            ActionNote = t.Column<string>(maxLength: 1000, nullable: true),
            ActionBy = t.Column<string>(maxLength: 256, nullable: true),
            ActionAt = t.Column<DateTime>(nullable: true),
            WithdrawnAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_early_warning_flags", x => x.Id);
            t.ForeignKey("FK_early_warning_flags_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_early_warning_flags_Subject_Period_Rule", "early_warning_flags",
            ["Level", "SubjectId", "Period", "Rule", "IndicatorCode"], unique: true);
        m.CreateIndex("IX_early_warning_flags_UnitId_Status", "early_warning_flags", ["UnitId", "Status"]);
        m.CreateIndex("IX_early_warning_flags_Status_DueAt", "early_warning_flags", ["Status", "DueAt"]);
    }
}
