using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Senim.Web.Data.Migrations;

/// <summary>Attestation of managers: campaigns and candidates, stage 1 norms and results, the question bank, test
/// specifications, attempts and answers, commissions, sittings, votes, protocols and appeals. Also makes the audit
/// trail of attestation append-only in the database itself: a trigger refuses UPDATE and DELETE of any audit row whose
/// entity type starts with "attestation", whoever asks (an administrator with SQL access included).</summary>
[DbContext(typeof(SenimDb))]
[Migration("20261122000010_Attestation")]
public sealed class Attestation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var m = migrationBuilder;
        m.CreateTable("attestation_campaigns", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Kind = t.Column<int>(nullable: false),
            Status = t.Column<int>(nullable: false),
            RuleLevels = t.Column<string>(maxLength: 100, nullable: false),
            RuleCategories = t.Column<string>(maxLength: 200, nullable: false),
            RuleRegions = t.Column<string>(maxLength: 1000, nullable: false),
            StandardsFrom = t.Column<DateOnly>(nullable: true),
            StandardsTo = t.Column<DateOnly>(nullable: true),
            TestFrom = t.Column<DateOnly>(nullable: true),
            TestTo = t.Column<DateOnly>(nullable: true),
            InterviewFrom = t.Column<DateOnly>(nullable: true),
            InterviewTo = t.Column<DateOnly>(nullable: true),
            TestMinutes = t.Column<int>(nullable: false),
            TestPassPercent = t.Column<int>(nullable: false),
            AppealDays = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
            ConfirmedAt = t.Column<DateTime>(nullable: true),
            ConfirmedBy = t.Column<string>(maxLength: 256, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_attestation_campaigns", x => x.Id));
        m.CreateIndex("IX_attestation_campaigns_CreatedAt", "attestation_campaigns", "CreatedAt");

        m.CreateTable("attestation_candidates", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CampaignId = t.Column<Guid>(nullable: false),
            EmployeeId = t.Column<Guid>(nullable: false),
            PositionId = t.Column<Guid>(nullable: true),
            UnitId = t.Column<Guid>(nullable: false),
            RegionCode = t.Column<string>(maxLength: 40, nullable: true),
            Inclusion = t.Column<int>(nullable: false),
            AddedReason = t.Column<string>(maxLength: 1000, nullable: true),
            Status = t.Column<int>(nullable: false),
            ExclusionReason = t.Column<string>(maxLength: 1000, nullable: true),
            ExcludedAt = t.Column<DateTime>(nullable: true),
            ExcludedBy = t.Column<string>(maxLength: 256, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
            Decision = t.Column<int>(nullable: true),
            DecisionConditions = t.Column<string>(maxLength: 2000, nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DecidedSittingId = t.Column<Guid>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_candidates", x => x.Id);
            t.ForeignKey("FK_attestation_candidates_attestation_campaigns_CampaignId", x => x.CampaignId, "attestation_campaigns", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_attestation_candidates_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_attestation_candidates_positions_PositionId", x => x.PositionId, "positions", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_attestation_candidates_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_attestation_candidates_regions_RegionCode", x => x.RegionCode, "regions", "Code", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_candidates_CampaignId_EmployeeId", "attestation_candidates", ["CampaignId", "EmployeeId"], unique: true);
        m.CreateIndex("IX_attestation_candidates_CampaignId_RegionCode", "attestation_candidates", ["CampaignId", "RegionCode"]);
        m.CreateIndex("IX_attestation_candidates_EmployeeId", "attestation_candidates", "EmployeeId");
        m.CreateIndex("IX_attestation_candidates_PositionId", "attestation_candidates", "PositionId");
        m.CreateIndex("IX_attestation_candidates_UnitId", "attestation_candidates", "UnitId");
        m.CreateIndex("IX_attestation_candidates_RegionCode", "attestation_candidates", "RegionCode");

        m.CreateTable("attestation_retakes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CandidateId = t.Column<Guid>(nullable: false),
            Stage = t.Column<int>(nullable: false),
            Reason = t.Column<string>(maxLength: 1000, nullable: false),
            GrantedBy = t.Column<string>(maxLength: 256, nullable: false),
            GrantedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_retakes", x => x.Id);
            t.ForeignKey("FK_attestation_retakes_attestation_candidates_CandidateId", x => x.CandidateId, "attestation_candidates", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_retakes_CandidateId_Stage", "attestation_retakes", ["CandidateId", "Stage"]);

        m.CreateTable("attestation_norms", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CampaignId = t.Column<Guid>(nullable: false),
            Exercise = t.Column<int>(nullable: false),
            Sex = t.Column<int>(nullable: false),
            AgeFrom = t.Column<int>(nullable: false),
            AgeTo = t.Column<int>(nullable: false),
            Threshold = t.Column<double>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_norms", x => x.Id);
            t.ForeignKey("FK_attestation_norms_attestation_campaigns_CampaignId", x => x.CampaignId, "attestation_campaigns", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_attestation_norms_CampaignId_Exercise_Sex_AgeFrom", "attestation_norms", ["CampaignId", "Exercise", "Sex", "AgeFrom"], unique: true);

        m.CreateTable("attestation_standards_results", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CandidateId = t.Column<Guid>(nullable: false),
            Attempt = t.Column<int>(nullable: false),
            TakenOn = t.Column<DateOnly>(nullable: false),
            Run3KmSeconds = t.Column<double>(nullable: true),
            Run100MSeconds = t.Column<double>(nullable: true),
            PullUps = t.Column<int>(nullable: true),
            FirearmsScore = t.Column<int>(nullable: true),
            Passed = t.Column<bool>(nullable: false),
            Examiner = t.Column<string>(maxLength: 200, nullable: false),
            EnteredBy = t.Column<string>(maxLength: 256, nullable: false),
            EnteredAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_standards_results", x => x.Id);
            t.ForeignKey("FK_attestation_standards_results_attestation_candidates_CandidateId", x => x.CandidateId, "attestation_candidates", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_standards_results_CandidateId_Attempt", "attestation_standards_results", ["CandidateId", "Attempt"], unique: true);

        m.CreateTable("attestation_topics", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 200, nullable: false),
            NameKk = t.Column<string>(maxLength: 200, nullable: false),
            NameRu = t.Column<string>(maxLength: 200, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_attestation_topics", x => x.Id));
        m.CreateIndex("IX_attestation_topics_Code", "attestation_topics", "Code", unique: true);

        m.CreateTable("attestation_questions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            TopicId = t.Column<Guid>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Kind = t.Column<int>(nullable: false),
            TextKk = t.Column<string>(maxLength: 4000, nullable: true),
            TextRu = t.Column<string>(maxLength: 4000, nullable: true),
            Truth = t.Column<bool>(nullable: true),
            Points = t.Column<double>(nullable: false),
            IsActive = t.Column<bool>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_questions", x => x.Id);
            t.ForeignKey("FK_attestation_questions_attestation_topics_TopicId", x => x.TopicId, "attestation_topics", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_questions_TopicId_Title", "attestation_questions", ["TopicId", "Title"], unique: true);

        m.CreateTable("attestation_question_options", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            QuestionId = t.Column<Guid>(nullable: false),
            Index = t.Column<int>(nullable: false),
            TextKk = t.Column<string>(maxLength: 1000, nullable: true),
            TextRu = t.Column<string>(maxLength: 1000, nullable: true),
            FeedbackKk = t.Column<string>(maxLength: 1000, nullable: true),
            FeedbackRu = t.Column<string>(maxLength: 1000, nullable: true),
            Fraction = t.Column<double>(nullable: false),
            Value = t.Column<double>(nullable: true),
            Tolerance = t.Column<double>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_question_options", x => x.Id);
            t.ForeignKey("FK_attestation_question_options_attestation_questions_QuestionId", x => x.QuestionId, "attestation_questions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_attestation_question_options_QuestionId_Index", "attestation_question_options", ["QuestionId", "Index"], unique: true);

        m.CreateTable("attestation_spec_topics", t => new
        {
            CampaignId = t.Column<Guid>(nullable: false),
            TopicId = t.Column<Guid>(nullable: false),
            Count = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_spec_topics", x => new { x.CampaignId, x.TopicId });
            t.ForeignKey("FK_attestation_spec_topics_attestation_campaigns_CampaignId", x => x.CampaignId, "attestation_campaigns", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_attestation_spec_topics_attestation_topics_TopicId", x => x.TopicId, "attestation_topics", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_spec_topics_TopicId", "attestation_spec_topics", "TopicId");

        m.CreateTable("attestation_attempts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CandidateId = t.Column<Guid>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Language = t.Column<string>(maxLength: 5, nullable: false),
            StartedAt = t.Column<DateTime>(nullable: false),
            Deadline = t.Column<DateTime>(nullable: false),
            FinishedAt = t.Column<DateTime>(nullable: true),
            MaxScore = t.Column<double>(nullable: false),
            Score = t.Column<double>(nullable: true),
            PassPercent = t.Column<int>(nullable: false),
            Passed = t.Column<bool>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_attempts", x => x.Id);
            t.ForeignKey("FK_attestation_attempts_attestation_candidates_CandidateId", x => x.CandidateId, "attestation_candidates", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_attempts_CandidateId_Number", "attestation_attempts", ["CandidateId", "Number"], unique: true);

        m.CreateTable("attestation_attempt_questions", t => new
        {
            AttemptId = t.Column<Guid>(nullable: false),
            Position = t.Column<int>(nullable: false),
            QuestionId = t.Column<Guid>(nullable: false),
            Slot = t.Column<int>(nullable: false),
            OptionOrder = t.Column<string>(maxLength: 200, nullable: false),
            MaxMark = t.Column<double>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_attempt_questions", x => new { x.AttemptId, x.Position });
            t.ForeignKey("FK_attestation_attempt_questions_attestation_attempts_AttemptId", x => x.AttemptId, "attestation_attempts", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_attestation_attempt_questions_attestation_questions_QuestionId", x => x.QuestionId, "attestation_questions", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_attempt_questions_AttemptId_QuestionId", "attestation_attempt_questions", ["AttemptId", "QuestionId"], unique: true);
        m.CreateIndex("IX_attestation_attempt_questions_QuestionId", "attestation_attempt_questions", "QuestionId");

        m.CreateTable("attestation_answers", t => new
        {
            AttemptId = t.Column<Guid>(nullable: false),
            QuestionId = t.Column<Guid>(nullable: false),
            Response = t.Column<string>(maxLength: 200, nullable: false),
            Mark = t.Column<double>(nullable: false),
            AnsweredAt = t.Column<DateTime>(nullable: false),
            Revision = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_answers", x => new { x.AttemptId, x.QuestionId });
            t.ForeignKey("FK_attestation_answers_attestation_attempts_AttemptId", x => x.AttemptId, "attestation_attempts", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_attestation_answers_attestation_questions_QuestionId", x => x.QuestionId, "attestation_questions", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_answers_QuestionId", "attestation_answers", "QuestionId");

        m.CreateTable("attestation_commissions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 300, nullable: false),
            Level = t.Column<int>(nullable: false),
            RegionCode = t.Column<string>(maxLength: 40, nullable: true),
            QuorumNumerator = t.Column<int>(nullable: false),
            QuorumDenominator = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_commissions", x => x.Id);
            t.ForeignKey("FK_attestation_commissions_regions_RegionCode", x => x.RegionCode, "regions", "Code", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_commissions_RegionCode", "attestation_commissions", "RegionCode");

        m.CreateTable("attestation_commission_members", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CommissionId = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: true),
            FullName = t.Column<string>(maxLength: 200, nullable: false),
            Role = t.Column<int>(nullable: false),
            Organisation = t.Column<int>(nullable: false),
            IsActive = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_commission_members", x => x.Id);
            t.ForeignKey("FK_attestation_commission_members_attestation_commissions_CommissionId", x => x.CommissionId, "attestation_commissions", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_attestation_commission_members_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_commission_members_CommissionId_UserId", "attestation_commission_members", ["CommissionId", "UserId"], unique: true);
        m.CreateIndex("IX_attestation_commission_members_UserId", "attestation_commission_members", "UserId");

        m.CreateTable("attestation_conflicts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            CandidateId = t.Column<Guid>(nullable: false),
            Reason = t.Column<string>(maxLength: 1000, nullable: false),
            DeclaredAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_conflicts", x => x.Id);
            t.ForeignKey("FK_attestation_conflicts_attestation_commission_members_MemberId", x => x.MemberId, "attestation_commission_members", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_attestation_conflicts_attestation_candidates_CandidateId", x => x.CandidateId, "attestation_candidates", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_conflicts_MemberId_CandidateId", "attestation_conflicts", ["MemberId", "CandidateId"], unique: true);
        m.CreateIndex("IX_attestation_conflicts_CandidateId", "attestation_conflicts", "CandidateId");

        m.CreateTable("attestation_sittings", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CampaignId = t.Column<Guid>(nullable: false),
            CommissionId = t.Column<Guid>(nullable: false),
            ScheduledAt = t.Column<DateTime>(nullable: false),
            Place = t.Column<string>(maxLength: 300, nullable: false),
            Status = t.Column<int>(nullable: false),
            OpenedAt = t.Column<DateTime>(nullable: true),
            ClosedAt = t.Column<DateTime>(nullable: true),
            ClosedBy = t.Column<string>(maxLength: 256, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_sittings", x => x.Id);
            t.ForeignKey("FK_attestation_sittings_attestation_campaigns_CampaignId", x => x.CampaignId, "attestation_campaigns", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_attestation_sittings_attestation_commissions_CommissionId", x => x.CommissionId, "attestation_commissions", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_sittings_CampaignId_ScheduledAt", "attestation_sittings", ["CampaignId", "ScheduledAt"]);
        m.CreateIndex("IX_attestation_sittings_CommissionId", "attestation_sittings", "CommissionId");

        m.CreateTable("attestation_sitting_attendance", t => new
        {
            SittingId = t.Column<Guid>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            Present = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_sitting_attendance", x => new { x.SittingId, x.MemberId });
            t.ForeignKey("FK_attestation_sitting_attendance_attestation_sittings_SittingId", x => x.SittingId, "attestation_sittings", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_attestation_sitting_attendance_attestation_commission_members_MemberId", x => x.MemberId, "attestation_commission_members", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_sitting_attendance_MemberId", "attestation_sitting_attendance", "MemberId");

        m.CreateTable("attestation_sitting_candidates", t => new
        {
            SittingId = t.Column<Guid>(nullable: false),
            CandidateId = t.Column<Guid>(nullable: false),
            Order = t.Column<int>(nullable: false),
            ScheduledAt = t.Column<DateTime>(nullable: true),
            Decision = t.Column<int>(nullable: true),
            Conditions = t.Column<string>(maxLength: 2000, nullable: true),
            VotesFits = t.Column<int>(nullable: false),
            VotesConditions = t.Column<int>(nullable: false),
            VotesNotFit = t.Column<int>(nullable: false),
            ChairDecided = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_sitting_candidates", x => new { x.SittingId, x.CandidateId });
            t.ForeignKey("FK_attestation_sitting_candidates_attestation_sittings_SittingId", x => x.SittingId, "attestation_sittings", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_attestation_sitting_candidates_attestation_candidates_CandidateId", x => x.CandidateId, "attestation_candidates", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_sitting_candidates_CandidateId", "attestation_sitting_candidates", "CandidateId");

        m.CreateTable("attestation_votes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            SittingId = t.Column<Guid>(nullable: false),
            CandidateId = t.Column<Guid>(nullable: false),
            MemberId = t.Column<Guid>(nullable: false),
            Choice = t.Column<int>(nullable: false),
            Conditions = t.Column<string>(maxLength: 2000, nullable: true),
            CastAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_votes", x => x.Id);
            t.ForeignKey("FK_attestation_votes_attestation_sittings_SittingId", x => x.SittingId, "attestation_sittings", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_attestation_votes_attestation_candidates_CandidateId", x => x.CandidateId, "attestation_candidates", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_attestation_votes_attestation_commission_members_MemberId", x => x.MemberId, "attestation_commission_members", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_votes_SittingId_CandidateId_MemberId", "attestation_votes", ["SittingId", "CandidateId", "MemberId"], unique: true);
        m.CreateIndex("IX_attestation_votes_CandidateId", "attestation_votes", "CandidateId");
        m.CreateIndex("IX_attestation_votes_MemberId", "attestation_votes", "MemberId");

        m.CreateTable("attestation_protocols", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            SittingId = t.Column<Guid>(nullable: false),
            Language = t.Column<string>(maxLength: 5, nullable: false),
            Pdf = t.Column<byte[]>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_protocols", x => x.Id);
            t.ForeignKey("FK_attestation_protocols_attestation_sittings_SittingId", x => x.SittingId, "attestation_sittings", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_protocols_SittingId_Language", "attestation_protocols", ["SittingId", "Language"], unique: true);
        m.CreateIndex("IX_attestation_protocols_Sha256", "attestation_protocols", "Sha256");

        m.CreateTable("attestation_appeals", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CandidateId = t.Column<Guid>(nullable: false),
            FiledAt = t.Column<DateTime>(nullable: false),
            Text = t.Column<string>(maxLength: 4000, nullable: false),
            Outcome = t.Column<int>(nullable: false),
            OutcomeNote = t.Column<string>(maxLength: 2000, nullable: true),
            DecidedBy = t.Column<string>(maxLength: 256, nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attestation_appeals", x => x.Id);
            t.ForeignKey("FK_attestation_appeals_attestation_candidates_CandidateId", x => x.CandidateId, "attestation_candidates", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_attestation_appeals_CandidateId", "attestation_appeals", "CandidateId");

        // The attestation audit trail is append-only for everyone, enforced by the database.
        if (m.IsSqlite())
        {
            m.Sql("""
                CREATE TRIGGER audit_entries_attestation_no_update BEFORE UPDATE ON audit_entries
                WHEN OLD.EntityType LIKE 'attestation%'
                BEGIN SELECT RAISE(ABORT, 'attestation audit entries are append-only'); END;
                """);
            m.Sql("""
                CREATE TRIGGER audit_entries_attestation_no_delete BEFORE DELETE ON audit_entries
                WHEN OLD.EntityType LIKE 'attestation%'
                BEGIN SELECT RAISE(ABORT, 'attestation audit entries are append-only'); END;
                """);
        }
        else
        {
            m.Sql("""
                CREATE FUNCTION audit_entries_attestation_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."EntityType" LIKE 'attestation%' THEN
                        RAISE EXCEPTION 'attestation audit entries are append-only';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                """);
            m.Sql("""
                CREATE TRIGGER audit_entries_attestation_append_only BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_attestation_append_only();
                """);
            // TRUNCATE bypasses row triggers; refuse it too.
            m.Sql("""
                CREATE FUNCTION audit_entries_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$;
                """);
            m.Sql("""
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_no_truncate();
                """);
        }
    }
}
