using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;


namespace Senim.Web.Features.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Staff sign in with cookies (Identity); other state systems with an API key. An API request with
    /// no cookie is answered 401/403, never redirected to the sign-in page.</summary>
    public static IServiceCollection AddSenimIdentity(this IServiceCollection services)
    {
        // Keys in the database: cookies and antiforgery tokens survive restarts and work on every node behind a load balancer.
        services.AddDataProtection().SetApplicationName("Senim").PersistKeysToDbContext<SenimDb>();

        services.AddIdentity<SenimUser, SenimRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<SenimDb>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<SenimClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "senim.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeys.Scheme, null);

        var both = new[] { IdentityConstants.ApplicationScheme, ApiKeys.Scheme };
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.All))
            .AddPolicy(Policies.OrganisationRead, p => p.RequireRole(Roles.Administrator, Roles.NationalAnalyst, Roles.RegionalAnalyst,
                Roles.UnitHead, Roles.AttestationSecretary))
            .AddPolicy(Policies.OrganisationEdit, p => p.RequireRole(Roles.Administrator, Roles.UnitHead))
            .AddPolicy(Policies.Administration, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.ApiOrganisationRead, p => p.AddAuthenticationSchemes(both).RequireRole(Roles.Administrator,
                Roles.NationalAnalyst, Roles.RegionalAnalyst, Roles.UnitHead, Roles.AttestationSecretary, Roles.Employee, Roles.System))
            .AddPolicy(Policies.Moderation, p => p.RequireRole(Roles.Administrator, Roles.Moderator))
            .AddPolicy(Policies.RegisterInteractions, p => p.AddAuthenticationSchemes(both).RequireRole(Roles.Administrator, Roles.UnitHead, Roles.System));

        // Page access by URL folder, wherever the page's file lives (Common/FeaturePages): the rule follows the URL.
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .AuthorizeUrlFolder("/Org", Policies.OrganisationRead)
            .AuthorizeUrlFolder("/Admin", Policies.Administration)
            .AuthorizeUrlFolder("/Me", Policies.Staff)
            .AuthorizeUrl("/Account/Profile", Policies.Staff)
            .AuthorizeUrl("/Account/TwoFactor"));

        services.AddScoped<IAuthorizationHandler, UnitAccessHandler>();
        services.AddScoped<IAuthorizationHandler, EmployeeAccessHandler>();
        return services;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Outside Development an administrator must turn on two-factor sign-in before doing anything else.</summary>
    public static IApplicationBuilder UseAdministratorTwoFactorRequirement(this IApplicationBuilder app, IHostEnvironment env)
    {
        if (env.IsDevelopment()) return app;
        return app.Use(async (ctx, next) =>
        {
            var user = ctx.User;
            if (user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Administrator)
                && user.FindFirst("amr")?.Value != "mfa"
                && !ctx.Request.Path.StartsWithSegments("/Account")
                && !ctx.Request.Path.StartsWithSegments("/health")
                && !ctx.Request.Path.StartsWithSegments("/css") && !ctx.Request.Path.StartsWithSegments("/lib"))
            {
                if (ctx.Request.Path.StartsWithSegments("/api")) { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return; }
                ctx.Response.Redirect("/Account/TwoFactor?required=1");
                return;
            }
            await next();
        });
    }
}
