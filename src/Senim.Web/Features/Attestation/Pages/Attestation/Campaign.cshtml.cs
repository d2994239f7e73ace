using System.ComponentModel.DataAnnotations;
using Senim.Web.Features.Attestation;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>One campaign: settings and stage dates, the rule that selects positions with a preview of the candidates
/// and their share of all staff, confirmation, and links to every stage. Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class CampaignModel(CampaignService campaigns, SenimDb db, IText text) : PageModel
{
    public sealed class SettingsInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Attestation.CampaignName")]
        public string Name { get; set; } = "";
        [Display(Name = "Attestation.Kind")] public CampaignKind Kind { get; set; }
        [Display(Name = "Attestation.StandardsFrom")] public DateOnly? StandardsFrom { get; set; }
        [Display(Name = "Attestation.StandardsTo")] public DateOnly? StandardsTo { get; set; }
        [Display(Name = "Attestation.TestFrom")] public DateOnly? TestFrom { get; set; }
        [Display(Name = "Attestation.TestTo")] public DateOnly? TestTo { get; set; }
        [Display(Name = "Attestation.InterviewFrom")] public DateOnly? InterviewFrom { get; set; }
        [Display(Name = "Attestation.InterviewTo")] public DateOnly? InterviewTo { get; set; }
        [Display(Name = "Attestation.TestMinutes")] public int TestMinutes { get; set; }
        [Display(Name = "Attestation.TestPassPercent")] public int TestPassPercent { get; set; }
        [Display(Name = "Attestation.AppealDays")] public int AppealDays { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public SettingsInput Settings { get; set; } = new();
    public Campaign Campaign { get; private set; } = null!;
    public CampaignRule Rule { get; private set; } = null!;
    public CandidatePreview? Preview { get; private set; }
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    public int ActiveCandidates { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Settings = new SettingsInput
        {
            Name = Campaign.Name, Kind = Campaign.Kind, StandardsFrom = Campaign.StandardsFrom, StandardsTo = Campaign.StandardsTo,
            TestFrom = Campaign.TestFrom, TestTo = Campaign.TestTo, InterviewFrom = Campaign.InterviewFrom, InterviewTo = Campaign.InterviewTo,
            TestMinutes = Campaign.TestMinutes, TestPassPercent = Campaign.TestPassPercent, AppealDays = Campaign.AppealDays,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        var s = new CampaignSettings(Settings.Name, Settings.Kind, Settings.StandardsFrom, Settings.StandardsTo, Settings.TestFrom, Settings.TestTo,
            Settings.InterviewFrom, Settings.InterviewTo, Settings.TestMinutes, Settings.TestPassPercent, Settings.AppealDays);
        foreach (var (field, key, args) in CampaignService.Validate(s)) ModelState.AddModelError("Settings." + field, text.Format(key, args));
        if (!ModelState.IsValid)
        {
            if (!await LoadAsync(ct)) return NotFound();
            return Page();
        }
        var result = await campaigns.UpdateSettingsAsync(Id, s, ct);
        return this.Done(result, text, "Attestation.Saved", m => Message = m, RedirectToPage(new { id = Id }));
    }

    public async Task<IActionResult> OnPostRuleAsync(ManagerialLevel[] levels, PositionCategory[] categories, string[] regions, CancellationToken ct)
    {
        var rule = new CampaignRule(levels.Where(Enum.IsDefined).ToHashSet(), categories.Where(Enum.IsDefined).ToHashSet(), regions.ToHashSet(StringComparer.Ordinal));
        var result = await campaigns.SetRuleAsync(Id, rule, ct);
        return this.Done(result, text, "Attestation.RuleSaved", m => Message = m, Redirect($"/Attestation/Campaign/{Id}#preview"));
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        var result = await campaigns.ConfirmAsync(Id, User.Identity!.Name!, ct);
        return this.Done(result, text, "Attestation.Confirmed", m => Message = m, RedirectToPage(new { id = Id }));
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        var result = await campaigns.CloseAsync(Id, User.Identity!.Name!, ct);
        return this.Done(result, text, "Attestation.CampaignClosedMessage", m => Message = m, RedirectToPage(new { id = Id }));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await campaigns.FindAsync(Id, ct);
        if (c is null) return false;
        Campaign = c;
        Rule = CampaignRule.From(c);
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Code).ToListAsync(ct);
        if (c.Status == CampaignStatus.Draft) Preview = await campaigns.PreviewAsync(Rule, 50, ct);
        ActiveCandidates = await db.AttestationCandidates.CountAsync(x => x.CampaignId == Id && x.Status == CandidateStatus.Active, ct);
        return true;
    }
}
