using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Scoring.Pages.Scores;

/// <summary>Units of one kind on a funnel plot with 95% and 99.8% limits, outliers listed. Policy: OrganisationRead (analysts,
/// heads, secretaries, administrators), limited to the reader's scope.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class UnitsModel(SenimDb db, ScoringService scoring, TimeProvider clock) : PageModel
{
    public ScoringService.FunnelView? View { get; private set; }

    public async Task OnGetAsync(UnitKind? kind, CancellationToken ct)
    {
        var k = kind is { } value && Enum.IsDefined(value) ? value : UnitKind.DistrictDirectorate;
        View = await scoring.FunnelAsync(k, ScorePeriod.Parse(null, clock.GetUtcNow().UtcDateTime)!, OrganisationScope.For(User).Filter(db.Units), ct);
    }
}
