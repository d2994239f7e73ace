using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Senim.Web.Features.Identity;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Api;

public abstract class ScaleOutTests<TApp>(TApp app) where TApp : SenimApp
{
    /// <summary>Data-protection keys live in the database, so a sign-in cookie issued by one node is accepted by another.</summary>
    [Fact]
    public async Task ACookieIssuedByOneNodeIsAcceptedByAnother()
    {
        var client = app.Anonymous();
        var login = await SenimApp.PostFormAsync(client, "/Account/Login", new() { ["Input.UserName"] = "analyst", ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("senim.auth=", StringComparison.Ordinal)).Split(';')[0];

        await using var second = new SecondNodeApp(app.Provider, app.ConnectionString);
        await ((IAsyncLifetime)second).InitializeAsync();
        using var other = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Org");
        request.Headers.Add("Cookie", cookie);
        var response = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class ScaleOutOnSqlite(SqliteApp app) : ScaleOutTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class ScaleOutOnPostgres(PostgresApp app) : ScaleOutTests<PostgresApp>(app), IClassFixture<PostgresApp>;
