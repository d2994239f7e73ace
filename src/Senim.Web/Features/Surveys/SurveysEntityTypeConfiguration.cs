using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Surveys;

internal sealed class QuestionnaireEntityTypeConfiguration : IEntityTypeConfiguration<Questionnaire>
{
    public void Configure(EntityTypeBuilder<Questionnaire> b)
    {
        b.ToTable("questionnaires");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.TitleKk).HasMaxLength(200);
        b.Property(x => x.TitleRu).HasMaxLength(200);
        b.Property(x => x.TitleEn).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Code, x.Version }).IsUnique();
    }
}

internal sealed class SurveyQuestionEntityTypeConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> b)
    {
        b.ToTable("survey_questions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.TextKk).HasMaxLength(500);
        b.Property(x => x.TextRu).HasMaxLength(500);
        b.Property(x => x.TextEn).HasMaxLength(500);
        b.Property(x => x.LowKk).HasMaxLength(100);
        b.Property(x => x.LowRu).HasMaxLength(100);
        b.Property(x => x.LowEn).HasMaxLength(100);
        b.Property(x => x.HighKk).HasMaxLength(100);
        b.Property(x => x.HighRu).HasMaxLength(100);
        b.Property(x => x.HighEn).HasMaxLength(100);
        b.HasOne<Questionnaire>().WithMany().HasForeignKey(x => x.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.QuestionnaireId, x.Code }).IsUnique();
    }
}

internal sealed class WaveEntityTypeConfiguration : IEntityTypeConfiguration<Wave>
{
    public void Configure(EntityTypeBuilder<Wave> b)
    {
        b.ToTable("survey_waves");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.NameKk).HasMaxLength(200);
        b.Property(x => x.NameRu).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.HasOne<Questionnaire>().WithMany().HasForeignKey(x => x.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.QuestionnaireId);
        b.HasIndex(x => x.PeriodStart);
    }
}

internal sealed class WaveDistrictEntityTypeConfiguration : IEntityTypeConfiguration<WaveDistrict>
{
    public void Configure(EntityTypeBuilder<WaveDistrict> b)
    {
        b.ToTable("survey_wave_districts");
        b.HasKey(x => new { x.WaveId, x.DistrictId });
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.DistrictId);
    }
}

internal sealed class SurveyResponseEntityTypeConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.ToTable("survey_responses");
        b.HasKey(x => x.Id);
        b.Property(x => x.AgeBand).HasMaxLength(8);
        b.Property(x => x.Sex).HasMaxLength(1);
        b.Property(x => x.Culture).HasMaxLength(5);
        b.Property(x => x.DeviceHash).HasMaxLength(64);
        b.Property(x => x.PhoneHash).HasMaxLength(64);
        b.Property(x => x.ImportedBy).HasMaxLength(256);
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Questionnaire>().WithMany().HasForeignKey(x => x.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        // One response per device and per phone in a wave: the database itself refuses a second one (NULLs are distinct).
        b.HasIndex(x => new { x.WaveId, x.DeviceHash }).IsUnique();
        b.HasIndex(x => new { x.WaveId, x.PhoneHash }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.WaveId });
        b.HasIndex(x => x.QuestionnaireId);
    }
}

internal sealed class SurveyAnswerEntityTypeConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> b)
    {
        b.ToTable("survey_answers");
        b.HasKey(x => new { x.ResponseId, x.QuestionId });
        b.Property(x => x.Text).HasMaxLength(1000);
        b.HasOne<SurveyResponse>().WithMany().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SurveyQuestion>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.QuestionId);
    }
}

internal sealed class DistrictMarginEntityTypeConfiguration : IEntityTypeConfiguration<DistrictMargin>
{
    public void Configure(EntityTypeBuilder<DistrictMargin> b)
    {
        b.ToTable("district_margins");
        b.HasKey(x => new { x.DistrictId, x.Variable, x.Category });
        b.Property(x => x.Variable).HasMaxLength(20);
        b.Property(x => x.Category).HasMaxLength(20);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyThemeEntityTypeConfiguration : IEntityTypeConfiguration<SurveyTheme>
{
    public void Configure(EntityTypeBuilder<SurveyTheme> b)
    {
        b.ToTable("survey_themes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.NameKk).HasMaxLength(200);
        b.Property(x => x.NameRu).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.KeywordsKk).HasMaxLength(2000);
        b.Property(x => x.KeywordsRu).HasMaxLength(2000);
        b.Property(x => x.KeywordsEn).HasMaxLength(2000);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.HasIndex(x => x.Code).IsUnique();
    }
}
