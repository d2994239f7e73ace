using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Senim.Web.Features.Attestation;
using Senim.Web.Features.Identity;
using Senim.Web.Infrastructure;

namespace Senim.Web.Pages.Me;

/// <summary>The signed-in employee's own attestation: timeline of the stages with dates, results, the computer test,
/// the decision notice and appeals. Policy: Staff (folder); only the person's own candidacies.</summary>
public sealed class AttestationModel(CandidateFiles files, IText text) : PageModel
{
    public Guid? EmployeeId { get; private set; }
    public IReadOnlyList<CandidateFile> Files { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    private Guid? Own() => Guid.TryParse(User.FindFirst(OrgScope.EmployeeClaim)?.Value, CultureInfo.InvariantCulture, out var g) ? g : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        _ = text;
        EmployeeId = Own();
        if (EmployeeId is { } id) Files = await files.ForEmployeeAsync(id, ct);
    }
}
