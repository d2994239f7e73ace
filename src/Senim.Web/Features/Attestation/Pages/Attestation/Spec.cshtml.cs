using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>The campaign's test specification: N questions per topic (from questions usable in both languages); the
/// time limit and pass mark are the campaign's settings. Fixed once a candidate has started. Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class SpecModel(CampaignService campaigns, TestService tests, IText text) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<TestSpecRow> Rows { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var counts = new Dictionary<Guid, int>();
        foreach (var r in Rows)
        {
            var raw = Request.Form["n_" + r.Topic.Id.ToString("N")].ToString();
            if (string.IsNullOrWhiteSpace(raw)) { counts[r.Topic.Id] = 0; continue; }
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) { Error = text.Format("Attestation.BadCount", raw); break; }
            counts[r.Topic.Id] = n;
        }
        var result = Error is null ? await tests.SaveSpecAsync(Id, counts, ct) : Outcome.Invalid("Attestation.BadCount", "");
        if (!result.Ok) return this.Redisplay(result, text, e => Error ??= e);
        Message = text["Attestation.Saved"];
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await campaigns.FindAsync(Id, ct);
        if (c is null) return false;
        Campaign = c;
        Rows = await tests.SpecAsync(Id, ct);
        return true;
    }
}
