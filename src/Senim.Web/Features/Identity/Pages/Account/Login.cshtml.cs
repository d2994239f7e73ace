using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Identity.Pages.Account;

public sealed class LoginModel(SignInManager<SenimUser> signIn, IText text) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(256, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Login.UserName")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [StringLength(256, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Login.Password")]
        public string Password { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.UserName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl(ReturnUrl));
        if (result.RequiresTwoFactor) return RedirectToPage("LoginWith2fa", new { ReturnUrl });
        ModelState.AddModelError("", result.IsLockedOut ? text["Login.LockedOut"] : text["Login.Failed"]);
        return Page();
    }

    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
