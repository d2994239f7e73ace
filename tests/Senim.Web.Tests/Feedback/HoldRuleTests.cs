using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Feedback;

/// <summary>Senim with low hold thresholds set through configuration (so the rules read their thresholds from the
/// options, not from literals), each request's address taken from the X-Test-Peer header (<see cref="ProxySetup"/>), and
/// group commit on (ratings written in batches) or off (each rating written alone).</summary>
internal static class HoldRuleSetup
{
    public const int SameSourcePerDay = 3;
    public const int BurstCount = 4;

    public static void Apply(IWebHostBuilder builder, bool groupCommit)
    {
        ProxySetup.Apply(builder);
        builder.UseSetting("Feedback:SameSourcePerDay", SameSourcePerDay.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Feedback:BurstCount", BurstCount.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Feedback:GroupCommit", groupCommit ? "true" : "false");
    }
}

public class HoldRuleSqliteApp : SqliteApp
{
    protected virtual bool GroupCommit => true;
    protected override void ConfigureWebHost(IWebHostBuilder builder) { base.ConfigureWebHost(builder); HoldRuleSetup.Apply(builder, GroupCommit); }
}

public class HoldRulePostgresApp : PostgresApp
{
    protected virtual bool GroupCommit => true;
    protected override void ConfigureWebHost(IWebHostBuilder builder) { base.ConfigureWebHost(builder); HoldRuleSetup.Apply(builder, GroupCommit); }
}

public sealed class HoldRuleOneByOneSqliteApp : HoldRuleSqliteApp { protected override bool GroupCommit => false; }

public sealed class HoldRuleOneByOnePostgresApp : HoldRulePostgresApp { protected override bool GroupCommit => false; }

/// <summary>Every hold rule tripped by residents through the public doors — the rating page (POST /f/{code}) and the
/// API (POST /api/v1/feedback/{code}) — and the reason read where staff read it, on the moderation page. Nothing is
/// written to the database by the test but through HTTP.</summary>
public abstract class HoldRuleTests<TApp>(TApp app) where TApp : SenimApp
{
    private const int Limit = HoldRuleSetup.SameSourcePerDay;
    private static int _network;

    /// <summary>A /24 network no other test of this run uses.</summary>
    private static string NewNetwork() => $"198.51.{Interlocked.Increment(ref _network)}";

    /// <summary>An employee with no rating in the last hour (so no earlier burst counts), the one of lowest or highest
    /// personnel number.</summary>
    private Task<(Guid Id, Guid UnitId)> QuietEmployeeAsync(bool first) => app.WithDbAsync(async db =>
    {
        var hourAgo = DateTime.UtcNow.AddHours(-1);
        var quiet = db.Employees.Where(e => !db.InteractionEmployees.Any(ie => ie.EmployeeId == e.Id
            && db.Ratings.Any(r => r.InteractionId == ie.InteractionId && r.SubmittedAt > hourAgo)));
        var e = await (first ? quiet.OrderBy(x => x.PersonnelNumber) : quiet.OrderByDescending(x => x.PersonnelNumber)).FirstAsync();
        return (e.Id, e.UnitId);
    });

