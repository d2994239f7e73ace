using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Identity;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Feedback;

public abstract class UnitSettingsTests<TApp>(TApp app) where TApp : SenimApp
{
    [Fact]
    public async Task AUnitHeadHidesNamesOnTheRatingPageForTheWholeSubtree()
    {
        var head = await app.HeadUnitAsync();
        var (frontOffice, employee) = await app.WithDbAsync(async db =>
        {
            var fo = await db.Units.FirstAsync(u => u.ParentId == head.Id && u.Kind == Senim.Web.Features.Organisation.UnitKind.FrontOffice);
            var e = await db.Employees.Where(x => x.UnitId == fo.Id && x.BadgeNumber != null).OrderBy(x => x.PersonnelNumber).FirstAsync();
            return (fo, e);
        });
        var created = await app.WithApiKey(DemoAccounts.ApiKey).PostAsJsonAsync("/api/v1/interactions",
            new { kind = "consultation", unitId = frontOffice.Id, employeeIds = new[] { employee.Id }, occurredAt = DateTime.UtcNow });
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var resident = app.Anonymous("en");
        Assert.Contains($"{employee.FirstName} {employee.LastName} (№ {employee.BadgeNumber})", await resident.GetStringAsync($"/f/{code}"), StringComparison.Ordinal);

        var client = await app.SignInAsync("head", culture: "en");
        var saved = await SenimApp.PostFormAsync(client, $"/Feedback/UnitSettings?unitId={head.Id}",
            new() { ["unitId"] = head.Id.ToString(), ["showBadges"] = "true" }, formPage: $"/Feedback/UnitSettings?unitId={head.Id}");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var page = await resident.GetStringAsync($"/f/{code}");
        Assert.DoesNotContain(employee.LastName, page, StringComparison.Ordinal);
        Assert.Contains($"№ {employee.BadgeNumber}", page, StringComparison.Ordinal);

        var outside = await app.WithDbAsync(db => db.Units.Where(u => u.RegionCode != head.RegionCode && u.RegionCode != null).Select(u => u.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/Feedback/UnitSettings?unitId={outside}")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "unit.feedback-settings" && a.Actor == "head")));
    }
}

public sealed class UnitSettingsOnSqlite(SqliteApp app) : UnitSettingsTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class UnitSettingsOnPostgres(PostgresApp app) : UnitSettingsTests<PostgresApp>(app), IClassFixture<PostgresApp>;
