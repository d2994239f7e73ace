using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Attestation;

public static class AttestationApi
{
    public sealed record StartRequest(string? Language);
    public sealed record StartedDto(Guid AttemptId);
    public sealed record AnswerRequest(Guid QuestionId, int[]? Choices, bool? Truth, double? Value, int Revision);
    public sealed record AnswerSavedDto(Guid QuestionId, int Revision);
    public sealed record OptionDto(int Position, string Text);
    public sealed record QuestionDto(int Position, Guid QuestionId, string Kind, string Text, IReadOnlyList<OptionDto> Options,
        bool Answered, int Revision, IReadOnlyList<int>? Choices, bool? Truth, double? Value);
    public sealed record AttemptDto(Guid Id, int Number, string Language, DateTime StartedAt, DateTime Deadline, int RemainingSeconds, bool Finished,
        double MaxScore, double? Score, int PassPercent, bool? Passed, int Answered, IReadOnlyList<QuestionDto> Questions);
    public sealed record ImportIssueDto(int Line, string Reason);
    public sealed record VerifyDto(bool Matches, string Sha256, Guid? SittingId, string? Language, DateTime? ClosedAt, string? Commission);
    public sealed record ImportDto(int Questions, int Valid, int New, int Updated, int Unchanged, bool Imported, IReadOnlyList<ImportIssueDto> Errors);

    /// <summary>
    /// The candidate's own test (signed-in staff, only their own candidacy and attempts):
    /// POST /api/v1/attestation/candidates/{id}/attempts {language} — start (or resume the running attempt);
    /// GET /api/v1/attestation/attempts/{id} — questions, saved answers, the server's remaining time;
    /// POST /api/v1/attestation/attempts/{id}/answers {questionId, choices | truth | value, revision} — save one answer;
    /// POST /api/v1/attestation/attempts/{id}/finish.
    /// The secretary's bank (policy <see cref="AttestationPolicies.Secretary"/>): POST /api/v1/attestation/bank/import?language=kk|ru&amp;importValid=false
    /// (body: GIFT text), GET /api/v1/attestation/bank/export?language=kk|ru[&amp;topic=code].
    /// Anyone: POST /api/v1/attestation/protocols/verify (body: the PDF) — is it, byte for byte, a protocol Senim issued?
    /// </summary>
    public static IEndpointRouteBuilder MapAttestationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/attestation").WithTags("Attestation");
        var own = api.MapGroup("").RequireAuthorization(Policies.Staff);
        own.MapPost("/candidates/{id:guid}/attempts", Start).WithMetadata(new RequestSizeLimitAttribute(4 * 1024));
        own.MapGet("/attempts/{id:guid}", Get);
        own.MapPost("/attempts/{id:guid}/answers", Answer).WithMetadata(new RequestSizeLimitAttribute(8 * 1024));
        own.MapPost("/attempts/{id:guid}/finish", Finish);

        var bank = api.MapGroup("/bank").RequireAuthorization(AttestationPolicies.Secretary);
        bank.MapPost("/import", Import).WithMetadata(new RequestSizeLimitAttribute(5 * 1024 * 1024));
        bank.MapGet("/export", Export);

