using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Senim.Web.Features.Scoring;

internal sealed class MethodologyConfiguration : IEntityTypeConfiguration<Methodology>
{
    public void Configure(EntityTypeBuilder<Methodology> b)
    {
        b.ToTable("methodologies");
        b.HasKey(x => x.Version);
        b.Property(x => x.Version).ValueGeneratedNever();
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.ActivatedBy).HasMaxLength(256);
        b.HasIndex(x => x.Status);
    }
}

internal sealed class ScoreBucketConfiguration : IEntityTypeConfiguration<ScoreBucket>
{
    public void Configure(EntityTypeBuilder<ScoreBucket> b)
    {
        b.ToTable("score_buckets");
        b.HasKey(x => new { x.SubjectType, x.SubjectId, x.Month, x.KindId });
        b.HasIndex(x => new { x.SubjectType, x.Month });
    }
}

internal sealed class StoredScoreConfiguration : IEntityTypeConfiguration<StoredScore>
{
    public void Configure(EntityTypeBuilder<StoredScore> b)
    {
        b.ToTable("scores");
        b.HasKey(x => new { x.SubjectType, x.SubjectId, x.Period, x.Criterion, x.MethodologyVersion });
        b.Property(x => x.Period).HasMaxLength(16);
        b.Property(x => x.PeerGroup).HasMaxLength(100);
        b.Property(x => x.Reasons).HasMaxLength(200);
        b.HasIndex(x => new { x.Period, x.MethodologyVersion, x.SubjectType });
    }
}
