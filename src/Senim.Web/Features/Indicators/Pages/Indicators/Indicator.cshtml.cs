using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Indicators;

/// <summary>One indicator: its versions with their effective dates, and — for national analysts and administrators —
/// the draft of the next version: edit (validated in the reader's language), preview its effect on the last period's
/// stored scorecards, activate from a date (the stored periods it changes are recomputed in the same transaction), or
/// discard. Everyone with OrganisationRead may read.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class IndicatorModel(DefinitionService definitions, DefinitionPreview previews, SourceCatalog sources, IText text) : PageModel
{
    public string Code { get; private set; } = "";
    public IReadOnlyList<IndicatorDefinition> Versions { get; private set; } = [];
    public IndicatorDefinition? Draft { get; private set; }
    [BindProperty] public IndicatorInput Input { get; set; } = new();
    [BindProperty] public DateOnly? EffectiveFrom { get; set; }
    public PreviewResult? Preview { get; private set; }
    public bool Previewed { get; private set; }
    public IReadOnlyList<string> UsedBy { get; private set; } = [];
    [FromQuery(Name = "activated")] public int? Activated { get; set; }
    public bool CanEdit => DefinitionPages.CanEdit(User);
    public IReadOnlyCollection<IIndicatorSource> Sources => sources.All;
    public DateOnly EarliestStart => definitions.EarliestStart;

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        Versions = [.. (await definitions.IndicatorsAsync(ct)).Where(d => d.Code == code)];
        if (Versions.Count == 0) return false;
        Code = code;
        Draft = Versions.FirstOrDefault(v => v.Status == DefinitionStatus.Draft);
        UsedBy = [.. (await definitions.ScorecardsAsync(ct)).Where(s => s.Status != DefinitionStatus.Retired && s.Items.Any(i => i.IndicatorCode == code))
            .Select(s => $"{s.Name} ({s.Code} v{s.Version})")];
        EffectiveFrom ??= Draft?.EffectiveFrom is { } d && d >= EarliestStart ? d : EarliestStart;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string code, bool preview, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct)) return NotFound();
        if (Draft is not null)
        {
            Input = IndicatorInput.From(Draft);
            if (preview && CanEdit)
            {
                Previewed = true;
                Preview = await previews.IndicatorAsync(Draft.Id, ct);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostNewVersionAsync(string code, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (await definitions.NewIndicatorVersionAsync(code, User.Identity!.Name!, ct) is null) return NotFound();
        return Redirect($"/Indicators/Indicator/{code}");
    }

    public async Task<IActionResult> OnPostSaveAsync(string code, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(code, ct)) return NotFound();
        if (Draft is null) return Redirect($"/Indicators/Indicator/{code}");
        if (!ModelState.IsValid) return Page();
        var errors = await definitions.UpdateIndicatorDraftAsync(Draft.Id, Input.ToDefinition(), User.Identity!.Name!, ct);
        if (errors.Count == 0) return Redirect($"/Indicators/Indicator/{code}?preview=true");
        DefinitionPages.AddErrors(ModelState, "Input", errors, text);
        return Page();
    }

    public async Task<IActionResult> OnPostActivateAsync(string code, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(code, ct)) return NotFound();
        if (Draft is null) return Redirect($"/Indicators/Indicator/{code}");
        ModelState.Clear();
        var (errors, recomputed) = await definitions.ActivateIndicatorAsync(Draft.Id, EffectiveFrom ?? EarliestStart, User.Identity!.Name!, ct);
        if (errors.Count == 0) return Redirect($"/Indicators/Indicator/{code}?activated={recomputed}");
        Input = IndicatorInput.From(Draft);
        DefinitionPages.AddErrors(ModelState, "Input", errors, text);
        return Page();
    }

    public async Task<IActionResult> OnPostDiscardAsync(string code, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(code, ct)) return NotFound();
        if (Draft is not null) await definitions.DiscardAsync(Draft.Id, ct);
        return Versions.Count > 1 || Draft is null ? Redirect($"/Indicators/Indicator/{code}") : Redirect("/Indicators");
    }
}