        api.MapPost("/protocols/verify", Verify).AllowAnonymous().DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(20 * 1024 * 1024));

        return app;
    }

    private static async Task<Results<Created<StartedDto>, ProblemHttpResult>> Start(Guid id, StartRequest? body, HttpContext http, TestService tests, IText text, CancellationToken ct)
    {
        if (http.User.EmployeeId() is not { } employee) return Outcome.Forbidden("Attestation.NotAnEmployee").Problem(text);
        var result = await tests.StartAsync(id, employee, body?.Language ?? "", ct);
        if (!result.Ok) return result.Problem(text);
        return TypedResults.Created($"/api/v1/attestation/attempts/{result.Id}", new StartedDto(result.Id!.Value));
    }

    private static async Task<Results<Ok<AttemptDto>, ProblemHttpResult>> Get(Guid id, HttpContext http, TestService tests, IText text, CancellationToken ct)
    {
        if (http.User.EmployeeId() is not { } employee) return Outcome.Forbidden("Attestation.NotAnEmployee").Problem(text);
        var view = await tests.ViewAsync(id, employee, ct);
        if (view is null) return Outcome.NotFound("Attestation.NotFound").Problem(text);
        var a = view.Attempt;
        return TypedResults.Ok(new AttemptDto(a.Id, a.Number, a.Language, a.StartedAt, a.Deadline, (int)Math.Ceiling(view.Remaining.TotalSeconds), view.Finished,
            a.MaxScore, a.Score, a.PassPercent, a.Passed, view.AnsweredCount,
            [.. view.Questions.Select(q => new QuestionDto(q.Position, q.QuestionId, q.Kind.ToString(), q.Text, [.. q.Options.Select(o => new OptionDto(o.Position, o.Text))],
                q.Answered, q.Revision, q.ChosenPositions, q.Truth, q.Value))]));
    }

    private static async Task<Results<Created<AnswerSavedDto>, Ok<AnswerSavedDto>, ProblemHttpResult>> Answer(
        Guid id, AnswerRequest body, HttpContext http, TestService tests, IText text, CancellationToken ct)
    {
        if (http.User.EmployeeId() is not { } employee) return Outcome.Forbidden("Attestation.NotAnEmployee").Problem(text);
        if (body.Revision < 0) return Outcome.Invalid("Attestation.AnswerStale").Problem(text);
        var result = await tests.AnswerAsync(id, employee, body.QuestionId, new AnswerInput(body.Choices, body.Truth, body.Value), body.Revision, ct);
        if (!result.Ok) return result.Problem(text);
        var dto = new AnswerSavedDto(body.QuestionId, (int)result.Args![0]);
        return result.Status == 201 ? TypedResults.Created($"/api/v1/attestation/attempts/{id}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<AttemptDto>, ProblemHttpResult>> Finish(Guid id, HttpContext http, TestService tests, IText text, CancellationToken ct)
    {
        if (http.User.EmployeeId() is not { } employee) return Outcome.Forbidden("Attestation.NotAnEmployee").Problem(text);
        var result = await tests.FinishOwnAsync(id, employee, ct);
        if (!result.Ok) return result.Problem(text);
        return await Get(id, http, tests, text, ct);
    }

    private static async Task<Results<Ok<ImportDto>, UnprocessableEntity<ImportDto>, ProblemHttpResult>> Import(
        string? language, bool? importValid, HttpContext http, BankService bank, IText text, CancellationToken ct)
    {
        if (language is not ("kk" or "ru")) return Outcome.Invalid("Attestation.ChooseLanguage").Problem(text);
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var gift = await reader.ReadToEndAsync(ct);
        var report = await bank.ImportAsync(language, gift, importValid == true, ct);
        var dto = new ImportDto(report.Questions, report.Valid, report.New, report.Updated, report.Unchanged, report.Imported,
            [.. report.Errors.Select(e => new ImportIssueDto(e.Line, text.Format(e.Key, e.Args)))]);
        return report.Imported ? TypedResults.Ok(dto) : TypedResults.UnprocessableEntity(dto);
    }

    private static async Task<IResult> Export(string? language, string? topic, BankService bank, IText text, CancellationToken ct)
    {
        if (language is not ("kk" or "ru")) return Outcome.Invalid("Attestation.ChooseLanguage").Problem(text);
        var gift = await bank.ExportAsync(language, string.IsNullOrWhiteSpace(topic) ? null : topic, ct);
        return TypedResults.File(Encoding.UTF8.GetBytes(gift), "text/plain; charset=utf-8", $"senim-bank-{language}.gift");
    }

    private static async Task<Results<Ok<VerifyDto>, ProblemHttpResult>> Verify(HttpContext http, ProtocolService protocols, IText text, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length == 0) return Outcome.Invalid("Attestation.VerifyEmpty").Problem(text);
        var check = await protocols.VerifyAsync(buffer.ToArray(), ct);
        return TypedResults.Ok(new VerifyDto(check.Matches, check.Sha256, check.SittingId, check.Language, check.ClosedAt, check.Commission));
    }
}
