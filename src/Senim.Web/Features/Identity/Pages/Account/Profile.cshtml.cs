using Microsoft.AspNetCore.Identity;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Identity.Pages.Account;

public sealed class ProfileModel(UserManager<SenimUser> users) : PageModel
{
    public string UserName { get; private set; } = "";
    public IList<string> Roles { get; private set; } = [];
    public string? Culture { get; private set; }
    public bool TwoFactor { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        UserName = user.UserName!;
        Roles = await users.GetRolesAsync(user);
        Culture = user.Culture;
        TwoFactor = user.TwoFactorEnabled;
        return Page();
    }
}
