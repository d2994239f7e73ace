using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Senim.Web.Features.Identity;

public static class CultureSwitch
{
    /// <summary>POST /culture (form: culture, returnUrl): keeps the choice in a cookie and, when signed in, on the profile.
    /// Anonymous (residents use it too); antiforgery-protected like every form.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapPost("/culture", async ([FromForm] string? culture, [FromForm] string? returnUrl, HttpContext http,
            UserManager<SenimUser> users, SignInManager<SenimUser> signIn) =>
        {
            if (!SenimCultures.IsSupported(culture)) culture = SenimCultures.Kazakh;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            if (http.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(http.User) is { } user)
            {
                user.Culture = culture;
                await users.UpdateAsync(user);
                await signIn.RefreshSignInAsync(user);
            }
            return Results.LocalRedirect(string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) ? "/" : returnUrl);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
