using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Surveys.Pages.Surveys;

/// <summary>Interviewer data import (CSV) for administrators and analysts (a regional analyst only for their region's
/// districts). A file with errors imports nothing unless "skip bad rows" is ticked. Audited.</summary>
[Authorize(Roles = Roles.Administrator + "," + Roles.NationalAnalyst + "," + Roles.RegionalAnalyst)]
public sealed class ImportModel(SurveyImport import) : PageModel
{
    public SurveyImportReport? Report { get; private set; }
    public IReadOnlyList<LineError> Errors { get; private set; } = [];
    public bool SkipBadRows { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool skipBadRows, CancellationToken ct)
    {
        SkipBadRows = skipBadRows;
        if (file is null || file.Length == 0)
        {
            Errors = [new LineError(0, "Import.NoFile")];
        }
        else
        {
            await using var s = file.OpenReadStream();
            Report = await import.ImportAsync(s, file.FileName, skipBadRows, OrganisationScope.For(User), User.Identity?.Name ?? "unknown", ct);
            Errors = Report.Errors;
        }
        if (Report is not { Written: true } && Errors.Count > 0) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
