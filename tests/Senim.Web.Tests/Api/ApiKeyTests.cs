using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Api;

public abstract partial class ApiKeyTests<TApp>(TApp app) where TApp : SenimApp
{
    [Fact]
    public async Task AnAdministratorIssuesAKeyThatWorksUntilRevoked()
    {
        var admin = await app.SignInAsync("admin", culture: "en");
        var issued = await SenimApp.PostFormAsync(admin, "/Admin/ApiKeys?handler=Issue", new() { ["Name"] = "Egov appeals registry" }, formPage: "/Admin/ApiKeys");
        var html = await issued.Content.ReadAsStringAsync();
        var key = NewKey().Match(html).Groups[1].Value;
        Assert.StartsWith("snm_", key, StringComparison.Ordinal);
        Assert.Contains("It is shown only once", html, StringComparison.Ordinal);

        var system = app.WithApiKey(key);
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync("/api/v1/regions")).StatusCode);
        var stored = await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().FirstAsync(k => k.Name == "Egov appeals registry"));
        Assert.NotEqual(key, stored.Hash);
        Assert.DoesNotContain(key, stored.Hash, StringComparison.Ordinal);
        Assert.NotNull(stored.LastUsedAt);

        var revoked = await SenimApp.PostFormAsync(admin, "/Admin/ApiKeys?handler=Revoke", new() { ["keyId"] = stored.Id.ToString() }, formPage: "/Admin/ApiKeys");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync("/api/v1/regions")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "apikey.revoke" && a.EntityId == stored.Id.ToString())));
    }

    [Fact]
    public async Task AKeyNeedsANameOfThreeCharactersOrMore()
    {
        var admin = await app.SignInAsync("admin", culture: "ru");
        var response = await SenimApp.PostFormAsync(admin, "/Admin/ApiKeys?handler=Issue", new() { ["Name"] = "x" }, formPage: "/Admin/ApiKeys");
        Assert.Contains("«Название системы»: от 3 до 200 символов.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<code id=\"new-key\">([^<]+)</code>")]
    private static partial Regex NewKey();
}

public sealed class ApiKeysOnSqlite(SqliteApp app) : ApiKeyTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class ApiKeysOnPostgres(PostgresApp app) : ApiKeyTests<PostgresApp>(app), IClassFixture<PostgresApp>;
