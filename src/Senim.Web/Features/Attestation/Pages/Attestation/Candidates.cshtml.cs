using Senim.Web.Features.Attestation;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>A confirmed campaign's candidates with where each stands; add an employee with a reason.
/// Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class CandidatesModel(CampaignService campaigns, SenimDb db, IText text) : PageModel
{
    private const int Size = 50;
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "status")] public CandidateStatus? Status { get; set; }
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "p")] public int PageNumber { get; set; } = 1;
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<CandidateRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount { get; private set; } = 1;
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    [BindProperty] public string? PersonnelNumber { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var result = await campaigns.AddCandidateAsync(Id, PersonnelNumber, Reason, User.Identity!.Name!, ct);
        if (this.Refusal(result) is { } refused) return refused;
        if (result.Ok)
        {
            Message = text["Attestation.CandidateAdded"];
            return Redirect($"/Attestation/Candidate/{result.Id}");
        }
        Error = result.Reason(text);
        if (!await LoadAsync(ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await campaigns.FindAsync(Id, ct);
        if (c is null) return false;
        Campaign = c;
        if (PageNumber < 1) PageNumber = 1;
        (Rows, Total) = await campaigns.CandidatesAsync(Id, new CandidateFilter(Region, Status, Q), PageNumber, Size, ct);
        PageCount = Math.Max(1, (Total + Size - 1) / Size);
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Code).ToListAsync(ct);
        return true;
    }
}
