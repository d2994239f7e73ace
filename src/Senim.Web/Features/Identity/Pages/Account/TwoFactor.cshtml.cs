using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using QRCoder;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Identity.Pages.Account;

/// <summary>Turns on TOTP two-factor sign-in (RFC 6238 authenticator apps). Required for administrators outside Development.</summary>
public sealed class TwoFactorModel(UserManager<SenimUser> users, SignInManager<SenimUser> signIn, IText text, AuditLog audit) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(7, MinimumLength = 6, ErrorMessage = "Validation.TotpCode"), Display(Name = "TwoFactor.Code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)] public bool Required { get; set; }
    public bool Enabled { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrSvgBase64 { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await Load(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!ModelState.IsValid) { await Load(user); return Page(); }
        var ok = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Code.Replace(" ", "", StringComparison.Ordinal));
        if (!ok)
        {
            ModelState.AddModelError(nameof(Code), text["TwoFactor.Invalid"]);
            await Load(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        audit.Record("identity.2fa.enable", "user", user.Id, null, new { user.UserName });
        await HttpContext.RequestServices.GetRequiredService<Data.SenimDb>().SaveChangesAsync();
        await signIn.SignInWithClaimsAsync(user, false, [new Claim("amr", "mfa")]);
        return RedirectToPage();
    }

    private async Task Load(SenimUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled) return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = key!;
        var uri = $"otpauth://totp/Senim:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer=Senim&digits=6";
        using var gen = new QRCodeGenerator();
        using var data = gen.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        QrSvgBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
