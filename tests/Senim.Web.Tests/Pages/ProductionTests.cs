using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Features.Identity;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Pages;

/// <summary>Senim as deployed: Production environment, no demo data or accounts, migrations applied by configuration.</summary>
public sealed class ProductionSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Feedback:HashKey", "production-test-hash-key-0123456789abcdef");
    }
}

public sealed class ProductionTests(ProductionSqliteApp app) : IClassFixture<ProductionSqliteApp>
{
    [Fact]
    public async Task AdministratorMustTurnOnTwoFactorBeforeAnythingElse()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<SenimRole>>();
            if (!await roles.RoleExistsAsync(Roles.Administrator)) await roles.CreateAsync(new SenimRole(Roles.Administrator));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SenimUser>>();
            var user = new SenimUser { UserName = "prod-admin", DisplayName = "Administrator" };
            Assert.True((await users.CreateAsync(user, "Long-enough-password-1")).Succeeded);
            await users.AddToRoleAsync(user, Roles.Administrator);
        }
        var client = await app.SignInAsync("prod-admin", "Long-enough-password-1");
        var response = await client.GetAsync("/Admin/ApiKeys");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/TwoFactor", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/employees")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/TwoFactor?required=1")).StatusCode);
    }

    [Fact]
    public async Task NoDemoAccountOrDemoKeyExistsOutsideDevelopment()
    {
        var key = await app.WithApiKey(DemoAccounts.ApiKey).GetAsync("/api/v1/regions");
        Assert.Equal(HttpStatusCode.Unauthorized, key.StatusCode);
        var client = app.Anonymous();
        var login = await SenimApp.PostFormAsync(client, "/Account/Login", new() { ["Input.UserName"] = "admin", ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode); // the form again, with an error
    }

    [Fact]
    public async Task EveryResponseCarriesSecurityHeaders()
    {
        var response = await app.Anonymous().GetAsync("/");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/health/ready")).StatusCode);
    }
}
