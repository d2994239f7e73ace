using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation;

internal sealed class CampaignEntityTypeConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("attestation_campaigns");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.RuleLevels).HasMaxLength(100);
        b.Property(x => x.RuleCategories).HasMaxLength(200);
        b.Property(x => x.RuleRegions).HasMaxLength(1000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.ConfirmedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CreatedAt);
    }
}

internal sealed class CandidateEntityTypeConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> b)
    {
        b.ToTable("attestation_candidates");
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionCode).HasMaxLength(40);
        b.Property(x => x.AddedReason).HasMaxLength(1000);
        b.Property(x => x.ExclusionReason).HasMaxLength(1000);
        b.Property(x => x.ExcludedBy).HasMaxLength(256);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.DecisionConditions).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Position>().WithMany().HasForeignKey(x => x.PositionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
        // One candidacy per employee and campaign, whatever the race between the rule and a manual addition.
        b.HasIndex(x => new { x.CampaignId, x.EmployeeId }).IsUnique();
        b.HasIndex(x => new { x.CampaignId, x.RegionCode });
        b.HasIndex(x => x.EmployeeId);
        b.HasIndex(x => x.PositionId);
        b.HasIndex(x => x.UnitId);
        b.HasIndex(x => x.RegionCode);
    }
}

internal sealed class RetakeEntityTypeConfiguration : IEntityTypeConfiguration<Retake>
{
    public void Configure(EntityTypeBuilder<Retake> b)
    {
        b.ToTable("attestation_retakes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.GrantedBy).HasMaxLength(256);
        b.HasOne<Candidate>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CandidateId, x.Stage });
    }
}

internal sealed class NormEntityTypeConfiguration : IEntityTypeConfiguration<Norm>
{
    public void Configure(EntityTypeBuilder<Norm> b)
    {
        b.ToTable("attestation_norms");
        b.HasKey(x => x.Id);
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CampaignId, x.Exercise, x.Sex, x.AgeFrom }).IsUnique();
    }
}

internal sealed class StandardsResultEntityTypeConfiguration : IEntityTypeConfiguration<StandardsResult>
{
    public void Configure(EntityTypeBuilder<StandardsResult> b)
    {
        b.ToTable("attestation_standards_results");
        b.HasKey(x => x.Id);
        b.Property(x => x.Examiner).HasMaxLength(200);
        b.Property(x => x.EnteredBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Candidate>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CandidateId, x.Attempt }).IsUnique();
    }
}

internal sealed class TopicEntityTypeConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> b)
    {
        b.ToTable("attestation_topics");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(200);
        b.Property(x => x.NameKk).HasMaxLength(200);
        b.Property(x => x.NameRu).HasMaxLength(200);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class QuestionEntityTypeConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> b)
    {
        b.ToTable("attestation_questions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.TextKk).HasMaxLength(4000);
        b.Property(x => x.TextRu).HasMaxLength(4000);
        b.HasOne<Topic>().WithMany().HasForeignKey(x => x.TopicId).OnDelete(DeleteBehavior.Restrict);
        // The pairing key of the two language versions.
        b.HasIndex(x => new { x.TopicId, x.Title }).IsUnique();
    }
}

internal sealed class QuestionOptionEntityTypeConfiguration : IEntityTypeConfiguration<QuestionOption>
{
    public void Configure(EntityTypeBuilder<QuestionOption> b)
    {
        b.ToTable("attestation_question_options");
        b.HasKey(x => x.Id);
        b.Property(x => x.TextKk).HasMaxLength(1000);
        b.Property(x => x.TextRu).HasMaxLength(1000);
        b.Property(x => x.FeedbackKk).HasMaxLength(1000);
        b.Property(x => x.FeedbackRu).HasMaxLength(1000);
        b.HasOne<Question>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.QuestionId, x.Index }).IsUnique();
    }
}

internal sealed class SpecTopicEntityTypeConfiguration : IEntityTypeConfiguration<SpecTopic>
{
    public void Configure(EntityTypeBuilder<SpecTopic> b)
    {
        b.ToTable("attestation_spec_topics");
        b.HasKey(x => new { x.CampaignId, x.TopicId });
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Topic>().WithMany().HasForeignKey(x => x.TopicId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.TopicId);
    }
}

