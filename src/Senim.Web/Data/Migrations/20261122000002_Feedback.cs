using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Senim.Web.Data.Migrations;

/// <summary>Interactions with their one-time codes, ratings, contests; the eight standard interaction kinds.</summary>
[DbContext(typeof(SenimDb))]
[Migration("20261122000002_Feedback")]
public sealed class Feedback : Migration
{
    /// <summary>Fixed ids so that every installation names the standard kinds the same way.</summary>
    public static readonly (Guid Id, string Code, string Kk, string Ru, string En)[] StandardKinds =
    [
        (new("01930000-0000-7000-8000-000000000001"), "front-office-visit", "Фронт-офиске бару", "Посещение фронт-офиса", "Front-office visit"),
        (new("01930000-0000-7000-8000-000000000002"), "call-102-response", "102 қоңырауына әрекет ету", "Реагирование на вызов 102", "Response to a 102 call"),
        (new("01930000-0000-7000-8000-000000000003"), "traffic-stop", "Жол бойында тоқтату", "Остановка на дороге", "Traffic stop"),
        (new("01930000-0000-7000-8000-000000000004"), "victim-statement", "Жәбірленушінің арызын қабылдау", "Приём заявления потерпевшего", "Taking a victim's statement"),
        (new("01930000-0000-7000-8000-000000000005"), "offender-processing", "Құқық бұзушымен жұмыс", "Работа с правонарушителем", "Processing an offender"),
        (new("01930000-0000-7000-8000-000000000006"), "appeal-consideration", "Өтінішті қарау", "Рассмотрение обращения", "Considering an appeal"),
        (new("01930000-0000-7000-8000-000000000007"), "public-service", "Мемлекеттік қызмет көрсету", "Оказание государственной услуги", "Delivering a public service"),
        (new("01930000-0000-7000-8000-000000000008"), "consultation", "Кеңес беру", "Консультация", "Consultation"),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var m = migrationBuilder;
        m.CreateTable("interaction_kinds", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 60, nullable: false),
            NameKk = t.Column<string>(maxLength: 200, nullable: false),
            NameRu = t.Column<string>(maxLength: 200, nullable: false),
            NameEn = t.Column<string>(maxLength: 200, nullable: false),
            IsActive = t.Column<bool>(nullable: false),
            SortOrder = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_interaction_kinds", x => x.Id));
        m.CreateIndex("IX_interaction_kinds_Code", "interaction_kinds", "Code", unique: true);
        // A hand-written migration has no target model, so the data operation names its column types per provider.
        string[] types = m.IsSqlite()
            ? ["TEXT", "TEXT", "TEXT", "TEXT", "TEXT", "INTEGER", "INTEGER"]
            : ["uuid", "character varying(60)", "character varying(200)", "character varying(200)", "character varying(200)", "boolean", "integer"];
        for (var i = 0; i < StandardKinds.Length; i++)
        {
            var k = StandardKinds[i];
            m.InsertData("interaction_kinds", ["Id", "Code", "NameKk", "NameRu", "NameEn", "IsActive", "SortOrder"], types,
                [k.Id, k.Code, k.Kk, k.Ru, k.En, true, (i + 1) * 10]);
        }

        m.CreateTable("interactions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            KindId = t.Column<Guid>(nullable: false),
            UnitId = t.Column<Guid>(nullable: false),
            OccurredAt = t.Column<DateTime>(nullable: false),
            Channel = t.Column<int>(nullable: false),
            PhoneHash = t.Column<string>(maxLength: 64, nullable: true),
            Source = t.Column<int>(nullable: false),
            ExternalRef = t.Column<string>(maxLength: 100, nullable: true),
            RegisteredBy = t.Column<string>(maxLength: 256, nullable: false),
            RegisteredAt = t.Column<DateTime>(nullable: false),
            Code = t.Column<string>(maxLength: 12, nullable: false),
            ExpiresAt = t.Column<DateTime>(nullable: false),
            UsedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_interactions", x => x.Id);
            t.ForeignKey("FK_interactions_interaction_kinds_KindId", x => x.KindId, "interaction_kinds", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_interactions_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_interactions_Code", "interactions", "Code", unique: true);
        m.CreateIndex("IX_interactions_Source_RegisteredBy_ExternalRef", "interactions", ["Source", "RegisteredBy", "ExternalRef"], unique: true);
        m.CreateIndex("IX_interactions_UnitId_OccurredAt", "interactions", ["UnitId", "OccurredAt"]);
        m.CreateIndex("IX_interactions_KindId", "interactions", "KindId");

        m.CreateTable("interaction_employees", t => new
        {
            InteractionId = t.Column<Guid>(nullable: false),
            EmployeeId = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_interaction_employees", x => new { x.InteractionId, x.EmployeeId });
            t.ForeignKey("FK_interaction_employees_interactions_InteractionId", x => x.InteractionId, "interactions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_interaction_employees_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_interaction_employees_EmployeeId", "interaction_employees", "EmployeeId");

        m.CreateTable("ratings", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            InteractionId = t.Column<Guid>(nullable: false),
            UnitId = t.Column<Guid>(nullable: false),
            KindId = t.Column<Guid>(nullable: false),
            SubmittedAt = t.Column<DateTime>(nullable: false),
            Courtesy = t.Column<int>(nullable: false),
            Competence = t.Column<int>(nullable: false),
            Timeliness = t.Column<int>(nullable: false),
            Resolved = t.Column<int>(nullable: false),
            Trust = t.Column<int>(nullable: false),
            Comment = t.Column<string>(maxLength: 1000, nullable: true),
            CommentStatus = t.Column<int>(nullable: false),
            Status = t.Column<int>(nullable: false),
            HoldReason = t.Column<string>(maxLength: 200, nullable: true),
            NetworkHash = t.Column<string>(maxLength: 64, nullable: true),
            PhoneHash = t.Column<string>(maxLength: 64, nullable: true),
            Culture = t.Column<string>(maxLength: 5, nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ratings", x => x.Id);
            t.ForeignKey("FK_ratings_interactions_InteractionId", x => x.InteractionId, "interactions", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ratings_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_ratings_interaction_kinds_KindId", x => x.KindId, "interaction_kinds", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_ratings_InteractionId", "ratings", "InteractionId", unique: true);
        m.CreateIndex("IX_ratings_UnitId_SubmittedAt", "ratings", ["UnitId", "SubmittedAt"]);
        m.CreateIndex("IX_ratings_Status_SubmittedAt", "ratings", ["Status", "SubmittedAt"]);
        m.CreateIndex("IX_ratings_NetworkHash_SubmittedAt", "ratings", ["NetworkHash", "SubmittedAt"]);
        m.CreateIndex("IX_ratings_PhoneHash_SubmittedAt", "ratings", ["PhoneHash", "SubmittedAt"]);
        m.CreateIndex("IX_ratings_KindId", "ratings", "KindId");

        m.CreateTable("rating_contests", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            RatingId = t.Column<Guid>(nullable: false),
            EmployeeId = t.Column<Guid>(nullable: false),
            Reason = t.Column<string>(maxLength: 1000, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            Decision = t.Column<int>(nullable: false),
            DecidedBy = t.Column<string>(maxLength: 256, nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DecisionNote = t.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_rating_contests", x => x.Id);
            t.ForeignKey("FK_rating_contests_ratings_RatingId", x => x.RatingId, "ratings", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_rating_contests_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_rating_contests_RatingId_EmployeeId", "rating_contests", ["RatingId", "EmployeeId"], unique: true);
        m.CreateIndex("IX_rating_contests_EmployeeId_Decision", "rating_contests", ["EmployeeId", "Decision"]);
    }
}
