using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Organisation.Pages.Admin;

/// <summary>Load new reference figures (regions with populations, districts) from CSV. Policy: Administration.</summary>
public sealed class ReferenceModel(SenimDb db, ReferenceDataImporter importer, IText text) : PageModel
{
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    public IReadOnlyList<LineError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? kind, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Errors = [new LineError(0, "Import.NoFile")];
        }
        else
        {
            await using var s = file.OpenReadStream();
            var result = kind == "districts" ? await importer.ImportDistrictsAsync(s, ct) : await importer.ImportRegionsAsync(s, ct);
            if (result.Ok) Message = text.Format("Reference.Done", result.Inserted, result.Updated);
            else Errors = result.Errors;
        }
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
        if (Errors.Count > 0) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
