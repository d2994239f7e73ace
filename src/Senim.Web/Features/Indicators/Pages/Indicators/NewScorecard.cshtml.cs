using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Indicators;

/// <summary>A new scorecard (its version 1, as a draft). National analysts and administrators.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class NewScorecardModel(DefinitionService definitions, IText text) : PageModel
{
    [BindProperty] public ScorecardInput Input { get; set; } = new() { MinimumDataSharePercent = 60, GreenFrom = 85, AmberFrom = 65 };
    public IReadOnlyList<IndicatorDefinition> Indicators { get; private set; } = [];

    private async Task LoadAsync(CancellationToken ct) =>
        Indicators = [.. (await definitions.IndicatorsAsync(ct)).GroupBy(d => d.Code).Select(g => g.First())];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!DefinitionPages.CanEdit(User)) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!DefinitionPages.CanEdit(User)) return Forbid();
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        var (draft, errors) = await definitions.CreateScorecardAsync(Input.ToScorecard(), Input.ItemInputs(), User.Identity!.Name!, ct);
        if (draft is null)
        {
            DefinitionPages.AddErrors(ModelState, "Input", errors, text);
            return Page();
        }
        return Redirect($"/Indicators/Scorecard/{draft.Code}");
    }
}
