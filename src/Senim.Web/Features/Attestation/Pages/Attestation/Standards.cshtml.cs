using Senim.Web.Features.Attestation;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>The examiner's screen: a group's stage 1 results on one form (blank rows skipped, all or nothing), or a
/// CSV file (errors line by line, all or nothing). Pass/fail follows from the campaign's norms. Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class StandardsModel(CampaignService campaigns, StandardsService standards, SenimDb db, IText text, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "q")] public string? Q { get; set; }
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<StandardsRow> Rows { get; private set; } = [];
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    [BindProperty] public DateOnly TakenOn { get; set; }
    [BindProperty] public string? Examiner { get; set; }
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
    public List<string> Errors { get; } = [];
    public Dictionary<Guid, List<string>> RowErrors { get; } = [];
    [TempData] public string? Message { get; set; }

    public static string Field(string name, Guid candidate) => name + "_" + candidate.ToString("N");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        TakenOn = clock.TodayKz();
        return Page();
    }

    public async Task<IActionResult> OnPostGroupAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var ids = Request.Form["candidate"].Select(v => Guid.TryParse(v, CultureInfo.InvariantCulture, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
        var entries = new List<StandardsEntry>();
        foreach (var id in ids)
        {
            string? V(string name) { var v = Request.Form[Field(name, id)].ToString(); Values[Field(name, id)] = v; return v; }
            entries.Add(new StandardsEntry(id, V("run3"), V("run100"), V("pull"), V("fire")));
        }
        var (saved, errors) = await standards.SaveGroupAsync(Id, TakenOn, Examiner, entries, User.Identity!.Name!, ct);
        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                var message = text.Format(e.Key, e.Args);
                if (Guid.TryParse(e.Row, CultureInfo.InvariantCulture, out var g)) (RowErrors.TryGetValue(g, out var list) ? list : RowErrors[g] = []).Add(message);
                else Errors.Add(message);
            }
            if (RowErrors.Count > 0) Errors.Add(text.Format("Attestation.RowsInvalid", RowErrors.Count));
            // A row no longer on the screen (its candidate has just passed, failed or left) is named in the summary.
            foreach (var (id, messages) in RowErrors.Where(r => Rows.All(x => x.CandidateId != r.Key))) Errors.AddRange(messages);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Message = await SummaryAsync(saved, ct);
        return Redirect($"/Attestation/Standards/{Id}?region={Uri.EscapeDataString(Region ?? "")}&q={Uri.EscapeDataString(Q ?? "")}");
    }

    public async Task<IActionResult> OnPostCsvAsync(IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        TakenOn = clock.TodayKz();
        if (file is null || file.Length == 0)
        {
            Errors.Add(text["Attestation.CsvEmpty"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var (saved, errors) = await standards.ImportCsvAsync(Id, stream, User.Identity!.Name!, ct);
        if (errors.Count > 0)
        {
            Errors.Add(text["Attestation.CsvNothingSaved"]);
            foreach (var e in errors) Errors.Add(e.Describe(text));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Message = await SummaryAsync(saved, ct);
        return RedirectToPage(new { id = Id });
    }

    private async Task<string> SummaryAsync(IReadOnlyList<Guid> saved, CancellationToken ct)
    {
        var passed = await db.Set<StandardsResult>().CountAsync(r => saved.Contains(r.Id) && r.Passed, ct);
        return text.Format("Attestation.StandardsSaved", saved.Count, passed, saved.Count - passed);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await campaigns.FindAsync(Id, ct);
        if (c is null) return false;
        Campaign = c;
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Code).ToListAsync(ct);
        Rows = await standards.GroupAsync(Id, Region, Q, ct);
        return true;
    }
}
