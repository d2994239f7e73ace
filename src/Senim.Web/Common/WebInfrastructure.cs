using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Senim.Web.Common;

public static class WebInfrastructure
{
    public static IServiceCollection AddSenimWeb(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        // Kazakh and Russian text is written as is, not as &#x...; entities (pages stay small on slow phones).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<IText, Text>();
        services.AddOptions<PublicLinkOptions>().BindConfiguration(PublicLinkOptions.Section);
        services.AddSingleton<PublicLinks>();
        // Enums travel as their names ("InPerson", "Patrol") in both directions: readable and stable for other systems.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            // Titles of framework-made problems (400/401/403/404/405/415/500...) in the person's language.
            var text = ctx.HttpContext.RequestServices.GetRequiredService<IText>();
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            var key = "Problem." + status.ToString(CultureInfo.InvariantCulture);
            var localized = text[key];
            if (localized != key && (ctx.ProblemDetails.Title is null || ctx.ProblemDetails.Title.Length == 0 || IsFrameworkTitle(ctx.ProblemDetails.Title)))
                ctx.ProblemDetails.Title = localized;
        });
        services.AddFeaturePages()
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedModelBindingMessages>();
        // Unbindable parameters (page=abc) are answered 400 ProblemDetails in every environment, not thrown.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 50 * 1024 * 1024);
        services.AddAntiforgery(o => o.Cookie.Name = "senim.af");
        return services;
    }

    private static bool IsFrameworkTitle(string title) =>
        title.StartsWith("One or more validation errors", StringComparison.Ordinal)
        || title is "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found" or "Method Not Allowed" or "Unsupported Media Type"
            or "An error occurred while processing your request." or "Conflict" or "Gone" or "Payload Too Large" or "Too Many Requests" or "Service Unavailable";

    /// <summary>Security headers on every response. The CSP allows only our own scripts and styles.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!ctx.Request.Path.StartsWithSegments("/openapi"))
                h["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            return Task.CompletedTask;
        });
        await next();
    });

    /// <summary>Unhandled exceptions become a ProblemDetails (API) or the error page (UI); the details go to the log only.</summary>
    public static IApplicationBuilder UseSenimErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode
                : IsOverload(ex) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            ExceptionHandler = async ctx =>
            {
                var problems = ctx.RequestServices.GetRequiredService<IProblemDetailsService>();
                var feature = ctx.Features.Get<IExceptionHandlerFeature>();
                RestoreRequestCulture(ctx);
                if (ctx.Response.StatusCode == StatusCodes.Status503ServiceUnavailable) ctx.Response.Headers.RetryAfter = "5";
                if (!ctx.Request.Path.StartsWithSegments("/api") && ctx.Response.StatusCode >= 500)
                {
                    ctx.Response.Redirect("/Error");
                    return;
                }
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx,
                    Exception = feature?.Error,
                    ProblemDetails = new ProblemDetails { Status = ctx.Response.StatusCode },
                });
            },
        });
        app.UseStatusCodePages(async status =>
        {
            var ctx = status.HttpContext;
            RestoreRequestCulture(ctx);
            if (ctx.Request.Path.StartsWithSegments("/api"))
            {
                var problems = ctx.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext { HttpContext = ctx, ProblemDetails = new ProblemDetails { Status = ctx.Response.StatusCode } });
            }
            else if (ctx.Response.StatusCode is 404 or 403 or 400)
            {
                ctx.Response.Redirect("/Status/" + ctx.Response.StatusCode.ToString(CultureInfo.InvariantCulture));
            }
        });
        return app;
    }

    /// <summary>These handlers run after the rest of the pipeline has returned, outside the culture the localization
    /// middleware set for the request (an async-local change does not flow back to the caller): set it again.</summary>
    private static void RestoreRequestCulture(HttpContext ctx)
    {
        if (ctx.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>() is { } feature)
        {
            CultureInfo.CurrentCulture = feature.RequestCulture.Culture;
            CultureInfo.CurrentUICulture = feature.RequestCulture.UICulture;
        }
    }

    /// <summary>The server is out of capacity, not wrong: every database connection is taken (Npgsql's pool waited its
    /// timeout) or SQLite stayed busy. The transaction was rolled back, so the client is told 503 with Retry-After.</summary>
    internal static bool IsOverload(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { InnerException: TimeoutException } || e is TimeoutException) return true;
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }) return true; // SQLITE_BUSY, SQLITE_LOCKED
        }
        return false;
    }
}

/// <summary>Model-binding messages ("The value 'x' is not valid") in the person's language.</summary>
internal sealed class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var p = options.ModelBindingMessageProvider;
        p.SetAttemptedValueIsInvalidAccessor((v, f) => l["Validation.ValueInvalid", v, f]);
        p.SetMissingBindRequiredValueAccessor(f => l["Validation.Required", f]);
        p.SetMissingKeyOrValueAccessor(() => l["Validation.Required", "?"]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.BodyRequired"]);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["Validation.ValueInvalid", v, "?"]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.ValueInvalid", "", "?"]);
        p.SetUnknownValueIsInvalidAccessor(f => l["Validation.ValueInvalid", "", f]);
        p.SetValueIsInvalidAccessor(v => l["Validation.ValueInvalid", v, "?"]);
        p.SetValueMustBeANumberAccessor(f => l["Validation.Number", f]);
        p.SetValueMustNotBeNullAccessor(f => l["Validation.Required", f]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.Number", "?"]);
        options.ModelMetadataDetailsProviders.Add(new SystemTextJsonValidationMetadataProvider());
    }
}
