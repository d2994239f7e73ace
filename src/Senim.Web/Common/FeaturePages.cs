using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Senim.Web.Common;

/// <summary>
/// Pages live in their feature: <c>Features/&lt;Feature&gt;/Pages/…</c>. A page's URL is its path below its feature's
/// <c>Pages</c> folder, so <c>Features/Organisation/Pages/Org/Unit.cshtml</c> answers <c>/Org/Unit</c>, exactly the URL it
/// had before the move (the folders below <c>Pages</c> are URL segments, kept because URLs are printed and bookmarked).
/// A page whose <c>@page</c> template starts with <c>/</c> (<c>/f/{code}</c>, <c>/s/{wave}</c>) keeps that template.
/// The shared pages in <c>Pages/</c> (home, error, status) follow the same rule.
/// </summary>
public static class FeaturePages
{
    /// <summary>The URL path of a page's view-engine path, e.g. <c>/Features/Organisation/Pages/Org/Unit</c> → <c>Org/Unit</c>.</summary>
    public static string UrlPath(string viewEnginePathOrTemplate)
    {
        var path = viewEnginePathOrTemplate.TrimStart('/');
        if (path.StartsWith("Features/", StringComparison.Ordinal))
        {
            // Features/<Feature>/Pages[/rest]
            var afterFeature = path.IndexOf('/', "Features/".Length);
            if (afterFeature < 0) return path;
            var rest = path[(afterFeature + 1)..];
            return StripPages(rest) ?? path;
        }
        return StripPages(path) ?? path;
    }

    private static string? StripPages(string path) =>
        path == "Pages" ? "" : path.StartsWith("Pages/", StringComparison.Ordinal) ? path["Pages/".Length..] : null;

    /// <summary>Pages discovered from the whole project, routed by <see cref="UrlPath"/>; layouts and shared partials from <c>Pages/Shared</c>.</summary>
    public static IMvcBuilder AddFeaturePages(this IServiceCollection services)
    {
        services.Configure<RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Pages/Shared/{0}" + RazorViewEngine.ViewExtension));
        return services.AddRazorPages(o =>
        {
            o.RootDirectory = "/";
            o.Conventions.Add(new RouteConvention());
        });
    }

    /// <summary>Every page whose URL lies under <paramref name="urlFolder"/> requires <paramref name="policy"/> (null: any signed-in person),
    /// wherever its file lives: the rule follows the URL, so a page added to a folder cannot forget it.</summary>
    public static PageConventionCollection AuthorizeUrlFolder(this PageConventionCollection conventions, string urlFolder, string? policy = null)
    {
        conventions.Add(new AuthorizeConvention(urlFolder.Trim('/') + "/", policy));
        return conventions;
    }

    /// <summary>The page at <paramref name="urlPath"/> requires <paramref name="policy"/> (null: any signed-in person).</summary>
    public static PageConventionCollection AuthorizeUrl(this PageConventionCollection conventions, string urlPath, string? policy = null)
    {
        conventions.Add(new AuthorizeConvention(urlPath.Trim('/'), policy));
        return conventions;
    }

    private sealed class RouteConvention : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            foreach (var selector in model.Selectors)
            {
                if (selector.AttributeRouteModel is { Template: { } template } route) route.Template = UrlPath(template);
            }
        }
    }

    private sealed class AuthorizeConvention(string urlPrefix, string? policy) : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            var url = UrlPath(model.ViewEnginePath);
            var matches = urlPrefix.EndsWith('/') ? url.StartsWith(urlPrefix, StringComparison.Ordinal) : url == urlPrefix;
            if (matches) model.EndpointMetadata.Add(policy is null ? new AuthorizeAttribute() : new AuthorizeAttribute(policy));
        }
    }
}
