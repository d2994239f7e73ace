using System.Net;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Attestation;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Attestation;

/// <summary>The secretary's steps through the real pages, so that tests read as what a person does.</summary>
public sealed class AttestationDriver(SenimApp app, HttpClient secretary)
{
    public SenimApp App => app;
    public HttpClient Secretary => secretary;

    public static async Task<AttestationDriver> StartAsync(SenimApp app, string culture = "en") =>
        new(app, await app.SignInAsync("secretary", culture: culture));

    public async Task<Guid> CreateCampaignAsync(string name, CampaignKind kind = CampaignKind.Extraordinary)
    {
        var created = await SenimApp.PostFormAsync(secretary, "/Attestation", new() { ["Input.Name"] = name, ["Input.Kind"] = kind.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/Attestation/Campaign/", location, StringComparison.Ordinal);
        return Guid.Parse(location["/Attestation/Campaign/".Length..]);
    }

    public Task<HttpResponseMessage> SetRuleAsync(Guid campaign, Dictionary<string, string> rule) =>
        SenimApp.PostFormAsync(secretary, $"/Attestation/Campaign/{campaign}?handler=Rule", rule, formPage: $"/Attestation/Campaign/{campaign}");

    public Task<HttpResponseMessage> ConfirmAsync(Guid campaign) =>
        SenimApp.PostFormAsync(secretary, $"/Attestation/Campaign/{campaign}?handler=Confirm", new(), formPage: $"/Attestation/Campaign/{campaign}");

    /// <summary>A confirmed campaign of one region's middle managers, with the demo officer added (the candidate who can sign in).</summary>
    public async Task<(Guid Campaign, Guid OfficerCandidate)> ConfirmedCampaignWithOfficerAsync(string name, string region = "almaty-city")
    {
        var id = await CreateCampaignAsync(name);
        Assert.Equal(HttpStatusCode.Redirect, (await SetRuleAsync(id, new() { ["levels"] = "Middle", ["regions"] = region })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(id)).StatusCode);
        var officer = await OfficerAsync();
        var added = await AddCandidateAsync(id, officer.PersonnelNumber, "Acting head of the district inspectors' division since March.");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var candidate = await app.WithDbAsync(db => db.AttestationCandidates.Where(c => c.CampaignId == id && c.EmployeeId == officer.Id).Select(c => c.Id).FirstAsync());
        return (id, candidate);
    }

    public Task<HttpResponseMessage> AddCandidateAsync(Guid campaign, string personnelNumber, string reason) =>
        SenimApp.PostFormAsync(secretary, $"/Attestation/Candidates/{campaign}?handler=Add", new() { ["PersonnelNumber"] = personnelNumber, ["Reason"] = reason },
            formPage: $"/Attestation/Candidates/{campaign}");

    public Task<Senim.Web.Features.Organisation.Employee> OfficerAsync() => app.WithDbAsync(async db =>
    {
        var user = await db.Users.FirstAsync(u => u.UserName == "officer");
        return await db.Employees.AsNoTracking().FirstAsync(e => e.Id == user.EmployeeId);
    });
}
