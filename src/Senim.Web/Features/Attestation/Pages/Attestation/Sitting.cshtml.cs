using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>A sitting for the secretary: the schedule of candidates, who is present (quorum), opening, progress of
/// the secret vote (counts only), closing, then the decisions and the protocols. Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class SittingModel(CommissionService commissions, ProtocolService protocols, IText text) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public SittingView View { get; private set; } = null!;
    public IReadOnlyList<CandidateRow> Schedulable { get; private set; } = [];
    public IReadOnlyList<(string Language, string Sha256)> Protocols { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var view = await commissions.ViewAsync(Id, ct);
        if (view is null) return NotFound();
        View = view;
        if (view.Sitting.Status == SittingStatus.Scheduled) Schedulable = await commissions.SchedulableAsync(Id, ct);
        Protocols = await protocols.HashesAsync(Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostScheduleAsync(Guid candidateId, DateTime? at, CancellationToken ct) =>
        Done(await commissions.ScheduleAsync(Id, candidateId, at is { } local ? KazakhstanTime.FromLocalKz(local) : null, ct), "Attestation.Scheduled");

    public async Task<IActionResult> OnPostUnscheduleAsync(Guid candidateId, CancellationToken ct) =>
        Done(await commissions.UnscheduleAsync(Id, candidateId, ct), "Attestation.Saved");

    public async Task<IActionResult> OnPostAttendanceAsync(CancellationToken ct)
    {
        var present = Request.Form["present"].Select(v => Guid.TryParse(v, CultureInfo.InvariantCulture, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return Done(await commissions.AttendanceAsync(Id, present, ct), "Attestation.Saved");
    }

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct) => Done(await commissions.OpenAsync(Id, ct), "Attestation.SittingOpened");

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => Done(await commissions.CloseAsync(Id, User.Identity!.Name!, ct), "Attestation.SittingClosedMessage");

    private IActionResult Done(Outcome result, string okKey) => this.Done(result, text, okKey, m => Message = m, RedirectToPage(new { id = Id }));
}
