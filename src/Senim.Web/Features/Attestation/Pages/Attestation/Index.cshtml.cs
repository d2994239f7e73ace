using System.ComponentModel.DataAnnotations;
using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>Attestation campaigns and a form to start a new one. Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class IndexModel(CampaignService campaigns, SenimDb db, IText text) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Attestation.CampaignName")]
        public string Name { get; set; } = "";
        [Display(Name = "Attestation.Kind")] public CampaignKind Kind { get; set; } = CampaignKind.Extraordinary;
    }

    public sealed record Row(Campaign Campaign, int Candidates);

    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<Row> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) { await LoadAsync(ct); return Page(); }
        var settings = new CampaignSettings(Input.Name, Input.Kind, null, null, null, null, null, null, 60, 70, 10);
        foreach (var (field, key, args) in CampaignService.Validate(settings)) ModelState.AddModelError("Input." + field, text.Format(key, args));
        if (!ModelState.IsValid) { await LoadAsync(ct); return Page(); }
        var c = await campaigns.CreateAsync(settings, User.Identity!.Name!, ct);
        return RedirectToPage("Campaign", new { id = c.Id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = await campaigns.ListAsync(ct);
        var counts = await db.AttestationCandidates.AsNoTracking().Where(c => c.Status == CandidateStatus.Active)
            .GroupBy(c => c.CampaignId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Campaigns = [.. list.Select(c => new Row(c, counts.GetValueOrDefault(c.Id)))];
    }
}
