using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Identity.Pages.Account;

public sealed class LoginWith2faModel(SignInManager<SenimUser> signIn, IText text) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(7, MinimumLength = 6, ErrorMessage = "Validation.TotpCode"), Display(Name = "TwoFactor.Code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("Login");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Code.Replace(" ", "", StringComparison.Ordinal), false, false);
        if (result.Succeeded) return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
        ModelState.AddModelError("", result.IsLockedOut ? text["Login.LockedOut"] : text["TwoFactor.Invalid"]);
        return Page();
    }
}
