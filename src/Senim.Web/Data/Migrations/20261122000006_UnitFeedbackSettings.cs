using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Senim.Web.Data.Migrations;

/// <summary>Per-unit choice of showing staff names and badge numbers on the rating page.</summary>
[DbContext(typeof(SenimDb))]
[Migration("20261122000006_UnitFeedbackSettings")]
public sealed class UnitFeedbackSettings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable("unit_feedback_settings", t => new
        {
            UnitId = t.Column<Guid>(nullable: false),
            ShowEmployeeNames = t.Column<bool>(nullable: false),
            ShowBadgeNumbers = t.Column<bool>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            UpdatedBy = t.Column<string>(maxLength: 256, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_unit_feedback_settings", x => x.UnitId);
            t.ForeignKey("FK_unit_feedback_settings_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Cascade);
        });
    }
}
