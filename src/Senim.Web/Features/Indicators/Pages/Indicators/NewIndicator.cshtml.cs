using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Indicators;

/// <summary>A new indicator (its version 1, as a draft). National analysts and administrators.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class NewIndicatorModel(DefinitionService definitions, SourceCatalog sources, IText text) : PageModel
{
    [BindProperty] public IndicatorInput Input { get; set; } = new()
    {
        Source = "feedback.score", Criterion = Features.Scoring.Criterion.Overall, Level = IndicatorLevel.Employee, ScaleMin = 1, ScaleMax = 5, Target = 4.5,
        GreenFrom = 4.2, AmberFrom = 3.8,
    };
    public IReadOnlyCollection<IIndicatorSource> Sources => sources.All;

    public IActionResult OnGet() => DefinitionPages.CanEdit(User) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!DefinitionPages.CanEdit(User)) return Forbid();
        if (!ModelState.IsValid) return Page();
        var (draft, errors) = await definitions.CreateIndicatorAsync(Input.ToDefinition(), User.Identity!.Name!, ct);
        if (draft is null)
        {
            DefinitionPages.AddErrors(ModelState, "Input", errors, text);
            return Page();
        }
        return Redirect($"/Indicators/Indicator/{draft.Code}");
    }
}
