using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Indicators;

/// <summary>The catalogue: every indicator and scorecard with the version in force today and any draft. Everyone who
/// reads the organisation may read it (the rules by which people are judged are public to them); national analysts
/// and administrators change it.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class IndexModel(DefinitionService definitions) : PageModel
{
    public sealed record Entry<T>(string Code, T? InForce, T Latest, bool HasDraft);

    public IReadOnlyList<Entry<IndicatorDefinition>> Indicators { get; private set; } = [];
    public IReadOnlyList<Entry<Scorecard>> Scorecards { get; private set; } = [];
    public bool CanEdit => DefinitionPages.CanEdit(User);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = definitions.Today;
        Indicators = [.. (await definitions.IndicatorsAsync(ct)).GroupBy(d => d.Code)
            .Select(g => new Entry<IndicatorDefinition>(g.Key, g.FirstOrDefault(d => d.InForceOn(today)), g.MaxBy(d => d.Version)!, g.Any(d => d.Status == DefinitionStatus.Draft)))
            .OrderBy(e => e.Latest.Level).ThenBy(e => e.Code, StringComparer.Ordinal)];
        Scorecards = [.. (await definitions.ScorecardsAsync(ct)).GroupBy(d => d.Code)
            .Select(g => new Entry<Scorecard>(g.Key, g.FirstOrDefault(d => d.InForceOn(today)), g.MaxBy(d => d.Version)!, g.Any(d => d.Status == DefinitionStatus.Draft)))
            .OrderBy(e => e.Latest.Level).ThenBy(e => e.Code, StringComparer.Ordinal)];
    }
}
