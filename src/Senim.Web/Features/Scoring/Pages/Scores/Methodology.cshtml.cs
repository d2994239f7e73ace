using System.ComponentModel.DataAnnotations;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Scoring.Pages.Scores;

/// <summary>The scoring methodology's versions: everyone with OrganisationRead sees them; administrators and national analysts
/// create a draft, edit it, preview it against the active version on real ratings, and activate it.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class MethodologyModel(MethodologyService methods, IText text) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Methodology.HalfLifeDays")] public double? HalfLifeDays { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Methodology.MinimumEffectiveN")] public double? MinimumEffectiveN { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Methodology.MaximumIntervalWidth")] public double? MaximumIntervalWidth { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Methodology.BetweenVarianceFloor")] public double? BetweenVarianceFloor { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Methodology.SatisfiedThreshold")] public double? SatisfiedThreshold { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Methodology.WeightCourtesy")] public double? WeightCourtesy { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Methodology.WeightCompetence")] public double? WeightCompetence { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Methodology.WeightTimeliness")] public double? WeightTimeliness { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Methodology.WeightResolved")] public double? WeightResolved { get; set; }
        [Display(Name = "Methodology.PeerGroups")] public PeerGroupRule PeerGroups { get; set; }
        [StringLength(1000, ErrorMessage = "Validation.TooLong"), Display(Name = "Methodology.Note")] public string? Note { get; set; }
    }

    public IReadOnlyList<Methodology> Versions { get; private set; } = [];
    public Methodology? Draft { get; private set; }
    public MethodologyPreview? Preview { get; private set; }
    public RecomputeResult? Activated { get; private set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public PositionCategory Category { get; set; } = PositionCategory.DistrictInspector;

    public bool CanEdit => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.NationalAnalyst);

    public async Task OnGetAsync(bool preview, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Draft is not null)
        {
            Fill(Draft);
            if (preview && Enum.IsDefined(Category)) Preview = await methods.PreviewAsync(Draft.Version, Category, ct);
        }
    }

    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        await LoadAsync(ct);
        if (Draft is null) await methods.CreateDraftAsync(User.Identity!.Name!, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        await LoadAsync(ct);
        if (Draft is null) return RedirectToPage();
        if (ModelState.IsValid)
        {
            var errors = await methods.UpdateDraftAsync(Draft.Version, ToMethodology(), User.Identity!.Name!, ct);
            foreach (var (field, key) in errors) ModelState.AddModelError(field.Length == 0 ? "" : "Input." + field, text[key]);
            if (errors.Count == 0) return RedirectToPage(new { preview = true, category = Category });
        }
        return Page();
    }

    public async Task<IActionResult> OnPostActivateAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        await LoadAsync(ct);
        if (Draft is null) return RedirectToPage();
        Activated = await methods.ActivateAsync(Draft.Version, User.Identity!.Name!, ct);
        if (Activated is null)
        {
            Fill(Draft);
            ModelState.AddModelError("", text["Methodology.CannotActivate"]);
            return Page();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Versions = await methods.AllAsync(ct);
        Draft = Versions.FirstOrDefault(v => v.Status == MethodologyStatus.Draft);
    }

    private void Fill(Methodology m) => Input = new InputModel
    {
        HalfLifeDays = m.HalfLifeDays, MinimumEffectiveN = m.MinimumEffectiveN, MaximumIntervalWidth = m.MaximumIntervalWidth,
        BetweenVarianceFloor = m.BetweenVarianceFloor, SatisfiedThreshold = m.SatisfiedThreshold, WeightCourtesy = m.WeightCourtesy,
        WeightCompetence = m.WeightCompetence, WeightTimeliness = m.WeightTimeliness, WeightResolved = m.WeightResolved, PeerGroups = m.PeerGroups, Note = m.Note,
    };

    private Methodology ToMethodology() => new()
    {
        CreatedBy = "", HalfLifeDays = Input.HalfLifeDays!.Value, MinimumEffectiveN = Input.MinimumEffectiveN!.Value,
        MaximumIntervalWidth = Input.MaximumIntervalWidth!.Value, BetweenVarianceFloor = Input.BetweenVarianceFloor!.Value,
        SatisfiedThreshold = Input.SatisfiedThreshold!.Value, WeightCourtesy = Input.WeightCourtesy!.Value, WeightCompetence = Input.WeightCompetence!.Value,
        WeightTimeliness = Input.WeightTimeliness!.Value, WeightResolved = Input.WeightResolved!.Value, PeerGroups = Input.PeerGroups, Note = Input.Note,
    };
}
