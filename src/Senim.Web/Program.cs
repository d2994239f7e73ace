using Senim.Web.Features.Attestation;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;
using Senim.Web.Features.Operations;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;
using Senim.Web.Features.Surveys;

// `Senim.Web migrate`, `Senim.Web seed …`: the command tree, on a host built by the same composition root.
if (SenimCommandLine.IsCommand(args))
{
    return await SenimCommandLine.RunAsync(args);
}

var app = Program.CreateBuilder(args).Build();

app.UseSenimReverseProxy();
app.UseSenimErrors();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
// After authentication: the signed-in person's saved language comes first.
app.UseRequestLocalization();
app.UseAdministratorTwoFactorRequirement(app.Environment);
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapSenimOperations();
app.MapOrganisationApi();
app.MapFeedbackApi();
app.MapScoringApi();
app.MapSurveysApi();
app.MapAttestationApi();
app.MapIndicatorsApi();
app.MapCultureSwitch();
app.MapRazorPages();

await DatabaseInitializer.InitialiseAsync(app);
app.Lifetime.ApplicationStarted.Register(() => DatabaseInitializer.PrintWelcome(app));
await app.RunAsync();
return 0;

public partial class Program
{
    /// <summary>The composition root, one for the web application and the command line: every feature's services.</summary>
    internal static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // A published Senim started from another directory (`dotnet /opt/senim/Senim.Web.dll`) still serves its own
        // wwwroot: the content root is the application's directory unless configured or started from a directory that
        // has a wwwroot.
        var contentRoot = Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is null
            && !Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "wwwroot"))
            && Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"))
            ? AppContext.BaseDirectory : null;
        // Named after this assembly, also when a bench tool hosts the command tree (its entry assembly is another).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args, ContentRootPath = contentRoot, ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        builder.AddSenimLogging();
        builder.Services.AddSenimDatabase(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSenimWeb();
        builder.Services.AddSenimReverseProxy(builder.Configuration);
        builder.Services.AddSenimLocalization();
        builder.Services.AddSenimIdentity();
        builder.Services.AddSenimOperations();
        builder.Services.AddOrganisation();
        builder.Services.AddFeedback(builder.Configuration);
        builder.Services.AddScoring();
        builder.Services.AddSurveys();
        builder.Services.AddAttestation();
        builder.Services.AddIndicators();
        return builder;
    }
}
