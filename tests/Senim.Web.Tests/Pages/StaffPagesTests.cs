using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Data;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Pages;

public abstract class StaffPagesTests<TApp>(TApp app) where TApp : SenimApp
{
    [Theory]
    [InlineData(null, "kk")]
    [InlineData("fr-FR", "kk")]
    [InlineData("ru-RU,ru;q=0.9", "ru")]
    [InlineData("en", "en")]
    public async Task PageLanguageFollowsTheBrowserAndUnknownFallsBackToKazakh(string? acceptLanguage, string expected)
    {
        var html = await app.Anonymous(acceptLanguage).GetStringAsync("/");
        Assert.Contains($"<html lang=\"{expected}\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageChoiceIsKeptInACookieAndOnTheProfile()
    {
        var client = await app.SignInAsync("analyst", culture: "kk");
        var switched = await SenimApp.PostFormAsync(client, "/culture", new() { ["culture"] = "ru", ["returnUrl"] = "/Org" }, formPage: "/");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Org", switched.Headers.Location!.OriginalString);
        var html = await client.GetStringAsync("/Org");
        Assert.Contains("<html lang=\"ru\">", html, StringComparison.Ordinal);
        Assert.Contains("Организационная структура", html, StringComparison.Ordinal);
        var saved = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "analyst").Select(u => u.Culture).FirstAsync());
        Assert.Equal("ru", saved);
        // The profile choice wins over the browser's header on the next sign-in.
        var again = await app.SignInAsync("analyst", culture: "en");
        Assert.Contains("<html lang=\"ru\">", await again.GetStringAsync("/"), StringComparison.Ordinal);
        await app.WithDbAsync(async db => await db.Users.Where(u => u.UserName == "analyst").ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, (string?)null)));
    }

    [Fact]
    public async Task EmployeeSearchFiltersAndPages()
    {
        var client = await app.SignInAsync("admin", culture: "en");
        var first = await client.GetStringAsync("/Org/Employees");
        Assert.Contains($"Found: {SenimApp.DemoEmployees.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en"))}", first, StringComparison.Ordinal);
        Assert.Contains("Page 1 of", first, StringComparison.Ordinal);
        var someone = await app.WithDbAsync(db => db.Employees.OrderBy(e => e.PersonnelNumber).FirstAsync());
        var found = await client.GetStringAsync($"/Org/Employees?q={Uri.EscapeDataString(someone.PersonnelNumber.ToLowerInvariant())}");
        Assert.Contains("Found: 1", found, StringComparison.Ordinal);
        Assert.Contains(someone.LastName, found, StringComparison.Ordinal);
        var women = await app.WithDbAsync(db => db.Employees.CountAsync(e => e.Sex == Sex.Female));
        var filtered = await client.GetStringAsync("/Org/Employees?sex=Female");
        Assert.Contains($"Found: {women.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en"))}", filtered, StringComparison.Ordinal);
        var none = await client.GetStringAsync("/Org/Employees?q=zzzzzzzz");
        Assert.Contains("No employees match this filter.", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitHeadEditsAnEmployeeAndTheChangeIsAudited()
    {
        var head = await app.HeadUnitAsync();
        var employee = await app.WithDbAsync(db => db.Employees.AsNoTracking().Where(e => db.Units.Any(u => u.Id == e.UnitId && u.Path.StartsWith(head.Path))).OrderBy(e => e.PersonnelNumber).Skip(3).FirstAsync());
        var client = await app.SignInAsync("head", culture: "en");
        var url = $"/Org/EditEmployee/{employee.Id}";
        var fields = new Dictionary<string, string>
        {
            ["Input.LastName"] = "", ["Input.FirstName"] = employee.FirstName, ["Input.MiddleName"] = employee.MiddleName ?? "",
            ["Input.PersonnelNumber"] = employee.PersonnelNumber, ["Input.BadgeNumber"] = employee.BadgeNumber ?? "", ["Input.Sex"] = employee.Sex.ToString(),
            ["Input.BirthDate"] = employee.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.HireDate"] = employee.HireDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.PositionId"] = employee.PositionId?.ToString() ?? "", ["Input.Version"] = employee.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var invalid = await SenimApp.PostFormAsync(client, url, new(fields));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var body = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("Last name is required.", body, StringComparison.Ordinal);
        Assert.Contains(employee.FirstName, body, StringComparison.Ordinal); // nothing typed is lost

        fields["Input.LastName"] = "Сапаров";
        fields["Input.BirthDate"] = "2030-01-01";
        var badDate = await SenimApp.PostFormAsync(client, url, new(fields));
        Assert.Contains("Birth date: the age must be between 18 and 80.", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        fields["Input.BirthDate"] = employee.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var saved = await SenimApp.PostFormAsync(client, url, new(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (after, audit) = await app.WithDbAsync(async db => (
            await db.Employees.AsNoTracking().FirstAsync(e => e.Id == employee.Id),
            await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == employee.Id.ToString() && a.Action == "employee.update").ToListAsync()));
        Assert.Equal("Сапаров", after.LastName);
        Assert.Equal(employee.Version + 1, after.Version);
        var entry = Assert.Single(audit);
        Assert.Equal("head", entry.Actor);
        Assert.Contains(employee.LastName, entry.Before!, StringComparison.Ordinal);
        Assert.Contains("Сапаров", entry.After!, StringComparison.Ordinal);

        // The same (now stale) form again is refused, not silently applied.
        var stale = await SenimApp.PostFormAsync(client, url, new(fields) { ["Input.LastName"] = "Другой" });
        Assert.Contains("Someone else changed this record", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedReferenceFileIsReportedByLineAndNothingIsImported()
    {
        var client = await app.SignInAsync("admin", culture: "en");
        var before = await app.WithDbAsync(db => db.Regions.AsNoTracking().OrderBy(r => r.Code).Select(r => r.Population).ToListAsync());
        var csv = "code,kind,name_kk,name_ru,name_en,population,population_note\n"
                  + "astana,city,Астана,Астана,Astana,1600000,2026-01-01\n"
                  + "Bad Code,city,А,А,A,5,\n"
                  + "abai,planet,Абай,Абай,Abai,600000,\n"
                  + "akmola,region,Ақмола,Акмола,Akmola,-4,\n"
                  + "aktobe,region,Ақтөбе\n";
        var response = await Upload(client, "regions", csv);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was imported", html, StringComparison.Ordinal);
        foreach (var line in new[] { "Line 3:", "Line 4:", "Line 5:", "Line 6:" }) Assert.Contains(line, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Line 2:", html, StringComparison.Ordinal);
        var after = await app.WithDbAsync(db => db.Regions.AsNoTracking().OrderBy(r => r.Code).Select(r => r.Population).ToListAsync());
        Assert.Equal(before, after);

        var good = await Upload(client, "regions", "code,kind,name_kk,name_ru,name_en,population,population_note\nulytau,region,Ұлытау облысы,область Ұлытау,Ulytau Region,230000,2026-01-01\n");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("Loaded: 0 new, 1 updated.", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(230000, await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "ulytau").Select(r => r.Population).FirstAsync()));
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string kind, string csv)
    {
        var page = await client.GetStringAsync("/Admin/Reference");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken");
        form.Add(new StringContent(kind), "kind");
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "regions.csv");
        return await client.PostAsync("/Admin/Reference", form);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccount()
    {
        await CreateUserAsync("locktest", Roles.NationalAnalyst);
        var client = app.Anonymous("en");
        for (var i = 0; i < 5; i++)
            await SenimApp.PostFormAsync(client, "/Account/Login", new() { ["Input.UserName"] = "locktest", ["Input.Password"] = "wrong-password-" + i });
        var locked = await SenimApp.PostFormAsync(client, "/Account/Login", new() { ["Input.UserName"] = "locktest", ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("the account is locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFactorSignInWithAnAuthenticatorCode()
    {
        await CreateUserAsync("totptest", Roles.NationalAnalyst);
        var client = await app.SignInAsync("totptest", culture: "en");
        var setup = await client.GetStringAsync("/Account/TwoFactor");
        var key = System.Text.RegularExpressions.Regex.Match(setup, "<code id=\"shared-key\">([A-Z2-7]+)</code>").Groups[1].Value;
        Assert.NotEmpty(key);
        var wrong = await SenimApp.PostFormAsync(client, "/Account/TwoFactor", new() { ["Code"] = "000000" });
        Assert.Contains("The code is wrong", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var enabled = await SenimApp.PostFormAsync(client, "/Account/TwoFactor", new() { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        var fresh = app.Anonymous("en");
        var first = await SenimApp.PostFormAsync(fresh, "/Account/Login", new() { ["Input.UserName"] = "totptest", ["Input.Password"] = DemoAccounts.Password });
        Assert.Contains("/Account/LoginWith2fa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var second = await SenimApp.PostFormAsync(fresh, "/Account/LoginWith2fa", new() { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/Org")).StatusCode);
    }

    private async Task CreateUserAsync(string name, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SenimUser>>();
        if (await users.FindByNameAsync(name) is not null) return;
        var user = new SenimUser { UserName = name, DisplayName = name };
        Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
    }

    [Fact]
    public async Task DemoDataIsDeterministicForASeed()
    {
        async Task<List<string>> Generate()
        {
            var file = Path.Combine(Path.GetTempPath(), $"senim-det-{Guid.NewGuid():N}.db");
            try
            {
                var options = new DbContextOptionsBuilder<SenimDb>();
                DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", ".");
                await using var db = new SenimDb(options.Options);
                await db.Database.MigrateAsync();
                await new DemoDataGenerator(db, TimeProvider.System).GenerateAsync(7, 300);
                return await db.Employees.OrderBy(e => e.PersonnelNumber).Select(e => e.PersonnelNumber + " " + e.LastName + " " + e.FirstName + " " + e.Sex).ToListAsync();
            }
            finally
            {
                if (File.Exists(file)) File.Delete(file);
            }
        }
        var a = await Generate();
        var b = await Generate();
        Assert.Equal(300, a.Count);
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task DemoDataReachesAUnitCountWithMoreLocalPostsPerDistrict()
    {
        var file = Path.Combine(Path.GetTempPath(), $"senim-units-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SenimDb>();
            DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", ".");
            await using var db = new SenimDb(options.Options);
            await db.Database.MigrateAsync();
            var result = await new DemoDataGenerator(db, TimeProvider.System).GenerateAsync(7, 2000, unitCount: 600);
            var districts = await db.Districts.CountAsync();
            var posts = await db.Units.CountAsync(u => u.Kind == UnitKind.LocalPost);
            Assert.Equal(result.Units, await db.Units.CountAsync());
            Assert.InRange(result.Units, 600, 600 + districts - 1); // the fewest posts per district that reach the count
            Assert.Equal(0, posts % districts);                      // every district gets the same number of posts
            Assert.True(posts / districts > 1);
            Assert.Equal(await db.Units.CountAsync(), await db.Units.Select(u => u.Code).Distinct().CountAsync());
            Assert.Equal(2000, await db.Employees.CountAsync());
        }
        finally
        {
            if (File.Exists(file)) File.Delete(file);
        }
    }
}

/// <summary>RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) with RFC 4648 base32 keys, written for the tests.</summary>
internal static class Totp
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6238 authenticator apps (and Identity) use HMAC-SHA1.")]
    public static string Code(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key);
        var counter = at.ToUnixTimeSeconds() / 30;
        Span<byte> msg = stackalloc byte[8];
        for (var i = 7; i >= 0; i--) { msg[i] = (byte)(counter & 0xff); counter >>= 8; }
        var hash = HMACSHA1.HashData(key, msg);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string s)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in s.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8) { bytes.Add((byte)(buffer >> (bits - 8))); bits -= 8; }
        }
        return [.. bytes];
    }
}

public sealed class StaffPagesOnSqlite(SqliteApp app) : StaffPagesTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class StaffPagesOnPostgres(PostgresApp app) : StaffPagesTests<PostgresApp>(app), IClassFixture<PostgresApp>;
