using System.Security.Claims;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Senim.Web.Common;

public static class SenimCultures
{
    public const string Kazakh = "kk";
    public const string Russian = "ru";
    public const string English = "en";
    public const string ClaimType = "senim:culture";

    public static readonly string[] All = [Kazakh, Russian, English];
    public static IReadOnlyList<CultureInfo> Cultures { get; } = [.. All.Select(CultureInfo.GetCultureInfo)];

    public static bool IsSupported(string? name) => name is not null && All.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The supported language of <paramref name="c"/> (kk for any other), as stored with a resident's answer.</summary>
    public static string Of(CultureInfo c) => c.TwoLetterISOLanguageName is Russian or English ? c.TwoLetterISOLanguageName : Kazakh;

    /// <summary>Pick the name of the entity in the current UI language.</summary>
    public static string Pick(string kk, string ru, string en) => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
    {
        Russian => ru,
        English => en,
        _ => kk,
    };
}

/// <summary>The signed-in person's saved choice comes first; it travels in the auth cookie as a claim.</summary>
public sealed class UserProfileCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var c = httpContext.User.FindFirstValue(SenimCultures.ClaimType);
        return Task.FromResult(SenimCultures.IsSupported(c) ? new ProviderCultureResult(c!) : null);
    }
}

public static class LocalizationServiceCollectionExtensions
{
    public static IServiceCollection AddSenimLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(SenimCultures.Kazakh);
            o.SupportedCultures = [.. SenimCultures.Cultures];
            o.SupportedUICultures = [.. SenimCultures.Cultures];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Order: the person's saved choice, then the query string (links), then the cookie, then the browser.
            o.RequestCultureProviders =
            [
                new UserProfileCultureProvider(),
                new QueryStringRequestCultureProvider { QueryStringKey = "culture", UIQueryStringKey = "culture" },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
            ];
        });
        return services;
    }
}

/// <summary>Short-hand for the shared localizer.</summary>
public interface IText
{
    string this[string key] { get; }
    string Format(string key, params object[] args);
}

internal sealed class Text(IStringLocalizer<SharedResource> localizer) : IText
{
    public string this[string key] => localizer[key];
    public string Format(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, localizer[key], args);
}
