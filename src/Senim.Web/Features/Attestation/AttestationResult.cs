namespace Senim.Web.Features.Attestation;

/// <summary>The outcome of a command: done, or a localizable reason (a resource key and its arguments) with the HTTP
/// status an API answers it with.</summary>
public sealed record AttestationResult(bool Ok, string? ErrorKey = null, int Status = 200, object[]? Args = null, Guid? Id = null)
{
    public static readonly AttestationResult Done = new(true);
    public static AttestationResult Created(Guid id) => new(true, Id: id);
    public static AttestationResult Invalid(string key, params object[] args) => new(false, key, 400, args);
    public static AttestationResult NotFound(string key = "Attestation.NotFound") => new(false, key, 404);
    public static AttestationResult Conflict(string key, params object[] args) => new(false, key, 409, args);
    public static AttestationResult Forbidden(string key) => new(false, key, 403);
    public static AttestationResult Gone(string key) => new(false, key, 410);
}

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
