using System.ComponentModel.DataAnnotations;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Organisation.Pages.Org;

/// <summary>Adds or edits a post in a unit's staffing table. Policy: OrganisationEdit, then resource check (Write) on the unit.</summary>
[Authorize(Policy = Policies.OrganisationEdit)]
public sealed class EditPositionModel(SenimDb db, IAuthorizationService auth, AuditLog audit, IText text) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Position.TitleKk")]
        public string TitleKk { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Position.TitleRu")]
        public string TitleRu { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Position.TitleEn")]
        public string TitleEn { get; set; } = "";
        [Display(Name = "Position.Category")] public PositionCategory Category { get; set; }
        [Display(Name = "Position.Level")] public ManagerialLevel Level { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Range(85_000, 10_000_000, ErrorMessage = "Validation.Salary"), Display(Name = "Position.Salary")]
        public long? BaseSalaryKzt { get; set; }
        public int Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool IsNew { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? unitId, CancellationToken ct)
    {
        var (position, result) = await LoadAsync(id, unitId, ct);
        if (result is not null) return result;
        if (position is not null)
        {
            Input = new InputModel
            {
                TitleKk = position.TitleKk, TitleRu = position.TitleRu, TitleEn = position.TitleEn, Category = position.Category,
                Level = position.Level, BaseSalaryKzt = position.BaseSalaryKzt, Version = position.Version,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, Guid? unitId, CancellationToken ct)
    {
        var (position, result) = await LoadAsync(id, unitId, ct);
        if (result is not null) return result;
        if (!Enum.IsDefined(Input.Category)) ModelState.AddModelError("Input.Category", text["Validation.Choice"]);
        if (!Enum.IsDefined(Input.Level)) ModelState.AddModelError("Input.Level", text["Validation.Choice"]);
        if (!ModelState.IsValid) return Page();
        if (position is not null && position.Version != Input.Version)
        {
            ModelState.AddModelError("", text["Validation.Stale"]);
            Input.Version = position.Version;
            return Page();
        }
        var before = position is null ? null : Snapshot(position);
        position ??= db.Positions.Add(new Position { UnitId = UnitId, TitleKk = "", TitleRu = "", TitleEn = "" }).Entity;
        position.TitleKk = Input.TitleKk.Trim();
        position.TitleRu = Input.TitleRu.Trim();
        position.TitleEn = Input.TitleEn.Trim();
        position.Category = Input.Category;
        position.Level = Input.Level;
        position.BaseSalaryKzt = Input.BaseSalaryKzt!.Value;
        if (before is not null) position.Version++;
        audit.Record(before is null ? "position.create" : "position.update", "position", position.Id, before, Snapshot(position));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", text["Validation.Stale"]);
            return Page();
        }
        return Redirect($"/Org/Unit/{UnitId}");
    }

    private static object Snapshot(Position p) => new { p.TitleKk, p.TitleRu, p.TitleEn, p.Category, p.Level, p.BaseSalaryKzt };

    private async Task<(Position?, IActionResult?)> LoadAsync(Guid? id, Guid? unitId, CancellationToken ct)
    {
        Position? position = null;
        if (id is { } pid)
        {
            position = await db.Positions.FirstOrDefaultAsync(p => p.Id == pid, ct);
            if (position is null) return (null, NotFound());
            unitId = position.UnitId;
        }
        IsNew = position is null;
        if (unitId is null) return (null, NotFound());
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return (null, NotFound());
        if (!(await auth.AuthorizeAsync(User, unit, OrganisationAccess.Write)).Succeeded) return (null, Forbid());
        UnitId = unit.Id;
        UnitName = OrganisationQueries.Name(unit);
        return (position, null);
    }
}
