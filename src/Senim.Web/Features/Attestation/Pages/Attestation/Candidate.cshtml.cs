using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>One candidate for the secretary: who, why included, the timeline, every stage's results; exclude with a
/// reason, grant a retake with a reason, record an appeal's outcome. Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class CandidateModel(CandidateFiles files, CampaignService campaigns, StandardsService standards, AppealService appeals, DashboardService dashboards, IText text) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public CandidateFile Details { get; private set; } = null!;
    public IReadOnlyList<Senim.Web.Features.Audit.AuditEntry> History { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var file = await files.LoadAsync(Id, ct);
        if (file is null) return NotFound();
        Details = file;
        History = await dashboards.HistoryAsync(Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostExcludeAsync(string? reason, CancellationToken ct) =>
        Done(await campaigns.ExcludeAsync(Id, reason, User.Identity!.Name!, ct), "Attestation.Excluded");

    public async Task<IActionResult> OnPostRetakeAsync(Stage stage, string? reason, CancellationToken ct) =>
        Done(await campaigns.GrantRetakeAsync(Id, stage, reason, User.Identity!.Name!, ct), "Attestation.RetakeGranted");

    public async Task<IActionResult> OnPostCorrectAsync(string? run3, string? run100, string? pull, string? fire, string? reason, CancellationToken ct) =>
        Done(await standards.CorrectAsync(Id, new StandardsEntry(Id, run3, run100, pull, fire), reason ?? "", User.Identity!.Name!, ct), "Attestation.Corrected");

    public async Task<IActionResult> OnPostAppealAsync(Guid appealId, AppealOutcome outcome, string? note, CancellationToken ct) =>
        Done(await appeals.DecideAsync(appealId, outcome, note, User.Identity!.Name!, ct), "Attestation.AppealDecided");

    private IActionResult Done(Outcome result, string okKey) => this.Done(result, text, okKey, m => Message = m, RedirectToPage(new { id = Id }));
}
