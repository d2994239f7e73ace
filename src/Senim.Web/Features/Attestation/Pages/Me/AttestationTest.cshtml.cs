using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Me;

/// <summary>The computer test, one question per screen, usable without JavaScript (each answer is a form post; the
/// script only saves through the API and counts down). The server's deadline rules: a reconnect resumes with the clock
/// still running, a late answer is refused and the attempt is scored. Policy: Staff (folder); only the person's own attempt.</summary>
public sealed class AttestationTestModel(TestService tests, IText text) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "q")] public int Q { get; set; }
    public AttemptView View { get; private set; } = null!;
    public QuestionView? Current { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.EmployeeId() is not { } employee) return Forbid();
        var view = await tests.ViewAsync(Id, employee, ct);
        if (view is null) return NotFound();
        View = view;
        if (view.Questions.Count > 0) Current = view.Questions[Math.Clamp(Q, 0, view.Questions.Count - 1)];
        Q = Current?.Position ?? 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid questionId, int revision, int position, int[]? choices, string? truth, string? value, string? go, CancellationToken ct)
    {
        if (User.EmployeeId() is not { } employee) return Forbid();
        double? number = null;
        if (!string.IsNullOrWhiteSpace(value))
        {
            if (double.TryParse(value.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) number = v;
            else number = double.NaN;
        }
        var input = new AnswerInput(choices, truth is "true" ? true : truth is "false" ? false : null, number);
        var result = await tests.AnswerAsync(Id, employee, questionId, input, revision, ct);
        if (this.Refusal(result) is { } refused) return refused;
        if (!result.Ok)
        {
            Message = result.Reason(text);
            return Redirect($"/Me/AttestationTest/{Id}?q={position.ToString(CultureInfo.InvariantCulture)}");
        }
        var next = go == "prev" ? position - 1 : go == "stay" ? position : position + 1;
        return Redirect($"/Me/AttestationTest/{Id}?q={Math.Max(0, next).ToString(CultureInfo.InvariantCulture)}");
    }

    public async Task<IActionResult> OnPostFinishAsync(CancellationToken ct)
    {
        if (User.EmployeeId() is not { } employee) return Forbid();
        if (this.Refusal(await tests.FinishOwnAsync(Id, employee, ct)) is { } refused) return refused;
        return Redirect($"/Me/AttestationTest/{Id}");
    }
}
