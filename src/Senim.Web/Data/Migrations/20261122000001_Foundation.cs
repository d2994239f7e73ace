using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Senim.Web.Data.Migrations;

/// <summary>Organisation, identity, API keys and audit. Written by hand (see docs/decisions/002): column types are
/// left to the provider, so the same migration yields TEXT/INTEGER on SQLite and uuid/varchar/timestamptz on
/// PostgreSQL. SchemaMatchesModelTests proves the result equals the EF model on both.</summary>
[DbContext(typeof(SenimDb))]
[Migration("20261122000001_Foundation")]
public sealed class Foundation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var m = migrationBuilder;
        m.CreateTable("regions", t => new
        {
            Code = t.Column<string>(maxLength: 40, nullable: false),
            Kind = t.Column<int>(nullable: false),
            NameKk = t.Column<string>(maxLength: 200, nullable: false),
            NameRu = t.Column<string>(maxLength: 200, nullable: false),
            NameEn = t.Column<string>(maxLength: 200, nullable: false),
            Population = t.Column<long>(nullable: false),
            PopulationNote = t.Column<string>(maxLength: 100, nullable: true),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_regions", x => x.Code));

        m.CreateTable("districts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            RegionCode = t.Column<string>(maxLength: 40, nullable: false),
            Kind = t.Column<int>(nullable: false),
            NameKk = t.Column<string>(maxLength: 200, nullable: false),
            NameRu = t.Column<string>(maxLength: 200, nullable: false),
            NameEn = t.Column<string>(maxLength: 200, nullable: false),
            Population = t.Column<long>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_districts", x => x.Id);
            t.ForeignKey("FK_districts_regions_RegionCode", x => x.RegionCode, "regions", "Code", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_districts_RegionCode_NameEn", "districts", ["RegionCode", "NameEn"], unique: true);

        m.CreateTable("units", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ParentId = t.Column<Guid>(nullable: true),
            Kind = t.Column<int>(nullable: false),
            Code = t.Column<string>(maxLength: 60, nullable: false),
            NameKk = t.Column<string>(maxLength: 300, nullable: false),
            NameRu = t.Column<string>(maxLength: 300, nullable: false),
            NameEn = t.Column<string>(maxLength: 300, nullable: false),
            RegionCode = t.Column<string>(maxLength: 40, nullable: true),
            DistrictId = t.Column<Guid>(nullable: true),
            Path = t.Column<string>(maxLength: 800, nullable: false),
            Depth = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_units", x => x.Id);
            t.ForeignKey("FK_units_units_ParentId", x => x.ParentId, "units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_units_regions_RegionCode", x => x.RegionCode, "regions", "Code", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_units_districts_DistrictId", x => x.DistrictId, "districts", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_units_Code", "units", "Code", unique: true);
        m.CreateIndex("IX_units_Path", "units", "Path");
        m.CreateIndex("IX_units_ParentId", "units", "ParentId");
        m.CreateIndex("IX_units_RegionCode", "units", "RegionCode");
        m.CreateIndex("IX_units_DistrictId", "units", "DistrictId");

        m.CreateTable("positions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            UnitId = t.Column<Guid>(nullable: false),
            TitleKk = t.Column<string>(maxLength: 200, nullable: false),
            TitleRu = t.Column<string>(maxLength: 200, nullable: false),
            TitleEn = t.Column<string>(maxLength: 200, nullable: false),
            Category = t.Column<int>(nullable: false),
            Level = t.Column<int>(nullable: false),
            BaseSalaryKzt = t.Column<long>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_positions", x => x.Id);
            t.ForeignKey("FK_positions_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_positions_UnitId", "positions", "UnitId");

        m.CreateTable("employees", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PersonnelNumber = t.Column<string>(maxLength: 20, nullable: false),
            LastName = t.Column<string>(maxLength: 100, nullable: false),
            FirstName = t.Column<string>(maxLength: 100, nullable: false),
            MiddleName = t.Column<string>(maxLength: 100, nullable: true),
            Sex = t.Column<int>(nullable: false),
            BirthDate = t.Column<DateOnly>(nullable: false),
            UnitId = t.Column<Guid>(nullable: false),
            PositionId = t.Column<Guid>(nullable: true),
            HireDate = t.Column<DateOnly>(nullable: false),
            BadgeNumber = t.Column<string>(maxLength: 20, nullable: true),
            SearchText = t.Column<string>(maxLength: 400, nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_employees", x => x.Id);
            t.ForeignKey("FK_employees_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_employees_positions_PositionId", x => x.PositionId, "positions", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_employees_PersonnelNumber", "employees", "PersonnelNumber", unique: true);
        m.CreateIndex("IX_employees_PositionId", "employees", "PositionId", unique: true);
        m.CreateIndex("IX_employees_UnitId_LastName", "employees", ["UnitId", "LastName"]);

        m.CreateTable("api_keys", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Prefix = t.Column<string>(maxLength: 16, nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
            RevokedAt = t.Column<DateTime>(nullable: true),
            RevokedBy = t.Column<string>(maxLength: 256, nullable: true),
            LastUsedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_api_keys", x => x.Id));
        m.CreateIndex("IX_api_keys_Hash", "api_keys", "Hash", unique: true);

        m.CreateTable("audit_entries", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            UserId = t.Column<Guid>(nullable: true),
            Actor = t.Column<string>(maxLength: 256, nullable: false),
            Action = t.Column<string>(maxLength: 100, nullable: false),
            EntityType = t.Column<string>(maxLength: 100, nullable: false),
            EntityId = t.Column<string>(maxLength: 100, nullable: true),
            Before = t.Column<string>(nullable: true),
            After = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_audit_entries", x => x.Id));
        m.CreateIndex("IX_audit_entries_At", "audit_entries", "At");
        m.CreateIndex("IX_audit_entries_EntityType_EntityId", "audit_entries", ["EntityType", "EntityId"]);

        // ASP.NET Core Identity (schema version 1), with Senim's scope columns on the user.
        m.CreateTable("AspNetRoles", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedName = t.Column<string>(maxLength: 256, nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));
        m.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);

        m.CreateTable("AspNetUsers", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            DisplayName = t.Column<string>(maxLength: 200, nullable: false),
            Culture = t.Column<string>(maxLength: 5, nullable: true),
            ScopeRegionCode = t.Column<string>(maxLength: 40, nullable: true),
            ScopeUnitId = t.Column<Guid>(nullable: true),
            EmployeeId = t.Column<Guid>(nullable: true),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>(nullable: false),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            PhoneNumber = t.Column<string>(nullable: true),
            PhoneNumberConfirmed = t.Column<bool>(nullable: false),
            TwoFactorEnabled = t.Column<bool>(nullable: false),
            LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = t.Column<bool>(nullable: false),
            AccessFailedCount = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUsers", x => x.Id);
            t.ForeignKey("FK_AspNetUsers_regions_ScopeRegionCode", x => x.ScopeRegionCode, "regions", "Code", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_AspNetUsers_units_ScopeUnitId", x => x.ScopeUnitId, "units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_AspNetUsers_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        m.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        m.CreateIndex("IX_AspNetUsers_ScopeRegionCode", "AspNetUsers", "ScopeRegionCode");
        m.CreateIndex("IX_AspNetUsers_ScopeUnitId", "AspNetUsers", "ScopeUnitId");
        m.CreateIndex("IX_AspNetUsers_EmployeeId", "AspNetUsers", "EmployeeId");

        m.CreateTable("AspNetRoleClaims", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            RoleId = t.Column<Guid>(nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
            t.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");

        m.CreateTable("AspNetUserClaims", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            UserId = t.Column<Guid>(nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
            t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");

        m.CreateTable("AspNetUserLogins", t => new
        {
            LoginProvider = t.Column<string>(nullable: false),
            ProviderKey = t.Column<string>(nullable: false),
            ProviderDisplayName = t.Column<string>(nullable: true),
            UserId = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");

        m.CreateTable("AspNetUserRoles", t => new
        {
            UserId = t.Column<Guid>(nullable: false),
            RoleId = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
            t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");

        m.CreateTable("AspNetUserTokens", t => new
        {
            UserId = t.Column<Guid>(nullable: false),
            LoginProvider = t.Column<string>(nullable: false),
            Name = t.Column<string>(nullable: false),
            Value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
    }
}
