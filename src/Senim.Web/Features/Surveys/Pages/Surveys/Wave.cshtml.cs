using Microsoft.Extensions.Options;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Surveys.Pages.Surveys;

/// <summary>One wave: for each covered district (within the person's scope) its survey link, QR code and responses
/// against the target; paged. Policy: OrganisationRead.</summary>
[Authorize(Policy = Policies.OrganisationRead)]
public sealed class WaveModel(SenimDb db, SurveyService service, DistrictDirectory directory, PublicLinks links) : PageModel
{
    public const int PageSize = 20;
    [FromQuery(Name = "p")] public int PageNumber { get; set; } = 1;
    public WaveView View { get; private set; } = null!;
    public IReadOnlyList<(DistrictInfo District, int Responses, string Url)> Rows { get; private set; } = [];
    public int PageCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var wave = await db.SurveyWaves.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (wave is null) return NotFound();
        View = await service.ViewAsync(wave, ct);
        var mine = (await directory.CoveredAsync(OrganisationScope.For(User), ct)).Select(d => d.Id).ToHashSet();
        var counts = await db.SurveyResponses.AsNoTracking().Where(r => r.WaveId == id).GroupBy(r => r.DistrictId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var all = View.Districts.Where(d => mine.Contains(d.Id)).ToList();
        PageCount = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = [.. all.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(d => (d, counts.GetValueOrDefault(d.Id), links.Survey(Request, wave.Code, d.Code)))];
        return Page();
    }
}
