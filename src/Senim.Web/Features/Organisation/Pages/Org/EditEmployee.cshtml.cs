using System.ComponentModel.DataAnnotations;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Organisation.Pages.Org;

/// <summary>Edits an employee. Policy: OrganisationEdit, then resource check (Write) on the employee's unit. Optimistic
/// concurrency: a stale form is refused with a message and nothing the person typed is lost.</summary>
[Authorize(Policy = Policies.OrganisationEdit)]
public sealed class EditEmployeeModel(SenimDb db, IAuthorizationService auth, AuditLog audit, IText text, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Employee.LastName")]
        public string LastName { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Employee.FirstName")]
        public string FirstName { get; set; } = "";
        [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Employee.MiddleName")]
        public string? MiddleName { get; set; }
        [Required(ErrorMessage = "Validation.Required"), RegularExpression("^[A-Za-z0-9-]{1,20}$", ErrorMessage = "Validation.PersonnelNumber"), Display(Name = "Employee.PersonnelNumber")]
        public string PersonnelNumber { get; set; } = "";
        [RegularExpression("^[0-9]{1,20}$", ErrorMessage = "Validation.Digits"), Display(Name = "Employee.Badge")]
        public string? BadgeNumber { get; set; }
        [Display(Name = "Employee.Sex")]
        public Sex Sex { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Employee.BirthDate")]
        public DateOnly? BirthDate { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Employee.HireDate")]
        public DateOnly? HireDate { get; set; }
        [Display(Name = "Position.Title")]
        public Guid? PositionId { get; set; }
        public int Version { get; set; }
    }

    public sealed record PositionOption(Guid Id, string Label);

    [BindProperty] public InputModel Input { get; set; } = new();
    public Guid Id { get; private set; }
    public IReadOnlyList<PositionOption> Positions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var (employee, result) = await LoadAsync(id, ct);
        if (employee is null) return result!;
        Input = new InputModel
        {
            LastName = employee.LastName, FirstName = employee.FirstName, MiddleName = employee.MiddleName, PersonnelNumber = employee.PersonnelNumber,
            BadgeNumber = employee.BadgeNumber, Sex = employee.Sex, BirthDate = employee.BirthDate, HireDate = employee.HireDate,
            PositionId = employee.PositionId, Version = employee.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var (employee, result) = await LoadAsync(id, ct);
        if (employee is null) return result!;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (Input.BirthDate is { } b && (b > today.AddYears(-18) || b < today.AddYears(-80)))
            ModelState.AddModelError("Input.BirthDate", text["Validation.BirthDate"]);
        if (Input.HireDate is { } h && (h > today || (Input.BirthDate is { } bd && h < bd.AddYears(18))))
            ModelState.AddModelError("Input.HireDate", text["Validation.HireDate"]);
        var number = Input.PersonnelNumber.Trim();
        if (await db.Employees.AnyAsync(e => e.PersonnelNumber == number && e.Id != id, ct))
            ModelState.AddModelError("Input.PersonnelNumber", text["Validation.PersonnelNumberTaken"]);
        if (Input.PositionId is { } pid)
        {
            if (!Positions.Any(p => p.Id == pid)) ModelState.AddModelError("Input.PositionId", text["Validation.PositionNotInUnit"]);
            else if (await db.Employees.AnyAsync(e => e.PositionId == pid && e.Id != id, ct)) ModelState.AddModelError("Input.PositionId", text["Validation.PositionTaken"]);
        }
        if (!ModelState.IsValid) return Page();
        if (Input.Version != employee.Version)
        {
            ModelState.AddModelError("", text["Validation.Stale"]);
            Input.Version = employee.Version;
            return Page();
        }

        var before = Snapshot(employee);
        employee.LastName = Input.LastName.Trim();
        employee.FirstName = Input.FirstName.Trim();
        employee.MiddleName = string.IsNullOrWhiteSpace(Input.MiddleName) ? null : Input.MiddleName.Trim();
        employee.PersonnelNumber = number;
        employee.BadgeNumber = string.IsNullOrWhiteSpace(Input.BadgeNumber) ? null : Input.BadgeNumber.Trim();
        employee.Sex = Input.Sex;
        employee.BirthDate = Input.BirthDate!.Value;
        employee.HireDate = Input.HireDate!.Value;
        employee.PositionId = Input.PositionId;
        employee.Version++;
        employee.RefreshSearchText();
        audit.Record("employee.update", "employee", employee.Id, before, Snapshot(employee));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent edit or a racing unique key: reload the version and keep what the person typed.
            ModelState.AddModelError("", text["Validation.Stale"]);
            db.ChangeTracker.Clear();
            Input.Version = await db.Employees.Where(e => e.Id == id).Select(e => e.Version).FirstAsync(ct);
            return Page();
        }
        return Redirect($"/Org/Employee/{id}");
    }

    private static object Snapshot(Employee e) => new
    {
        e.LastName, e.FirstName, e.MiddleName, e.PersonnelNumber, e.BadgeNumber, e.Sex, e.BirthDate, e.HireDate, e.PositionId,
    };

    private async Task<(Employee?, IActionResult?)> LoadAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        var employee = await db.Employees.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (employee is null) return (null, NotFound());
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == employee.UnitId, ct);
        if (!(await auth.AuthorizeAsync(User, new EmployeeResource(employee, unit), OrganisationAccess.Write)).Succeeded) return (null, Forbid());
        var positions = await db.Positions.AsNoTracking().Where(p => p.UnitId == unit.Id)
            .Where(p => p.Id == employee.PositionId || !db.Employees.Any(e => e.PositionId == p.Id))
            .OrderBy(p => p.TitleKk).ToListAsync(ct);
        Positions = [.. positions.Select(p => new PositionOption(p.Id, SenimCultures.Pick(p.TitleKk, p.TitleRu, p.TitleEn)))];
        return (employee, null);
    }
}
