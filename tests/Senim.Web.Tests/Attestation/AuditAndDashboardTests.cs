using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Features.Attestation;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Attestation;

public abstract class AuditAndDashboardTests<TApp>(TApp app) where TApp : SenimApp
{
    [Fact]
    public async Task TheAttestationAuditTrailCannotBeChangedOrDeletedEvenInTheDatabase()
    {
        var driver = await AttestationDriver.StartAsync(app);
        var campaign = await driver.CreateCampaignAsync("Append-only audit");
        var id = campaign.ToString();
        var original = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == id));
        Assert.Equal("attestation.campaign.create", original.Action);

        // Directly in the database, as an administrator with SQL access would try.
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Actor, "someone else"))));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == id).ExecuteDeleteAsync()));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.EntityId == id);
            entry.After = "{}";
            return await db.SaveChangesAsync();
        }));
        if (app.Provider == Senim.Web.Data.DatabaseProvider.Postgres)
            await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries")));
        var after = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == id));
        Assert.Equal((original.Actor, original.After, original.At), (after.Actor, after.After, after.At));

        // No endpoint changes audit entries: none is routed under an "audit" path except the read-only page, and a
        // form post to that page changes nothing.
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.Contains("audit", StringComparison.OrdinalIgnoreCase) == true).Select(e => e.RoutePattern.RawText).ToList();
        Assert.Equal(["Admin/Audit"], endpoints);
        var admin = await app.SignInAsync("admin", culture: "en");
        var count = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        var posted = await SenimApp.PostFormAsync(admin, "/Admin/Audit", new() { ["id"] = after.Id.ToString(), ["Actor"] = "x" }, formPage: "/Admin/Audit");
        Assert.NotEqual(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(count, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task TheDashboardShowsProgressByStageAndRegionPassRatesAndOutcomes()
    {
        var driver = await AttestationDriver.StartAsync(app);
        var (campaign, officer) = await driver.ConfirmedCampaignWithOfficerAsync("Dashboard", region: "shymkent");
        var ids = await app.WithDbAsync(db => db.AttestationCandidates.Where(c => c.CampaignId == campaign && c.Id != officer).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        Assert.True(ids.Count >= 4, $"only {ids.Count} candidates");
        // Officer and three others pass the standards; one fails. Officer and two pass the test; one fails it.
        await driver.PassStandardsAsync(officer, ids[0], ids[1], ids[2]);
        await app.WithDbAsync(async db =>
        {
            db.Add(new StandardsResult { CandidateId = ids[3], Attempt = 1, TakenOn = new DateOnly(2026, 11, 1), Run3KmSeconds = 1500, Passed = false, Examiner = "x", EnteredBy = "test", EnteredAt = DateTime.UtcNow });
            var at = DateTime.UtcNow.AddHours(-3);
            db.Add(new Attempt { CandidateId = ids[2], Number = 1, Language = "ru", StartedAt = at, Deadline = at.AddHours(1), FinishedAt = at.AddMinutes(40), MaxScore = 10, Score = 3, PassPercent = 70, Passed = false });
            return await db.SaveChangesAsync();
        });
        await driver.PassTestAsync(officer, ids[0], ids[1]);
        await app.WithDbAsync(async db =>
        {
            await db.AttestationCandidates.Where(c => c.Id == officer).ExecuteUpdateAsync(s => s.SetProperty(c => c.Decision, Decision.Fits).SetProperty(c => c.DecidedAt, DateTime.UtcNow));
            return await db.AttestationCandidates.Where(c => c.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(c => c.Decision, Decision.DoesNotFit).SetProperty(c => c.DecidedAt, DateTime.UtcNow));
        });
        var total = await app.WithDbAsync(db => db.AttestationCandidates.CountAsync(c => c.CampaignId == campaign));

        var html = await driver.Secretary.GetStringAsync($"/Attestation/Dashboard/{campaign}");
        Assert.Contains($"id=\"total-candidates\">{total}<", html, StringComparison.Ordinal);
        Assert.Contains("id=\"rate-standards\">80%<", html, StringComparison.Ordinal);   // 4 of 5 with a result
        Assert.Contains("id=\"rate-test\">75%<", html, StringComparison.Ordinal);        // 3 of 4
        Assert.Contains("id=\"rate-interview\">50%<", html, StringComparison.Ordinal);   // 1 of 2 decided fits
        Assert.Contains("data-outcome=\"Fits\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"DoesNotFit\">1<", html, StringComparison.Ordinal);
        Assert.Contains($"data-stage=\"Standards\" data-state=\"Awaiting\">{total - 5}<", html, StringComparison.Ordinal);
        Assert.Contains("data-stage=\"Interview\" data-state=\"Awaiting\">1<", html, StringComparison.Ordinal); // ids[1]: passed the test, not heard yet
        Assert.Contains("data-region=\"shymkent\"", html, StringComparison.Ordinal);
        Assert.Contains("data-region=\"almaty-city\"", html, StringComparison.Ordinal); // the officer, added from Almaty

        Assert.Contains("id=\"total-candidates\"", await (await app.SignInAsync("analyst")).GetStringAsync($"/Attestation/Dashboard/{campaign}"), StringComparison.Ordinal);
        Assert.Contains(campaign.ToString(), await (await app.SignInAsync("admin")).GetStringAsync("/Attestation/Overview"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignInAsync("officer")).GetAsync($"/Attestation/Dashboard/{campaign}")).StatusCode);

        // The candidate's history (read-only audit) on the secretary's page.
        Assert.Contains("attestation.candidate.add", await driver.Secretary.GetStringAsync($"/Attestation/Candidate/{officer}"), StringComparison.Ordinal);
    }
}

public sealed class AuditAndDashboardTestsOnSqlite(SqliteApp app) : AuditAndDashboardTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AuditAndDashboardTestsOnPostgres(PostgresApp app) : AuditAndDashboardTests<PostgresApp>(app), IClassFixture<PostgresApp>;
