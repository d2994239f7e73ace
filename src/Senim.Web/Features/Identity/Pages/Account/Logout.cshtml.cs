using Microsoft.AspNetCore.Identity;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Identity.Pages.Account;

public sealed class LogoutModel(SignInManager<SenimUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
