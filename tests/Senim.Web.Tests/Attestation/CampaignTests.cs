using System.Net;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Attestation;
using Senim.Web.Features.Organisation;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Attestation;

public abstract class CampaignTests<TApp>(TApp app) where TApp : SenimApp
{
    [Fact]
    public async Task TheSecretarySeesTheCandidatesAndTheirShareBeforeConfirmingAndConfirmsOnce()
    {
        var driver = await AttestationDriver.StartAsync(app);
        var id = await driver.CreateCampaignAsync("Extraordinary attestation of middle managers");
        var draft = await driver.Secretary.GetStringAsync($"/Attestation/Campaign/{id}");
        // The default rule is "middle managers, everywhere"; the preview counts them against all staff.
        var (middle, all) = await app.WithDbAsync(async db => (
            await db.Employees.CountAsync(e => db.Positions.Any(p => p.Id == e.PositionId && p.Level == ManagerialLevel.Middle)),
            await db.Employees.CountAsync()));
        Assert.True(middle > 0);
        var share = ((double)middle / all).ToString("P1", System.Globalization.CultureInfo.GetCultureInfo("en"));
        Assert.Contains($"The rule selects {middle:N0} employees — {share} of all {all:N0} staff.", draft, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await driver.SetRuleAsync(id, new() { ["levels"] = "Middle", ["regions"] = "almaty-city" })).StatusCode);
        var inAlmaty = await app.WithDbAsync(db => db.Employees.CountAsync(e => db.Positions.Any(p => p.Id == e.PositionId && p.Level == ManagerialLevel.Middle)
            && db.Units.Any(u => u.Id == e.UnitId && u.RegionCode == "almaty-city")));
        var preview = await driver.Secretary.GetStringAsync($"/Attestation/Campaign/{id}");
        Assert.Contains($"The rule selects {inAlmaty:N0} employees", preview, StringComparison.Ordinal);
        Assert.Contains("id=\"preview-list\"", preview, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.AttestationCandidates.CountAsync(c => c.CampaignId == id)));

        Assert.Equal(HttpStatusCode.Redirect, (await driver.ConfirmAsync(id)).StatusCode);
        Assert.Equal(inAlmaty, await app.WithDbAsync(db => db.AttestationCandidates.CountAsync(c => c.CampaignId == id)));
        // A second confirmation (a double click) adds nobody and the rule can no longer change.
        await driver.ConfirmAsync(id);
        Assert.Equal(inAlmaty, await app.WithDbAsync(db => db.AttestationCandidates.CountAsync(c => c.CampaignId == id)));
        await driver.SetRuleAsync(id, new() { ["levels"] = "Senior" });
        Assert.Equal("Middle", await app.WithDbAsync(db => db.AttestationCampaigns.Where(c => c.Id == id).Select(c => c.RuleLevels).FirstAsync()));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == id.ToString()).OrderBy(a => a.At).Select(a => a.Action).ToListAsync());
        Assert.Equal(["attestation.campaign.create", "attestation.campaign.rule", "attestation.campaign.confirm"], audit);
    }

    [Fact]
    public async Task CandidatesAreAddedAndExcludedOnlyWithAReasonAndTheCandidateSeesTheirTimeline()
    {
        var driver = await AttestationDriver.StartAsync(app);
        var id = await driver.CreateCampaignAsync("Attestation with an added candidate");
        await driver.SetRuleAsync(id, new() { ["levels"] = "Middle", ["regions"] = "astana" });
        await driver.ConfirmAsync(id);
        var officer = await driver.OfficerAsync();

        var noReason = await driver.AddCandidateAsync(id, officer.PersonnelNumber, "no");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Give the reason: 5 to 1000 characters.", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await driver.AddCandidateAsync(id, "ZZ-NOBODY", "Acting head of division.");
        Assert.Contains("No employee has the personnel number", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var added = await driver.AddCandidateAsync(id, officer.PersonnelNumber, "Acting head of the district inspectors' division.");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var again = await driver.AddCandidateAsync(id, officer.PersonnelNumber, "Acting head of the district inspectors' division.");
        Assert.Contains("already a candidate", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var candidate = await app.WithDbAsync(db => db.AttestationCandidates.FirstAsync(c => c.CampaignId == id && c.EmployeeId == officer.Id));
        Assert.Equal(CandidateInclusion.Added, candidate.Inclusion);

        var me = await app.SignInAsync("officer", culture: "ru");
        var mine = await me.GetStringAsync("/Me/Attestation");
        Assert.Contains("Attestation with an added candidate", mine, StringComparison.Ordinal);
        Assert.Contains("Этап 1. Нормативы физической и огневой подготовки", mine, StringComparison.Ordinal);
        Assert.Contains("data-state=\"Awaiting\"", mine, StringComparison.Ordinal);
        // Staff pages of the secretary are not the employee's.
        Assert.Equal(HttpStatusCode.Redirect, (await me.GetAsync($"/Attestation/Campaign/{id}")).StatusCode);

        var page = $"/Attestation/Candidate/{candidate.Id}";
        await SenimApp.PostFormAsync(driver.Secretary, page + "?handler=Exclude", new() { ["reason"] = "" }, formPage: page);
        Assert.Equal(CandidateStatus.Active, await app.WithDbAsync(db => db.AttestationCandidates.Where(c => c.Id == candidate.Id).Select(c => c.Status).FirstAsync()));
        await SenimApp.PostFormAsync(driver.Secretary, page + "?handler=Exclude", new() { ["reason"] = "Transferred to another ministry." }, formPage: page);
        var excluded = await app.WithDbAsync(db => db.AttestationCandidates.FirstAsync(c => c.Id == candidate.Id));
        Assert.Equal(CandidateStatus.Excluded, excluded.Status);
        Assert.Equal("Transferred to another ministry.", excluded.ExclusionReason);
        Assert.Contains("Transferred to another ministry.", await me.GetStringAsync("/Me/Attestation"), StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == candidate.Id.ToString()).OrderBy(a => a.At).Select(a => a.Action).ToListAsync());
        Assert.Equal(["attestation.candidate.add", "attestation.candidate.exclude"], audit);
    }

    [Fact]
    public async Task AClosedCampaignTakesNoMoreCandidatesOrResults()
    {
        var driver = await AttestationDriver.StartAsync(app);
        var (campaign, officer) = await driver.ConfirmedCampaignWithOfficerAsync("Closed campaign", region: "shymkent");
        var page = $"/Attestation/Campaign/{campaign}";
        Assert.Equal(HttpStatusCode.Redirect, (await SenimApp.PostFormAsync(driver.Secretary, page + "?handler=Close", new(), formPage: page)).StatusCode);
        Assert.Equal(CampaignStatus.Closed, await app.WithDbAsync(db => db.AttestationCampaigns.Where(c => c.Id == campaign).Select(c => c.Status).FirstAsync()));
        var other = await app.WithDbAsync(db => db.Employees.Where(e => !db.AttestationCandidates.Any(c => c.CampaignId == campaign && c.EmployeeId == e.Id)).Select(e => e.PersonnelNumber).FirstAsync());
        var refused = await driver.AddCandidateAsync(campaign, other, "Late addition after closing.");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The campaign is closed and cannot be changed.", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var officerNumber = (await driver.OfficerAsync()).PersonnelNumber;
        var csv = new MultipartFormDataContent();
        var standards = $"/Attestation/Standards/{campaign}";
        var html = await driver.Secretary.GetStringAsync(standards);
        csv.Add(new StringContent(System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value)), "__RequestVerificationToken");
        csv.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"personnelNumber,run3km,run100m,pullups,firearms,date,examiner\n{officerNumber},11:00,13.0,20,45,2026-01-10,Omarov A.\n")), "file", "r.csv");
        Assert.Equal(HttpStatusCode.BadRequest, (await driver.Secretary.PostAsync(standards + "?handler=Csv", csv)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<StandardsResult>().CountAsync(r => r.CandidateId == officer)));
    }

    [Theory]
    [InlineData("/Attestation")]
    public async Task OnlyTheSecretaryReachesTheSecretarysPages(string url)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous().GetAsync(url)).StatusCode);
        foreach (var user in new[] { "officer", "analyst", "commission" })
        {
            var response = await (await app.SignInAsync(user)).GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }
}

public sealed class CampaignTestsOnSqlite(SqliteApp app) : CampaignTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CampaignTestsOnPostgres(PostgresApp app) : CampaignTests<PostgresApp>(app), IClassFixture<PostgresApp>;
