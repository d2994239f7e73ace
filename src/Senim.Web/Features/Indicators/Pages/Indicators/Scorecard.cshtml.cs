using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Indicators;

/// <summary>One scorecard: its versions, and for national analysts and administrators the draft of the next one —
/// indicators and weights, the minimum share of weight with data, the composite's thresholds; preview; activation
/// (refused, with the reason, while a statistical count carries weight or the weights do not sum to a positive number).</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class ScorecardModel(DefinitionService definitions, DefinitionPreview previews, IText text) : PageModel
{
    public string Code { get; private set; } = "";
    public IReadOnlyList<Scorecard> Versions { get; private set; } = [];
    public Scorecard? Draft { get; private set; }
    public IReadOnlyList<IndicatorDefinition> Indicators { get; private set; } = [];
    public IReadOnlyList<string> QuotaBreaches { get; private set; } = [];
    [BindProperty] public ScorecardInput Input { get; set; } = new();
    [BindProperty] public DateOnly? EffectiveFrom { get; set; }
    public PreviewResult? Preview { get; private set; }
    public bool Previewed { get; private set; }
    [FromQuery(Name = "activated")] public int? Activated { get; set; }
    public bool CanEdit => DefinitionPages.CanEdit(User);
    public DateOnly EarliestStart => definitions.EarliestStart;

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        Versions = [.. (await definitions.ScorecardsAsync(ct)).Where(d => d.Code == code)];
        if (Versions.Count == 0) return false;
        Code = code;
        Draft = Versions.FirstOrDefault(v => v.Status == DefinitionStatus.Draft);
        Indicators = [.. (await definitions.IndicatorsAsync(ct)).GroupBy(d => d.Code).Select(g => g.First())];
        if (Draft is not null) QuotaBreaches = await definitions.QuotaBreachesAsync(Draft, ct);
        EffectiveFrom ??= Draft?.EffectiveFrom is { } d && d >= EarliestStart ? d : EarliestStart;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string code, bool preview, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct)) return NotFound();
        if (Draft is not null)
        {
            Input = ScorecardInput.From(Draft);
            if (preview && CanEdit)
            {
                Previewed = true;
                Preview = await previews.ScorecardAsync(Draft.Id, ct);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostNewVersionAsync(string code, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (await definitions.NewScorecardVersionAsync(code, User.Identity!.Name!, ct) is null) return NotFound();
        return Redirect($"/Indicators/Scorecard/{code}");
    }

    public async Task<IActionResult> OnPostSaveAsync(string code, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(code, ct)) return NotFound();
        if (Draft is null) return Redirect($"/Indicators/Scorecard/{code}");
        Input.Level = Draft.Level;
        if (!ModelState.IsValid) return Page();
        var errors = await definitions.UpdateScorecardDraftAsync(Draft.Id, Input.ToScorecard(), Input.ItemInputs(), User.Identity!.Name!, ct);
        if (errors.Count == 0) return Redirect($"/Indicators/Scorecard/{code}?preview=true");
        DefinitionPages.AddErrors(ModelState, "Input", errors, text);
        return Page();
    }

    public async Task<IActionResult> OnPostActivateAsync(string code, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(code, ct)) return NotFound();
        if (Draft is null) return Redirect($"/Indicators/Scorecard/{code}");
        ModelState.Clear();
        var (errors, recomputed) = await definitions.ActivateScorecardAsync(Draft.Id, EffectiveFrom ?? EarliestStart, User.Identity!.Name!, ct);
        if (errors.Count == 0) return Redirect($"/Indicators/Scorecard/{code}?activated={recomputed}");
        Input = ScorecardInput.From(Draft);
        DefinitionPages.AddErrors(ModelState, "Input", errors, text);
        return Page();
    }

    public async Task<IActionResult> OnPostDiscardAsync(string code, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(code, ct)) return NotFound();
        if (Draft is not null) await definitions.DiscardAsync(Draft.Id, ct);
        return Versions.Count > 1 || Draft is null ? Redirect($"/Indicators/Scorecard/{code}") : Redirect("/Indicators");
    }
}