internal sealed class AttemptEntityTypeConfiguration : IEntityTypeConfiguration<Attempt>
{
    public void Configure(EntityTypeBuilder<Attempt> b)
    {
        b.ToTable("attestation_attempts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Language).HasMaxLength(5);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Candidate>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Restrict);
        // Two "start" clicks at once cannot make two first attempts.
        b.HasIndex(x => new { x.CandidateId, x.Number }).IsUnique();
    }
}

internal sealed class AttemptQuestionEntityTypeConfiguration : IEntityTypeConfiguration<AttemptQuestion>
{
    public void Configure(EntityTypeBuilder<AttemptQuestion> b)
    {
        b.ToTable("attestation_attempt_questions");
        b.HasKey(x => new { x.AttemptId, x.Position });
        b.Property(x => x.OptionOrder).HasMaxLength(200);
        b.HasOne<Attempt>().WithMany().HasForeignKey(x => x.AttemptId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Question>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        // No question twice in one attempt.
        b.HasIndex(x => new { x.AttemptId, x.QuestionId }).IsUnique();
        b.HasIndex(x => x.QuestionId);
    }
}

internal sealed class AnswerEntityTypeConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> b)
    {
        b.ToTable("attestation_answers");
        b.HasKey(x => new { x.AttemptId, x.QuestionId });
        b.Property(x => x.Response).HasMaxLength(200);
        b.HasOne<Attempt>().WithMany().HasForeignKey(x => x.AttemptId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Question>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.QuestionId);
    }
}

internal sealed class CommissionEntityTypeConfiguration : IEntityTypeConfiguration<Commission>
{
    public void Configure(EntityTypeBuilder<Commission> b)
    {
        b.ToTable("attestation_commissions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.RegionCode).HasMaxLength(40);
        b.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.RegionCode);
    }
}

internal sealed class CommissionMemberEntityTypeConfiguration : IEntityTypeConfiguration<CommissionMember>
{
    public void Configure(EntityTypeBuilder<CommissionMember> b)
    {
        b.ToTable("attestation_commission_members");
        b.HasKey(x => x.Id);
        b.Property(x => x.FullName).HasMaxLength(200);
        b.HasOne<Commission>().WithMany().HasForeignKey(x => x.CommissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SenimUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CommissionId, x.UserId }).IsUnique();
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class ConflictDeclarationEntityTypeConfiguration : IEntityTypeConfiguration<ConflictDeclaration>
{
    public void Configure(EntityTypeBuilder<ConflictDeclaration> b)
    {
        b.ToTable("attestation_conflicts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.HasOne<CommissionMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Candidate>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MemberId, x.CandidateId }).IsUnique();
        b.HasIndex(x => x.CandidateId);
    }
}

internal sealed class SittingEntityTypeConfiguration : IEntityTypeConfiguration<Sitting>
{
    public void Configure(EntityTypeBuilder<Sitting> b)
    {
        b.ToTable("attestation_sittings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Place).HasMaxLength(300);
        b.Property(x => x.ClosedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Commission>().WithMany().HasForeignKey(x => x.CommissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CampaignId, x.ScheduledAt });
        b.HasIndex(x => x.CommissionId);
    }
}

internal sealed class SittingAttendanceEntityTypeConfiguration : IEntityTypeConfiguration<SittingAttendance>
{
    public void Configure(EntityTypeBuilder<SittingAttendance> b)
    {
        b.ToTable("attestation_sitting_attendance");
        b.HasKey(x => new { x.SittingId, x.MemberId });
        b.HasOne<Sitting>().WithMany().HasForeignKey(x => x.SittingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CommissionMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.MemberId);
    }
}

internal sealed class SittingCandidateEntityTypeConfiguration : IEntityTypeConfiguration<SittingCandidate>
{
    public void Configure(EntityTypeBuilder<SittingCandidate> b)
    {
        b.ToTable("attestation_sitting_candidates");
        b.HasKey(x => new { x.SittingId, x.CandidateId });
        b.Property(x => x.Conditions).HasMaxLength(2000);
        b.HasOne<Sitting>().WithMany().HasForeignKey(x => x.SittingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Candidate>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CandidateId);
    }
}

internal sealed class VoteEntityTypeConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> b)
    {
        b.ToTable("attestation_votes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Conditions).HasMaxLength(2000);
        b.HasOne<Sitting>().WithMany().HasForeignKey(x => x.SittingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Candidate>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CommissionMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        // One vote per member, candidate and sitting.
        b.HasIndex(x => new { x.SittingId, x.CandidateId, x.MemberId }).IsUnique();
        b.HasIndex(x => x.CandidateId);
        b.HasIndex(x => x.MemberId);
    }
}

internal sealed class ProtocolEntityTypeConfiguration : IEntityTypeConfiguration<Protocol>
{
    public void Configure(EntityTypeBuilder<Protocol> b)
    {
        b.ToTable("attestation_protocols");
        b.HasKey(x => x.Id);
        b.Property(x => x.Language).HasMaxLength(5);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasOne<Sitting>().WithMany().HasForeignKey(x => x.SittingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SittingId, x.Language }).IsUnique();
        b.HasIndex(x => x.Sha256);
    }
}

internal sealed class AppealEntityTypeConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> b)
    {
        b.ToTable("attestation_appeals");
        b.HasKey(x => x.Id);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.OutcomeNote).HasMaxLength(2000);
        b.Property(x => x.DecidedBy).HasMaxLength(256);
        b.HasOne<Candidate>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CandidateId);
    }
}
