using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Feedback.Invitations;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Feedback.Pages.Feedback;

/// <summary>Staff register an interaction on the spot and hand the resident the code (card, QR or SMS).
/// Policy: RegisterInteractions (administrator, unit head within the subtree).</summary>
[Authorize(Policy = Policies.RegisterInteractions)]
public sealed class RegisterModel(SenimDb db, InteractionRegistry registry, PublicLinks links, IText text, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Register.Kind")] public string Kind { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Employee.Unit")] public Guid? UnitId { get; set; }
        [StringLength(300, ErrorMessage = "Validation.TooLong"), Display(Name = "Register.PersonnelNumbers")] public string? PersonnelNumbers { get; set; }
        [Display(Name = "Register.Channel")] public InteractionChannel Channel { get; set; }
        [StringLength(30, ErrorMessage = "Validation.TooLong"), Display(Name = "Register.Phone")] public string? Phone { get; set; }
    }

    public sealed record UnitOption(Guid Id, string Name);

    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<InteractionKind> Kinds { get; private set; } = [];
    public IReadOnlyList<UnitOption> Units { get; private set; } = [];
    public RegisteredInteraction? Created { get; private set; }
    public string? SmsText { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        var numbers = (Input.PersonnelNumbers ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var request = new RegisterInteraction(Input.Kind, Input.UnitId, null, null, numbers, clock.GetUtcNow().UtcDateTime, Input.Channel, Input.Phone, null);
        var (created, errors) = await registry.RegisterAsync([request], User.Identity!.Name!, InteractionSource.Staff, OrganisationScope.For(User),
            c => (links.Rating(Request, c), links.RatingQr(Request, c)), ct);
        if (errors.Count > 0)
        {
            foreach (var (field, messages) in errors[0].Fields)
            {
                var key = field switch { "kind" => "Input.Kind", "unitId" or "unitCode" => "Input.UnitId", "phone" => "Input.Phone", "personnelNumbers" => "Input.PersonnelNumbers", _ => "" };
                foreach (var m in messages) ModelState.AddModelError(key, text.Format(m.Key, m.Args));
            }
            return Page();
        }
        Created = created[0];
        SmsText = InvitationArtefacts.SmsText(SenimCultures.Of(System.Globalization.CultureInfo.CurrentUICulture), Created.Code, Created.FeedbackUrl, Created.ExpiresAt);
        ModelState.Clear();
        Input = new InputModel { Kind = Input.Kind, UnitId = Input.UnitId, Channel = Input.Channel };
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Kinds = await db.InteractionKinds.AsNoTracking().Where(k => k.IsActive).OrderBy(k => k.SortOrder).ToListAsync(ct);
        var units = await OrganisationScope.For(User).Filter(db.Units.AsNoTracking()).OrderBy(u => u.Depth).ThenBy(u => u.Code).Take(1000).ToListAsync(ct);
        Units = [.. units.Select(u => new UnitOption(u.Id, OrganisationQueries.Name(u)))];
    }
}
