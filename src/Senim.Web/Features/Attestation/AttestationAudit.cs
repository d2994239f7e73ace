namespace Senim.Web.Features.Attestation;

public static class AttestationAudit
{
    public const string Campaign = "attestation_campaign";
    public const string Candidate = "attestation_candidate";
    public const string Norms = "attestation_norms";
    public const string StandardsResult = "attestation_standards_result";
    public const string Retake = "attestation_retake";
    public const string Question = "attestation_question";
    public const string Spec = "attestation_spec";
    public const string Attempt = "attestation_attempt";
    public const string Commission = "attestation_commission";
    public const string Sitting = "attestation_sitting";
    public const string Conflict = "attestation_conflict";
    public const string Vote = "attestation_vote";
    public const string Decision = "attestation_decision";
    public const string Appeal = "attestation_appeal";
}
