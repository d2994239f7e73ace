using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Indicators;

internal sealed class IndicatorDefinitionConfiguration : IEntityTypeConfiguration<IndicatorDefinition>
{
    public void Configure(EntityTypeBuilder<IndicatorDefinition> b)
    {
        b.ToTable("indicator_definitions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Source).HasMaxLength(60);
        b.Property(x => x.Categories).HasMaxLength(200);
        b.Property(x => x.UnitKinds).HasMaxLength(200);
        b.Property(x => x.NameKk).HasMaxLength(200);
        b.Property(x => x.NameRu).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.DescriptionKk).HasMaxLength(1000);
        b.Property(x => x.DescriptionRu).HasMaxLength(1000);
        b.Property(x => x.DescriptionEn).HasMaxLength(1000);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.ActivatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Code, x.Version }).IsUnique();
        b.HasIndex(x => x.Status);
    }
}

internal sealed class ScorecardConfiguration : IEntityTypeConfiguration<Scorecard>
{
    public void Configure(EntityTypeBuilder<Scorecard> b)
    {
        b.ToTable("scorecards");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.NameKk).HasMaxLength(200);
        b.Property(x => x.NameRu).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.ActivatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Code, x.Version }).IsUnique();
        b.HasIndex(x => x.Status);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.ScorecardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScorecardItemConfiguration : IEntityTypeConfiguration<ScorecardItem>
{
    public void Configure(EntityTypeBuilder<ScorecardItem> b)
    {
        b.ToTable("scorecard_items");
        b.HasKey(x => new { x.ScorecardId, x.IndicatorCode });
        b.Property(x => x.IndicatorCode).HasMaxLength(40);
    }
}

internal sealed class ScorecardResultConfiguration : IEntityTypeConfiguration<ScorecardResult>
{
    public void Configure(EntityTypeBuilder<ScorecardResult> b)
    {
        b.ToTable("scorecard_results");
        b.HasKey(x => new { x.Period, x.Level, x.SubjectKey });
        b.Property(x => x.Period).HasMaxLength(16);
        b.Property(x => x.SubjectKey).HasMaxLength(40);
        b.Property(x => x.ScorecardCode).HasMaxLength(40);
        b.Property(x => x.PeerGroup).HasMaxLength(100);
        b.HasIndex(x => new { x.Level, x.SubjectKey });
        b.HasIndex(x => x.ComputedAt);
    }
}

internal sealed class IndicatorResultConfiguration : IEntityTypeConfiguration<IndicatorResult>
{
    public void Configure(EntityTypeBuilder<IndicatorResult> b)
    {
        b.ToTable("scorecard_indicator_results");
        b.HasKey(x => new { x.Period, x.Level, x.SubjectKey, x.IndicatorCode });
        b.Property(x => x.Period).HasMaxLength(16);
        b.Property(x => x.SubjectKey).HasMaxLength(40);
        b.Property(x => x.IndicatorCode).HasMaxLength(40);
        b.Property(x => x.Reason).HasMaxLength(60);
        b.Ignore(x => x.PointsLower);
        b.Ignore(x => x.PointsUpper);
    }
}

internal sealed class EarlyWarningFlagConfiguration : IEntityTypeConfiguration<EarlyWarningFlag>
{
    public void Configure(EntityTypeBuilder<EarlyWarningFlag> b)
    {
        b.ToTable("early_warning_flags");
        b.HasKey(x => x.Id);
        b.Property(x => x.Period).HasMaxLength(16);
        b.Property(x => x.IndicatorCode).HasMaxLength(40);
        b.Property(x => x.Evidence).HasMaxLength(2000);
        b.Property(x => x.ActionNote).HasMaxLength(1000);
        b.Property(x => x.ActionBy).HasMaxLength(256);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Level, x.SubjectId, x.Period, x.Rule, x.IndicatorCode }).IsUnique().HasDatabaseName("IX_early_warning_flags_Subject_Period_Rule");
        b.HasIndex(x => new { x.UnitId, x.Status });
        b.HasIndex(x => new { x.Status, x.DueAt });
    }
}