    private async Task<string> RegisterAsync(Guid unitId, Guid? employee = null, string? phone = null)
    {
        var response = await app.WithApiKey(DemoAccounts.ApiKey).PostAsJsonAsync("/api/v1/interactions", new
        {
            kind = "consultation", unitId, employeeIds = employee is { } id ? new[] { id } : [], occurredAt = DateTime.UtcNow.AddMinutes(-5), phone,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    private HttpClient Resident(string address)
    {
        var client = app.Anonymous("en");
        client.DefaultRequestHeaders.Add("X-Test-Peer", address);
        return client;
    }

    /// <summary>Rates through the API; returns the status it answered.</summary>
    private static async Task<string> RateByApiAsync(HttpClient resident, string code, int c, int k, int t, int r)
    {
        var response = await resident.PostAsJsonAsync($"/api/v1/feedback/{code}", new { courtesy = c, competence = k, timeliness = t, resolved = r, trust = 5 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!;
    }

    /// <summary>Rates on the page as a resident's browser does; returns the status the API then reports for the code.</summary>
    private static async Task<string> RateOnPageAsync(HttpClient resident, string code, int c, int k, int t, int r)
    {
        var response = await SenimApp.PostFormAsync(resident, $"/f/{code}", new()
        {
            ["courtesy"] = c.ToString(CultureInfo.InvariantCulture), ["competence"] = k.ToString(CultureInfo.InvariantCulture),
            ["timeliness"] = t.ToString(CultureInfo.InvariantCulture), ["resolved"] = r.ToString(CultureInfo.InvariantCulture), ["trust"] = "5",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var status = await resident.GetFromJsonAsync<JsonElement>($"/api/v1/feedback/{code}");
        Assert.True(status.GetProperty("submitted").GetBoolean());
        return status.GetProperty("ratingStatus").GetString()!;
    }

    /// <summary>The reason column of each code's row on the moderation page (English), or null when the rating is not
    /// waiting there.</summary>
    private async Task<List<string?>> ReasonsOnModerationPageAsync(IEnumerable<string> codes)
    {
        var admin = await app.SignInAsync("admin", culture: "en");
        var page = await admin.GetStringAsync("/Moderation");
        var rows = page.Split("<tr>");
        var result = new List<string?>();
        foreach (var code in codes)
        {
            var id = await app.WithDbAsync(db => db.Ratings.Where(r => db.Interactions.Any(i => i.Id == r.InteractionId && i.Code == code)).Select(r => r.Id).SingleAsync());
            var row = rows.SingleOrDefault(r => r.Contains($"value=\"{id}:Rating\"", StringComparison.Ordinal));
            // Columns: select, when, unit, service, scores, comment, reason, actions.
            result.Add(row is null ? null : WebUtility.HtmlDecode(row.Split("<td>")[7].Split("</td>")[0]));
        }
        return result;
    }

    [Fact]
    public async Task MoreRatingsFromOneNetworkInADayThanAllowedAreHeldForTheNetwork()
    {
        // Different addresses of one /24, each rating for another interaction without a phone, none extreme.
        var (_, unit) = await QuietEmployeeAsync(first: true);
        var network = NewNetwork();
        var codes = new List<string>();
        var statuses = new List<string>();
        for (var i = 0; i <= Limit; i++)
        {
            var code = await RegisterAsync(unit);
            codes.Add(code);
            statuses.Add(await RateOnPageAsync(Resident($"{network}.{10 + i}"), code, 3, 3, 4, 3));
        }
        Assert.Equal([.. Enumerable.Repeat("Counted", Limit), "Held"], statuses);
        Assert.Equal([.. Enumerable.Repeat<string?>(null, Limit), "many ratings from one network"], await ReasonsOnModerationPageAsync(codes));

        // Another network is not held for this one's ratings.
        var other = await RegisterAsync(unit);
        Assert.Equal("Counted", await RateOnPageAsync(Resident($"{NewNetwork()}.10"), other, 3, 3, 4, 3));
    }

    [Fact]
    public async Task MoreRatingsFromOnePhoneInADayThanAllowedAreHeldForThePhone()
    {
        // One phone given at registration, written in two ways; every rating from another network.
        var (_, unit) = await QuietEmployeeAsync(first: true);
        var phones = new[] { "+7 701 555 12 34", "87015551234" };
        var codes = new List<string>();
        var statuses = new List<string>();
        for (var i = 0; i <= Limit; i++)
        {
            var code = await RegisterAsync(unit, phone: phones[i % 2]);
            codes.Add(code);
            statuses.Add(await RateByApiAsync(Resident($"{NewNetwork()}.20"), code, 4, 3, 3, 3));
        }
        Assert.Equal([.. Enumerable.Repeat("Counted", Limit), "Held"], statuses);
        Assert.Equal([.. Enumerable.Repeat<string?>(null, Limit), "many ratings from one phone"], await ReasonsOnModerationPageAsync(codes));
    }

    [Fact]
    public async Task ABurstOfLowRatingsOfOneEmployeeIsHeldFromTheRatingThatReachesTheCount()
    {
        var (employee, unit) = await QuietEmployeeAsync(first: true);
        var codes = new List<string>();
        var statuses = new List<string>();
        for (var i = 0; i <= HoldRuleSetup.BurstCount; i++)
        {
            var code = await RegisterAsync(unit, employee);
            codes.Add(code);
            // Sum 8, the highest that is still extremely low.
            statuses.Add(await RateByApiAsync(Resident($"{NewNetwork()}.30"), code, 2, 2, 2, 2));
        }
        Assert.Equal([.. Enumerable.Repeat("Counted", HoldRuleSetup.BurstCount - 1), "Held", "Held"], statuses);
        Assert.Equal([.. Enumerable.Repeat<string?>(null, HoldRuleSetup.BurstCount - 1), "burst of low ratings", "burst of low ratings"],
            await ReasonsOnModerationPageAsync(codes));

        // A rating that is not extremely low (sum 9) is not part of the burst.
        var ordinary = await RegisterAsync(unit, employee);
        Assert.Equal("Counted", await RateByApiAsync(Resident($"{NewNetwork()}.30"), ordinary, 3, 2, 2, 2));
    }

    [Fact]
    public async Task ABurstOfHighRatingsOfOneEmployeeIsHeldFromTheRatingThatReachesTheCount()
    {
        var (employee, unit) = await QuietEmployeeAsync(first: false);
        var codes = new List<string>();
        var statuses = new List<string>();
        for (var i = 0; i < HoldRuleSetup.BurstCount; i++)
        {
            var code = await RegisterAsync(unit, employee);
            codes.Add(code);
            // Sum 19, the lowest that is still extremely high.
            statuses.Add(await RateOnPageAsync(Resident($"{NewNetwork()}.40"), code, 5, 5, 5, 4));
        }
        Assert.Equal([.. Enumerable.Repeat("Counted", HoldRuleSetup.BurstCount - 1), "Held"], statuses);
        Assert.Equal([.. Enumerable.Repeat<string?>(null, HoldRuleSetup.BurstCount - 1), "burst of high ratings"], await ReasonsOnModerationPageAsync(codes));

        // Low ratings of the same employee are a burst of their own kind: the first one counts.
        var low = await RegisterAsync(unit, employee);
        Assert.Equal("Counted", await RateOnPageAsync(Resident($"{NewNetwork()}.40"), low, 1, 1, 1, 1));
    }

    [Fact]
    public async Task ARatingThatBreaksSeveralRulesIsHeldForEachOfThem()
    {
        // One network and one phone, extreme low ratings of one employee: the fourth breaks all three rules.
        var (employee, unit) = await QuietEmployeeAsync(first: true);
        var network = NewNetwork();
        var codes = new List<string>();
        for (var i = 0; i < HoldRuleSetup.BurstCount; i++)
        {
            var code = await RegisterAsync(unit, employee, phone: "+7 702 555 00 11");
            codes.Add(code);
            await RateByApiAsync(Resident($"{network}.50"), code, 1, 1, 1, 1);
        }
        var reasons = await ReasonsOnModerationPageAsync(codes[^1..]);
        Assert.Equal("many ratings from one network, many ratings from one phone, burst of low ratings", reasons[0]);
    }
}

public sealed class HoldRulesOnSqlite(HoldRuleSqliteApp app) : HoldRuleTests<HoldRuleSqliteApp>(app), IClassFixture<HoldRuleSqliteApp>;
public sealed class HoldRulesOnPostgres(HoldRulePostgresApp app) : HoldRuleTests<HoldRulePostgresApp>(app), IClassFixture<HoldRulePostgresApp>;
public sealed class HoldRulesOneByOneOnSqlite(HoldRuleOneByOneSqliteApp app) : HoldRuleTests<HoldRuleOneByOneSqliteApp>(app), IClassFixture<HoldRuleOneByOneSqliteApp>;
public sealed class HoldRulesOneByOneOnPostgres(HoldRuleOneByOnePostgresApp app) : HoldRuleTests<HoldRuleOneByOnePostgresApp>(app), IClassFixture<HoldRuleOneByOnePostgresApp>;
