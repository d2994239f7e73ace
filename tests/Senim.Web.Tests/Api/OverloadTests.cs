using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Api;

/// <summary>When every database connection is taken, a request is told 503 with Retry-After and a localized problem —
/// the server is out of capacity, not wrong — and answers normally once a connection is free again.</summary>
public sealed class OverloadTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task AnExhaustedConnectionPoolAnswers503WithRetryAfterNotA500()
    {
        // A second node whose pool holds one connection and waits one second for it.
        var tiny = new NpgsqlConnectionStringBuilder(app.ConnectionString) { MaxPoolSize = 1, Timeout = 1 }.ConnectionString;
        await using var node = new SecondNodeApp(app.Provider, tiny);
        await ((IAsyncLifetime)node).InitializeAsync();
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(Senim.Web.Features.Identity.ApiKeys.Header, Senim.Web.Features.Identity.DemoAccounts.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/regions")).StatusCode);

        // Hold the node's only connection, through the node's own database context (and so its own pool).
        await using (var scope = node.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Senim.Web.Data.SenimDb>();
            await db.Database.OpenConnectionAsync();
            foreach (var (culture, title) in new[] { ("kk", "шамадан тыс жүктелген"), ("ru", "перегружен"), ("en", "overloaded") })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions");
                request.Headers.AcceptLanguage.ParseAdd(culture);
                var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
                Assert.Contains(title, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/regions")).StatusCode);
    }

    [Fact]
    public void OnlyCapacityFailuresCountAsOverload()
    {
        Assert.True(Senim.Web.Common.WebInfrastructure.IsOverload(new InvalidOperationException("wrapped", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()))));
        Assert.True(Senim.Web.Common.WebInfrastructure.IsOverload(new Microsoft.Data.Sqlite.SqliteException("database is locked", 5)));
        Assert.False(Senim.Web.Common.WebInfrastructure.IsOverload(new NpgsqlException("syntax error")));
        Assert.False(Senim.Web.Common.WebInfrastructure.IsOverload(new InvalidOperationException("a bug")));
    }
}
