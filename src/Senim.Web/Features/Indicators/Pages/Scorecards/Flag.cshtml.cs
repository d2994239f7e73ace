using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Scorecards;

/// <summary>One flag: its reason and the data behind it; the unit head (or an administrator) records the action.
/// Visible within the viewer's organisation scope, and to the flagged employee.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class FlagModel(FlagService flags, IText text) : PageModel
{
    public FlagRow Row { get; private set; } = null!;
    public bool CanAct { get; private set; }
    [BindProperty] public FlagActionKind? Action { get; set; }
    [BindProperty] public string? Note { get; set; }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var row = await flags.FindAsync(id, ct);
        if (row is null) return NotFound();
        var unit = (await flags.UnitAsync(row.UnitId, ct))!;
        var scope = OrganisationScope.For(User);
        var own = scope.Kind == ScopeKind.Self && row.Flag.Level == IndicatorLevel.Employee && row.Flag.SubjectId == scope.EmployeeId;
        if (!own && !(scope.SeesOrganisation && scope.Covers(unit))) return Forbid();
        Row = row;
        CanAct = row.Flag.Status == FlagStatus.Open && FlagService.CanAct(User, unit);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!CanAct) return Forbid();
        var errors = await flags.RecordActionAsync(id, Action, Note, User, ct);
        if (errors.Count == 0) return RedirectToPage(new { id });
        foreach (var e in errors) ModelState.AddModelError(e.Field, text.Format(e.Key, e.Args));
        return Page();
    }

    public static string Number(double? v) => v?.ToString("0.###", CultureInfo.CurrentCulture) ?? "—";
}
