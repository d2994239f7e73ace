using Senim.Web.Features.Audit;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Feedback.Pages.Feedback;

/// <summary>Whether the rating page shows staff names and badge numbers for a unit (and the units below it that have
/// no setting of their own). Policy: OrganisationEdit, then resource check (Write) on the unit.</summary>
[Authorize(Policy = Policies.OrganisationEdit)]
public sealed class UnitSettingsModel(SenimDb db, InvitationQueries invitations, IAuthorizationService auth, AuditLog audit, TimeProvider clock) : PageModel
{
    public Guid UnitId { get; private set; }
    public string UnitName { get; private set; } = "";
    public bool ShowNames { get; private set; }
    public bool ShowBadges { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid unitId, CancellationToken ct)
    {
        var unit = await LoadAsync(unitId, ct);
        if (unit is null) return NotFound();
        if (!(await auth.AuthorizeAsync(User, unit, OrganisationAccess.Write)).Succeeded) return Forbid();
        (ShowNames, ShowBadges) = await invitations.DisplaySettingsAsync(unit, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid unitId, bool showNames, bool showBadges, CancellationToken ct)
    {
        var unit = await LoadAsync(unitId, ct);
        if (unit is null) return NotFound();
        if (!(await auth.AuthorizeAsync(User, unit, OrganisationAccess.Write)).Succeeded) return Forbid();
        var settings = await db.UnitFeedbackSettings.FirstOrDefaultAsync(s => s.UnitId == unitId, ct);
        var before = settings is null ? null : new { settings.ShowEmployeeNames, settings.ShowBadgeNumbers };
        if (settings is null)
        {
            settings = new UnitFeedbackSettings { UnitId = unitId, UpdatedBy = "" };
            db.UnitFeedbackSettings.Add(settings);
        }
        settings.ShowEmployeeNames = showNames;
        settings.ShowBadgeNumbers = showBadges;
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        settings.UpdatedBy = User.Identity!.Name!;
        audit.Record("unit.feedback-settings", "unit", unitId, before, new { settings.ShowEmployeeNames, settings.ShowBadgeNumbers });
        await db.SaveChangesAsync(ct);
        (ShowNames, ShowBadges, Saved) = (showNames, showBadges, true);
        return Page();
    }

    private async Task<Unit?> LoadAsync(Guid unitId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is not null) { UnitId = unit.Id; UnitName = OrganisationQueries.Name(unit); }
        return unit;
    }
}
