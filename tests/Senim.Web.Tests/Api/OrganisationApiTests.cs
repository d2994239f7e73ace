using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Identity;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Api;

public abstract class OrganisationApiTests<TApp>(TApp app) where TApp : SenimApp
{
    private async Task<(Guid Inside, Guid OutsideSubtreeSameRegion, Guid OtherRegion)> SampleEmployeesAsync()
    {
        var head = await app.HeadUnitAsync();
        return await app.WithDbAsync(async db =>
        {
            var inside = await db.Employees.Where(e => db.Units.Any(u => u.Id == e.UnitId && u.Path.StartsWith(head.Path))).Select(e => e.Id).FirstAsync();
            var sameRegion = await db.Employees.Where(e => db.Units.Any(u => u.Id == e.UnitId && u.RegionCode == head.RegionCode && !u.Path.StartsWith(head.Path))).Select(e => e.Id).FirstAsync();
            var other = await db.Employees.Where(e => db.Units.Any(u => u.Id == e.UnitId && u.RegionCode != head.RegionCode && u.RegionCode != null)).Select(e => e.Id).FirstAsync();
            return (inside, sameRegion, other);
        });
    }

    [Fact]
    public async Task HealthAndOpenApiAnswer()
    {
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/employees/{id}", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/units", out _));
    }

    [Fact]
    public async Task AnonymousApiRequestIsRefusedWithProblemDetails()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/employees");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DemoApiKeyReadsAndUnknownKeyIsRefused()
    {
        var ok = await app.WithApiKey(DemoAccounts.ApiKey).GetAsync("/api/v1/employees?pageSize=5");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var page = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(5, page.GetProperty("items").GetArrayLength());
        Assert.Equal(SenimApp.DemoEmployees, page.GetProperty("total").GetInt32());

        var bad = await app.WithApiKey("snm_" + new string('x', 40)).GetAsync("/api/v1/employees");
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
    }

    [Fact]
    public async Task UnitHeadSeesExactlyTheSubtree()
    {
        var head = await app.HeadUnitAsync();
        var (inside, sameRegion, otherRegion) = await SampleEmployeesAsync();
        var client = await app.SignInAsync("head");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/employees/{inside}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/employees/{sameRegion}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/employees/{otherRegion}")).StatusCode);
        var page = await client.GetAsync($"/Org/Employee/{sameRegion}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var expected = await app.WithDbAsync(db => db.Employees.CountAsync(e => db.Units.Any(u => u.Id == e.UnitId && u.Path.StartsWith(head.Path))));
        var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/employees?pageSize=200")).RootElement;
        Assert.Equal(expected, list.GetProperty("total").GetInt32());
        var units = JsonDocument.Parse(await client.GetStringAsync("/api/v1/units?pageSize=200")).RootElement;
        Assert.All(units.GetProperty("items").EnumerateArray(), u => Assert.NotNull(u.GetProperty("id").GetString()));
        var parentUnit = head.ParentId!.Value;
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/units/{parentUnit}")).StatusCode);
    }

    [Fact]
    public async Task RegionalAnalystSeesExactlyTheRegion()
    {
        var (inside, sameRegion, otherRegion) = await SampleEmployeesAsync();
        var client = await app.SignInAsync("regional");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/employees/{inside}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/employees/{sameRegion}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/employees/{otherRegion}")).StatusCode);
        var head = await app.HeadUnitAsync();
        var expected = await app.WithDbAsync(db => db.Employees.CountAsync(e => db.Units.Any(u => u.Id == e.UnitId && u.RegionCode == head.RegionCode)));
        var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/employees?pageSize=1")).RootElement;
        Assert.Equal(expected, list.GetProperty("total").GetInt32());
        // Not an administrator: the API keys page is refused.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Admin/ApiKeys")).StatusCode);
    }

    [Fact]
    public async Task EmployeeSeesOnlyTheirOwnRecord()
    {
        var (inside, _, otherRegion) = await SampleEmployeesAsync();
        var own = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "officer").Select(u => u.EmployeeId!.Value).FirstAsync());
        var client = await app.SignInAsync("officer");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/employees/{own}")).StatusCode);
        if (inside != own) Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/employees/{inside}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/employees/{otherRegion}")).StatusCode);
        var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/employees")).RootElement;
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Org")).StatusCode);
    }

    [Theory]
    [InlineData("commission")]
    public async Task CommissionMemberCannotReadTheOrganisation(string user)
    {
        var (inside, _, _) = await SampleEmployeesAsync();
        var client = await app.SignInAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/employees/{inside}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/employees")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Org/Employees")).StatusCode);
    }

    [Theory]
    [InlineData("analyst")]
    [InlineData("secretary")]
    public async Task NationalReadersSeeEveryoneButCannotEditOrAdminister(string user)
    {
        var (_, _, otherRegion) = await SampleEmployeesAsync();
        var client = await app.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/employees/{otherRegion}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/Org/EditEmployee/{otherRegion}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Admin/Audit")).StatusCode);
    }

    [Fact]
    public async Task AdministratorSeesAndEditsAnyone()
    {
        var (_, _, otherRegion) = await SampleEmployeesAsync();
        var client = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/employees/{otherRegion}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Org/EditEmployee/{otherRegion}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Audit")).StatusCode);
    }

    [Fact]
    public async Task UnknownEmployeeIsNotFoundWithLocalizedProblem()
    {
        var client = app.WithApiKey(DemoAccounts.ApiKey);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var response = await client.GetAsync($"/api/v1/employees/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Сотрудник не найден.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/employees?pageSize=0", "pageSize")]
    [InlineData("/api/v1/employees?page=0", "page")]
    [InlineData("/api/v1/units?pageSize=5000", "pageSize")]
    public async Task BadPagingIsAValidationProblemInTheReadersLanguage(string url, string field)
    {
        foreach (var (culture, fragment) in new[] { ("kk", "Бет"), ("ru", "страниц"), ("en", "page") })
        {
            var client = app.WithApiKey(DemoAccounts.ApiKey);
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
            Assert.Contains(fragment, message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("/api/v1/employees?page=abc")]
    [InlineData("/api/v1/employees?category=Astronaut")]
    [InlineData("/api/v1/employees/not-a-guid")]
    [InlineData("/api/v1/units?parentId=zzz")]
    public async Task MalformedParametersAreClientErrorsNeverServerErrors(string url)
    {
        var response = await app.WithApiKey(DemoAccounts.ApiKey).GetAsync(url);
        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}

public sealed class OrganisationApiOnSqlite(SqliteApp app) : OrganisationApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class OrganisationApiOnPostgres(PostgresApp app) : OrganisationApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
