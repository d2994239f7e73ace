using Senim.Web.Features.Attestation;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>Attestation commissions (central and regional) and a form for a new one. Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class CommissionsModel(CommissionService commissions, SenimDb db, IText text) : PageModel
{
    public IReadOnlyList<Commission> Commissions { get; private set; } = [];
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? name, CommissionLevel level, string? region, int numerator, int denominator, CancellationToken ct)
    {
        var result = await commissions.CreateCommissionAsync(name, level, region, numerator == 0 ? 2 : numerator, denominator == 0 ? 3 : denominator, ct);
        if (result.Ok) return Redirect($"/Attestation/Commission/{result.Id}");
        await LoadAsync(ct);
        return this.Redisplay(result, text, e => Error = e);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Commissions = await commissions.CommissionsAsync(ct);
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Code).ToListAsync(ct);
    }
}
