using Senim.Web.Features.Attestation;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>The campaign's stage 1 norms by sex and age band; an empty cell means the exercise is not required.
/// Fixed once any result is recorded. Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class NormsModel(CampaignService campaigns, StandardsService standards, IText text) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public Campaign Campaign { get; private set; } = null!;
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
    public List<string> Errors { get; } = [];
    [TempData] public string? Message { get; set; }

    public static string Name(Exercise e, Sex s, int from, int to) => FormattableString.Invariant($"cell.{e}.{s}.{from}.{to}");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var c = await campaigns.FindAsync(Id, ct);
        if (c is null) return NotFound();
        Campaign = c;
        foreach (var n in await standards.NormsAsync(Id, ct)) Values[Name(n.Exercise, n.Sex, n.AgeFrom, n.AgeTo)] = Norms.Format(n.Exercise, n.Threshold);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var c = await campaigns.FindAsync(Id, ct);
        if (c is null) return NotFound();
        Campaign = c;
        var cells = new List<NormCell>();
        foreach (var e in Norms.Exercises)
        {
            foreach (var s in Enum.GetValues<Sex>())
            {
                foreach (var (from, to) in Norms.AgeBands)
                {
                    var name = Name(e, s, from, to);
                    var raw = Request.Form[name].ToString();
                    Values[name] = raw;
                    double? threshold = null;
                    if (Norms.LowerIsBetter(e))
                    {
                        if (!Norms.TryParseTime(raw, out var t)) { Errors.Add(text.Format("Attestation.NormCellInvalid", T(e), T(s), Norms.Band(from, to), raw)); continue; }
                        threshold = t;
                    }
                    else
                    {
                        if (!Norms.TryParseCount(raw, out var n)) { Errors.Add(text.Format("Attestation.NormCellInvalid", T(e), T(s), Norms.Band(from, to), raw)); continue; }
                        threshold = n;
                    }
                    cells.Add(new NormCell(e, s, from, to, threshold));
                }
            }
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var result = await standards.SaveNormsAsync(Id, cells, ct);
        if (!result.Ok) return this.Redisplay(result, text, Errors.Add);
        Message = text["Attestation.Saved"];
        return RedirectToPage(new { id = Id });
    }

    private string T(Exercise e) => text["Attestation.Exercise." + e];
    private string T(Sex s) => text["Attestation.Sex." + s];
}
