using Senim.Web.Features.Organisation;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Surveys.Pages.Admin;

/// <summary>Population margins per district by age band and sex (the raking targets), loaded from a census CSV.
/// Nothing is written when any line is wrong. Policy: Administration (folder).</summary>
public sealed class SurveyMarginsModel(SenimDb db, DistrictDirectory directory, MarginsService margins, IText text) : PageModel
{
    public const int PageSize = 25;
    [FromQuery(Name = "p")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<(DistrictInfo District, Dictionary<string, long> Margins, DateTime? Updated)> Rows { get; private set; } = [];
    public int PageCount { get; private set; }
    public IReadOnlyList<LineError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await directory.AllAsync(ct);
        PageCount = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        var ids = page.Select(d => d.Id).ToList();
        var rows = await db.DistrictMargins.AsNoTracking().Where(m => ids.Contains(m.DistrictId)).ToListAsync(ct);
        Rows = [.. page.Select(d =>
        {
            var mine = rows.Where(m => m.DistrictId == d.Id).ToList();
            return (d, mine.ToDictionary(m => m.Variable + ":" + m.Category, m => m.Population, StringComparer.Ordinal), mine.Count == 0 ? (DateTime?)null : mine.Max(m => m.UpdatedAt));
        })];
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) Errors = [new LineError(0, "Import.NoFile")];
        else
        {
            await using var s = file.OpenReadStream();
            var result = await margins.ImportAsync(s, ct);
            if (result.Ok) Message = text.Format("Survey.MarginsDone", result.Districts, result.Rows);
            else Errors = result.Errors;
        }
        await LoadAsync(ct);
        if (Errors.Count > 0) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
