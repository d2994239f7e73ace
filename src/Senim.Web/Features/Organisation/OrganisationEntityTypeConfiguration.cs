using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Senim.Web.Features.Organisation;

internal sealed class RegionEntityTypeConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("regions");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.NameKk).HasMaxLength(200);
        b.Property(x => x.NameRu).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.PopulationNote).HasMaxLength(100);
    }
}

internal sealed class DistrictEntityTypeConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.ToTable("districts");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(40);
        b.Property(x => x.NameKk).HasMaxLength(200);
        b.Property(x => x.NameRu).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.RegionCode, x.NameEn }).IsUnique();
    }
}

internal sealed class UnitEntityTypeConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("units");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(60);
        b.Property(x => x.NameKk).HasMaxLength(300);
        b.Property(x => x.NameRu).HasMaxLength(300);
        b.Property(x => x.NameEn).HasMaxLength(300);
        b.Property(x => x.RegionCode).HasMaxLength(40);
        b.Property(x => x.Path).HasMaxLength(800);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.Path);
    }
}

internal sealed class PositionEntityTypeConfiguration : IEntityTypeConfiguration<Position>
{
    public void Configure(EntityTypeBuilder<Position> b)
    {
        b.ToTable("positions");
        b.HasKey(x => x.Id);
        b.Property(x => x.TitleKk).HasMaxLength(200);
        b.Property(x => x.TitleRu).HasMaxLength(200);
        b.Property(x => x.TitleEn).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.UnitId);
    }
}

internal sealed class EmployeeEntityTypeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> b)
    {
        b.ToTable("employees");
        b.HasKey(x => x.Id);
        b.Property(x => x.PersonnelNumber).HasMaxLength(20);
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.MiddleName).HasMaxLength(100);
        b.Property(x => x.BadgeNumber).HasMaxLength(20);
        b.Property(x => x.SearchText).HasMaxLength(400);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.FullName);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Position>().WithMany().HasForeignKey(x => x.PositionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.PersonnelNumber).IsUnique();
        // One holder per position; NULL (no position) may repeat on both databases.
        b.HasIndex(x => x.PositionId).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.LastName });
    }
}
