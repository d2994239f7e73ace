using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Data.Migrations;

/// <summary>Trust and safety surveys: versioned questionnaires with the standard instrument (version 1, three
/// languages), waves and the districts they cover, responses and answers, district population margins for raking,
/// and the keyword themes of open answers.</summary>
[DbContext(typeof(SenimDb))]
[Migration("20261122000009_Surveys")]
public sealed class Surveys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var m = migrationBuilder;
        var sqlite = m.IsSqlite();

        m.CreateTable("questionnaires", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 40, nullable: false),
            Version = t.Column<int>(nullable: false),
            Status = t.Column<int>(nullable: false),
            TitleKk = t.Column<string>(maxLength: 200, nullable: false),
            TitleRu = t.Column<string>(maxLength: 200, nullable: false),
            TitleEn = t.Column<string>(maxLength: 200, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_questionnaires", x => x.Id));
        m.CreateIndex("IX_questionnaires_Code_Version", "questionnaires", ["Code", "Version"], unique: true);

        m.CreateTable("survey_questions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            QuestionnaireId = t.Column<Guid>(nullable: false),
            Order = t.Column<int>(nullable: false),
            Code = t.Column<string>(maxLength: 40, nullable: false),
            Kind = t.Column<int>(nullable: false),
            Index = t.Column<int>(nullable: false),
            TextKk = t.Column<string>(maxLength: 500, nullable: false),
            TextRu = t.Column<string>(maxLength: 500, nullable: false),
            TextEn = t.Column<string>(maxLength: 500, nullable: false),
            LowKk = t.Column<string>(maxLength: 100, nullable: true),
            LowRu = t.Column<string>(maxLength: 100, nullable: true),
            LowEn = t.Column<string>(maxLength: 100, nullable: true),
            HighKk = t.Column<string>(maxLength: 100, nullable: true),
            HighRu = t.Column<string>(maxLength: 100, nullable: true),
            HighEn = t.Column<string>(maxLength: 100, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_survey_questions", x => x.Id);
            t.ForeignKey("FK_survey_questions_questionnaires_QuestionnaireId", x => x.QuestionnaireId, "questionnaires", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_survey_questions_QuestionnaireId_Code", "survey_questions", ["QuestionnaireId", "Code"], unique: true);

        m.CreateTable("survey_waves", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 40, nullable: false),
            NameKk = t.Column<string>(maxLength: 200, nullable: false),
            NameRu = t.Column<string>(maxLength: 200, nullable: false),
            NameEn = t.Column<string>(maxLength: 200, nullable: false),
            PeriodKind = t.Column<int>(nullable: false),
            PeriodStart = t.Column<DateOnly>(nullable: false),
            PeriodEnd = t.Column<DateOnly>(nullable: false),
            QuestionnaireId = t.Column<Guid>(nullable: false),
            Status = t.Column<int>(nullable: false),
            TargetPerDistrict = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_survey_waves", x => x.Id);
            t.ForeignKey("FK_survey_waves_questionnaires_QuestionnaireId", x => x.QuestionnaireId, "questionnaires", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_survey_waves_Code", "survey_waves", "Code", unique: true);
        m.CreateIndex("IX_survey_waves_QuestionnaireId", "survey_waves", "QuestionnaireId");
        m.CreateIndex("IX_survey_waves_PeriodStart", "survey_waves", "PeriodStart");

        m.CreateTable("survey_wave_districts", t => new
        {
            WaveId = t.Column<Guid>(nullable: false),
            DistrictId = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_survey_wave_districts", x => new { x.WaveId, x.DistrictId });
            t.ForeignKey("FK_survey_wave_districts_survey_waves_WaveId", x => x.WaveId, "survey_waves", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_survey_wave_districts_districts_DistrictId", x => x.DistrictId, "districts", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_survey_wave_districts_DistrictId", "survey_wave_districts", "DistrictId");

        m.CreateTable("survey_responses", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            WaveId = t.Column<Guid>(nullable: false),
            QuestionnaireId = t.Column<Guid>(nullable: false),
            DistrictId = t.Column<Guid>(nullable: false),
            AgeBand = t.Column<string>(maxLength: 8, nullable: false),
            Sex = t.Column<string>(maxLength: 1, nullable: false),
            Channel = t.Column<int>(nullable: false),
            Source = t.Column<int>(nullable: false),
            SubmittedAt = t.Column<DateTime>(nullable: false),
            Culture = t.Column<string>(maxLength: 5, nullable: false),
            DeviceHash = t.Column<string>(maxLength: 64, nullable: true),
            PhoneHash = t.Column<string>(maxLength: 64, nullable: true),
            ImportedBy = t.Column<string>(maxLength: 256, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_survey_responses", x => x.Id);
            t.ForeignKey("FK_survey_responses_survey_waves_WaveId", x => x.WaveId, "survey_waves", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_survey_responses_questionnaires_QuestionnaireId", x => x.QuestionnaireId, "questionnaires", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_survey_responses_districts_DistrictId", x => x.DistrictId, "districts", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_survey_responses_WaveId_DeviceHash", "survey_responses", ["WaveId", "DeviceHash"], unique: true);
        m.CreateIndex("IX_survey_responses_WaveId_PhoneHash", "survey_responses", ["WaveId", "PhoneHash"], unique: true);
        m.CreateIndex("IX_survey_responses_DistrictId_WaveId", "survey_responses", ["DistrictId", "WaveId"]);
        m.CreateIndex("IX_survey_responses_QuestionnaireId", "survey_responses", "QuestionnaireId");

        m.CreateTable("survey_answers", t => new
        {
            ResponseId = t.Column<Guid>(nullable: false),
            QuestionId = t.Column<Guid>(nullable: false),
            Value = t.Column<int>(nullable: true),
            Text = t.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_survey_answers", x => new { x.ResponseId, x.QuestionId });
            t.ForeignKey("FK_survey_answers_survey_responses_ResponseId", x => x.ResponseId, "survey_responses", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_survey_answers_survey_questions_QuestionId", x => x.QuestionId, "survey_questions", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_survey_answers_QuestionId", "survey_answers", "QuestionId");

        m.CreateTable("district_margins", t => new
        {
            DistrictId = t.Column<Guid>(nullable: false),
            Variable = t.Column<string>(maxLength: 20, nullable: false),
            Category = t.Column<string>(maxLength: 20, nullable: false),
            Population = t.Column<long>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_district_margins", x => new { x.DistrictId, x.Variable, x.Category });
            t.ForeignKey("FK_district_margins_districts_DistrictId", x => x.DistrictId, "districts", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("survey_themes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 40, nullable: false),
            NameKk = t.Column<string>(maxLength: 200, nullable: false),
            NameRu = t.Column<string>(maxLength: 200, nullable: false),
            NameEn = t.Column<string>(maxLength: 200, nullable: false),
            KeywordsKk = t.Column<string>(maxLength: 2000, nullable: false),
            KeywordsRu = t.Column<string>(maxLength: 2000, nullable: false),
            KeywordsEn = t.Column<string>(maxLength: 2000, nullable: false),
            SortOrder = t.Column<int>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            UpdatedBy = t.Column<string>(maxLength: 256, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_survey_themes", x => x.Id));
        m.CreateIndex("IX_survey_themes_Code", "survey_themes", "Code", unique: true);

        // Seed: a hand-written migration has no target model, so data operations name their column types per provider.
        string Text(int length) => sqlite ? "TEXT" : $"character varying({length})";
        string Uuid = sqlite ? "TEXT" : "uuid", Int = sqlite ? "INTEGER" : "integer", Time = sqlite ? "TEXT" : "timestamp with time zone";
        var created = StandardInstrument.CreatedAt;
        var q = StandardInstrument.Questionnaire;
        m.InsertData("questionnaires", ["Id", "Code", "Version", "Status", "TitleKk", "TitleRu", "TitleEn", "CreatedAt", "CreatedBy"],
            [Uuid, Text(40), Int, Int, Text(200), Text(200), Text(200), Time, Text(256)],
            [q.Id, q.Code, q.Version, (int)q.Status, q.TitleKk, q.TitleRu, q.TitleEn, created, q.CreatedBy]);
        foreach (var s in StandardInstrument.Questions)
        {
            m.InsertData("survey_questions",
                ["Id", "QuestionnaireId", "Order", "Code", "Kind", "Index", "TextKk", "TextRu", "TextEn", "LowKk", "LowRu", "LowEn", "HighKk", "HighRu", "HighEn"],
                [Uuid, Uuid, Int, Text(40), Int, Int, Text(500), Text(500), Text(500), Text(100), Text(100), Text(100), Text(100), Text(100), Text(100)],
                [s.Id, s.QuestionnaireId, s.Order, s.Code, (int)s.Kind, (int)s.Index, s.TextKk, s.TextRu, s.TextEn, s.LowKk, s.LowRu, s.LowEn, s.HighKk, s.HighRu, s.HighEn]);
        }
        foreach (var th in StandardInstrument.Themes)
        {
            m.InsertData("survey_themes", ["Id", "Code", "NameKk", "NameRu", "NameEn", "KeywordsKk", "KeywordsRu", "KeywordsEn", "SortOrder", "UpdatedAt", "UpdatedBy"],
                [Uuid, Text(40), Text(200), Text(200), Text(200), Text(2000), Text(2000), Text(2000), Int, Time, Text(256)],
                [th.Id, th.Code, th.NameKk, th.NameRu, th.NameEn, th.KeywordsKk, th.KeywordsRu, th.KeywordsEn, th.SortOrder, created, th.UpdatedBy]);
        }
    }
}
