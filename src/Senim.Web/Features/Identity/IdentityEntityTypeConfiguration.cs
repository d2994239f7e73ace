using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Identity;

internal sealed class SenimUserEntityTypeConfiguration : IEntityTypeConfiguration<SenimUser>
{
    public void Configure(EntityTypeBuilder<SenimUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.Property(x => x.Culture).HasMaxLength(5);
        b.Property(x => x.ScopeRegionCode).HasMaxLength(40);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.ScopeRegionCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.ScopeUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiKeyEntityTypeConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Prefix).HasMaxLength(16);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.RevokedBy).HasMaxLength(256);
        b.HasIndex(x => x.Hash).IsUnique();
    }
}
