using System.ComponentModel.DataAnnotations;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Feedback;

namespace Senim.Web.Features.Feedback.Pages.Admin;

/// <summary>Kinds of individual service: add a kind, or retire one (kinds are never deleted: ratings keep pointing at them).
/// Policy: Administration (folder convention).</summary>
public sealed class KindsModel(SenimDb db, AuditLog audit, IText text) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), RegularExpression("^[a-z0-9][a-z0-9-]{1,59}$", ErrorMessage = "Validation.KindCode"), Display(Name = "Organisation.Code")]
        public string Code { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Position.TitleKk")]
        public string NameKk { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Position.TitleRu")]
        public string NameRu { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Position.TitleEn")]
        public string NameEn { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<InteractionKind> Kinds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Kinds = await Load(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid && await db.InteractionKinds.AnyAsync(k => k.Code == Input.Code, ct))
            ModelState.AddModelError("Input.Code", text["Validation.KindCodeTaken"]);
        if (!ModelState.IsValid) { Kinds = await Load(ct); return Page(); }
        var max = await db.InteractionKinds.MaxAsync(k => (int?)k.SortOrder, ct) ?? 0;
        var kind = new InteractionKind { Code = Input.Code, NameKk = Input.NameKk.Trim(), NameRu = Input.NameRu.Trim(), NameEn = Input.NameEn.Trim(), SortOrder = max + 10 };
        db.InteractionKinds.Add(kind);
        audit.Record("kind.create", "interaction_kind", kind.Id, null, new { kind.Code, kind.NameKk, kind.NameRu, kind.NameEn });
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid id, CancellationToken ct)
    {
        var kind = await db.InteractionKinds.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (kind is null) return NotFound();
        kind.IsActive = !kind.IsActive;
        audit.Record(kind.IsActive ? "kind.activate" : "kind.deactivate", "interaction_kind", kind.Id, new { IsActive = !kind.IsActive }, new { kind.IsActive });
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private Task<List<InteractionKind>> Load(CancellationToken ct) => db.InteractionKinds.AsNoTracking().OrderBy(k => k.SortOrder).ToListAsync(ct);
}
