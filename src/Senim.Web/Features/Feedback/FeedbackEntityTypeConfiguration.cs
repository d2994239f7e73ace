using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Feedback;

internal sealed class InteractionKindEntityTypeConfiguration : IEntityTypeConfiguration<InteractionKind>
{
    public void Configure(EntityTypeBuilder<InteractionKind> b)
    {
        b.ToTable("interaction_kinds");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(60);
        b.Property(x => x.NameKk).HasMaxLength(200);
        b.Property(x => x.NameRu).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class InteractionEntityTypeConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> b)
    {
        b.ToTable("interactions");
        b.HasKey(x => x.Id);
        b.Property(x => x.PhoneHash).HasMaxLength(64);
        b.Property(x => x.ExternalRef).HasMaxLength(100);
        b.Property(x => x.RegisteredBy).HasMaxLength(256);
        b.Property(x => x.Code).HasMaxLength(12);
        b.HasOne<InteractionKind>().WithMany().HasForeignKey(x => x.KindId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => new { x.Source, x.RegisteredBy, x.ExternalRef }).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.OccurredAt });
        b.HasIndex(x => x.KindId);
    }
}

internal sealed class InteractionEmployeeEntityTypeConfiguration : IEntityTypeConfiguration<InteractionEmployee>
{
    public void Configure(EntityTypeBuilder<InteractionEmployee> b)
    {
        b.ToTable("interaction_employees");
        b.HasKey(x => new { x.InteractionId, x.EmployeeId });
        b.HasOne<Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.EmployeeId);
    }
}

internal sealed class RatingEntityTypeConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> b)
    {
        b.ToTable("ratings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Comment).HasMaxLength(1000);
        b.Property(x => x.HoldReason).HasMaxLength(200);
        b.Property(x => x.NetworkHash).HasMaxLength(64);
        b.Property(x => x.PhoneHash).HasMaxLength(64);
        b.Property(x => x.Culture).HasMaxLength(5);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Interaction>().WithMany().HasForeignKey(x => x.InteractionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InteractionKind>().WithMany().HasForeignKey(x => x.KindId).OnDelete(DeleteBehavior.Restrict);
        // One rating per interaction: the database itself refuses a second one.
        b.HasIndex(x => x.InteractionId).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.SubmittedAt });
        b.HasIndex(x => new { x.Status, x.SubmittedAt });
        b.HasIndex(x => new { x.NetworkHash, x.SubmittedAt });
        b.HasIndex(x => new { x.PhoneHash, x.SubmittedAt });
        b.HasIndex(x => x.KindId);
    }
}

internal sealed class RatingContestEntityTypeConfiguration : IEntityTypeConfiguration<RatingContest>
{
    public void Configure(EntityTypeBuilder<RatingContest> b)
    {
        b.ToTable("rating_contests");
        b.HasKey(x => x.Id);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.DecidedBy).HasMaxLength(256);
        b.Property(x => x.DecisionNote).HasMaxLength(1000);
        b.HasOne<Rating>().WithMany().HasForeignKey(x => x.RatingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.RatingId, x.EmployeeId }).IsUnique();
        b.HasIndex(x => new { x.EmployeeId, x.Decision });
    }
}

internal sealed class UnitFeedbackSettingsEntityTypeConfiguration : IEntityTypeConfiguration<UnitFeedbackSettings>
{
    public void Configure(EntityTypeBuilder<UnitFeedbackSettings> b)
    {
        b.ToTable("unit_feedback_settings");
        b.HasKey(x => x.UnitId);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.HasOne<Unit>().WithOne().HasForeignKey<UnitFeedbackSettings>(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
