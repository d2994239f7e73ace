using Senim.Web.Features.Attestation;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Attestation.Pages.Me;

/// <summary>The signed-in employee's own attestation: timeline of the stages with dates, results, the computer test,
/// the decision notice and appeals. Policy: Staff (folder); only the person's own candidacies.</summary>
public sealed class AttestationModel(CandidateFiles files, TestService tests, AppealService appeals, ProtocolService protocols, TimeProvider clock, IText localizer) : PageModel
{
    public Guid? EmployeeId { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<CandidateFile> Files { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        EmployeeId = User.EmployeeId();
        Today = clock.TodayKz();
        if (EmployeeId is { } id) Files = await files.ForEmployeeAsync(id, ct);
    }

    /// <summary>The notice of decision as a PDF in kk or ru (only the candidate's own).</summary>
    public async Task<IActionResult> OnGetNoticeAsync(Guid candidateId, string? language, CancellationToken ct)
    {
        if (User.EmployeeId() is not { } id) return Forbid();
        if ((await files.ForEmployeeAsync(id, ct)).All(f => f.Candidate.Id != candidateId)) return NotFound();
        var pdf = await protocols.NoticeAsync(candidateId, language ?? "", ct);
        return pdf is null ? NotFound() : File(pdf, "application/pdf", $"senim-notice-{language}.pdf");
    }

    public async Task<IActionResult> OnPostAppealAsync(Guid candidateId, string? text, CancellationToken ct)
    {
        if (User.EmployeeId() is not { } id) return Forbid();
        var result = await appeals.FileAsync(candidateId, id, text, ct);
        return this.Done(result, localizer, "Attestation.AppealFiled", m => Message = m, RedirectToPage());
    }

    /// <summary>Starts the computer test in the chosen language (or resumes the running attempt).</summary>
    public async Task<IActionResult> OnPostStartAsync(Guid candidateId, string? language, CancellationToken ct)
    {
        if (User.EmployeeId() is not { } id) return Forbid();
        var result = await tests.StartAsync(candidateId, id, language ?? "", ct);
        if (result.Ok) return Redirect($"/Me/AttestationTest/{result.Id}");
        if (this.Refusal(result) is { } refused) return refused;
        Message = result.Reason(localizer);
        return RedirectToPage();
    }
}
