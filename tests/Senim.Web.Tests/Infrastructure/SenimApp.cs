using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Senim.Web.Data;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Tests.Infrastructure;

/// <summary>Senim in process on a real database of its own (a fresh SQLite file or a fresh PostgreSQL database),
/// migrated and seeded with demo data as on first start. Intent methods keep tests short.</summary>
public abstract partial class SenimApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int DemoEmployees = 1200;
    public abstract DatabaseProvider Provider { get; }
    public string ConnectionString { get; private set; } = "";

    protected abstract Task<string> CreateDatabaseAsync();
    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        // Building the host runs migrations and seeding (Development), like `dotnet run` does.
        await StartAsync();
    }

    /// <summary>Starts the in-memory test server; the browser fixture starts a real Kestrel server instead.</summary>
    protected virtual Task StartAsync()
    {
        _ = Services;
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Senim", ConnectionString);
        builder.UseSetting("Database:DemoEmployees", DemoEmployees.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Database:DemoSeed", "424242");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests send thousands of requests from one address; the rate-limit test uses its own lower limits.
        builder.UseSetting("Feedback:PerAddressPerMinute", "1000000");
        builder.UseSetting("Feedback:PerCodePerMinute", "1000");
    }

    public HttpClient Anonymous(string? culture = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (culture is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        return client;
    }

    public HttpClient WithApiKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(ApiKeys.Header, key);
        return client;
    }

    /// <summary>A client signed in as a demo account through the real sign-in form.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = DemoAccounts.Password, string? culture = null)
    {
        var client = Anonymous(culture);
        var response = await PostFormAsync(client, "/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>GETs the form page for its antiforgery token, then POSTs the fields with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success) throw new InvalidOperationException("No antiforgery token on " + (formPage ?? url));
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>A form post whose fields may repeat (checkbox lists), with the antiforgery token of <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string formPage)
    {
        var page = await client.GetStringAsync(formPage);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success) throw new InvalidOperationException("No antiforgery token on " + formPage);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)))));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public async Task<T> WithDbAsync<T>(Func<SenimDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SenimDb>());
    }

    public Task<Unit> HeadUnitAsync() => WithDbAsync(async db =>
    {
        var head = await db.Users.FirstAsync(u => u.UserName == "head");
        return await db.Units.AsNoTracking().FirstAsync(u => u.Id == head.ScopeUnitId);
    });
}

public class SqliteApp : SenimApp
{
    private string _file = "";
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        _file = Path.Combine(Path.GetTempPath(), $"senim-test-{Guid.NewGuid():N}.db");
        return Task.FromResult($"Data Source={_file};Pooling=False;Default Timeout=30");
    }

    protected override Task DropDatabaseAsync()
    {
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) if (File.Exists(f)) File.Delete(f);
        return Task.CompletedTask;
    }
}

/// <summary>Needs a PostgreSQL server: the test script starts one and sets SENIM_TEST_PG to an admin connection string.</summary>
public class PostgresApp : SenimApp
{
    private string _database = "";
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("SENIM_TEST_PG")
        ?? throw new InvalidOperationException("SENIM_TEST_PG is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        _database = "senim_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", conn)) await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _database }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>A second Senim node on an existing database (another web node behind the same load balancer).</summary>
public sealed class SecondNodeApp(DatabaseProvider provider, string connectionString) : SenimApp
{
    public override DatabaseProvider Provider => provider;
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(connectionString);
    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}
