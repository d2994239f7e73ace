using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Records a passed stage 1 for these candidates (test set-up; the examiner's screen is tested elsewhere).</summary>
    public Task PassStandardsAsync(params Guid[] candidates) => app.WithDbAsync(async db =>
    {
        foreach (var id in candidates)
        {
            db.Add(new StandardsResult
            {
                CandidateId = id, Attempt = 1, TakenOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), Run3KmSeconds = 600, Run100MSeconds = 13,
                PullUps = 20, FirearmsScore = 50, Passed = true, Examiner = "Test examiner", EnteredBy = "test", EnteredAt = DateTime.UtcNow,
            });
        }
        return await db.SaveChangesAsync();
    });

    /// <summary>Records a passed test for these candidates (test set-up; the test itself is exercised in AttemptTests).</summary>
    public Task PassTestAsync(params Guid[] candidates) => app.WithDbAsync(async db =>
    {
        foreach (var id in candidates)
        {
            var at = DateTime.UtcNow.AddHours(-2);
            db.Add(new Attempt { CandidateId = id, Number = 1, Language = "kk", StartedAt = at, Deadline = at.AddHours(1), FinishedAt = at.AddMinutes(30), MaxScore = 10, Score = 9, PassPercent = 70, Passed = true });
        }
        return await db.SaveChangesAsync();
    });

    /// <summary>Sets the campaign's test specification: N per topic code.</summary>
    public async Task SpecAsync(Guid campaign, params (string Topic, int Count)[] counts)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Senim.Web.Data.SenimDb>();
        var topics = await db.Set<Topic>().ToDictionaryAsync(t => t.Code, t => t.Id);
        var result = await scope.ServiceProvider.GetRequiredService<TestService>().SaveSpecAsync(campaign, counts.ToDictionary(c => topics[c.Topic], c => c.Count));
        Assert.True(result.Ok, result.ErrorKey);
    }

    /// <summary>The right answer to a drawn question, as the candidate would give it (displayed positions).</summary>
    public Task<object> RightAnswerAsync(Guid attemptId, Guid questionId, int revision = 0) => app.WithDbAsync<object>(async db =>
    {
        var drawn = await db.Set<AttemptQuestion>().FirstAsync(a => a.AttemptId == attemptId && a.QuestionId == questionId);
        var q = await db.Set<Question>().FirstAsync(x => x.Id == questionId);
        var options = await db.Set<QuestionOption>().Where(o => o.QuestionId == questionId).OrderBy(o => o.Index).ToListAsync();
        var order = drawn.OptionOrder.Length == 0 ? [] : drawn.OptionOrder.Split(',').Select(int.Parse).ToList();
        return q.Kind switch
        {
            QuestionKind.TrueFalse => new { questionId, truth = q.Truth, revision },
            QuestionKind.Numeric => new { questionId, value = options.First(o => o.Fraction == 1).Value, revision },
            _ => (object)new { questionId, choices = order.Select((bank, position) => (bank, position)).Where(x => options[x.bank].Fraction > 0).Select(x => x.position).ToArray(), revision },
        };
    });

    /// <summary>A form post with repeated keys (checkbox lists), antiforgery token from <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostPairsAsync(HttpClient client, string url, string formPage, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var html = await client.GetStringAsync(formPage);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var all = pairs.ToList();
        all.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)));
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    /// <summary>A sitting of the demo central commission (five members, quorum 2/3 = 4) for the candidates, opened with
    /// the given members present. Returns the sitting and the members by user name.</summary>
    public async Task<(Guid Sitting, Dictionary<string, Guid> Members)> OpenSittingAsync(Guid campaign, Guid[] candidates, string[] present)
    {
        var (commission, members) = await app.WithDbAsync(async db =>
        {
            var c = await db.Set<Commission>().OrderBy(x => x.CreatedAt).FirstAsync();
            var m = await (from x in db.Set<CommissionMember>() where x.CommissionId == c.Id join u in db.Users on x.UserId equals u.Id select new { u.UserName, x.Id }).ToDictionaryAsync(x => x.UserName!, x => x.Id);
            return (c.Id, m);
        });
        var created = await SenimApp.PostFormAsync(secretary, $"/Attestation/Sittings/{campaign}", new() { ["commissionId"] = commission.ToString(), ["at"] = "2026-12-01T10:00", ["place"] = "Astana, MVD, room 305" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var sitting = Guid.Parse(created.Headers.Location!.OriginalString["/Attestation/Sitting/".Length..]);
        var page = $"/Attestation/Sitting/{sitting}";
        foreach (var c in candidates)
            Assert.Equal(HttpStatusCode.Redirect, (await SenimApp.PostFormAsync(secretary, page + "?handler=Schedule", new() { ["candidateId"] = c.ToString() }, formPage: page)).StatusCode);
        await PostPairsAsync(secretary, page + "?handler=Attendance", page, present.Select(p => new KeyValuePair<string, string>("present", members[p].ToString())));
        Assert.Equal(HttpStatusCode.Redirect, (await SenimApp.PostFormAsync(secretary, page + "?handler=Open", new(), formPage: page)).StatusCode);
        Assert.Equal(SittingStatus.Open, await app.WithDbAsync(db => db.Set<Sitting>().Where(s => s.Id == sitting).Select(s => s.Status).FirstAsync()));
        return (sitting, members);
    }

    public static Task<HttpResponseMessage> VoteAsync(HttpClient member, Guid sitting, Guid candidate, Decision choice, string? conditions = null) =>
        SenimApp.PostFormAsync(member, $"/Attestation/Vote/{sitting}?handler=Vote",
            new() { ["candidateId"] = candidate.ToString(), ["choice"] = choice.ToString(), ["conditions"] = conditions ?? "" }, formPage: $"/Attestation/Vote/{sitting}");

    public Task<Senim.Web.Features.Organisation.Employee> OfficerAsync() => app.WithDbAsync(async db =>
    {
        var user = await db.Users.FirstAsync(u => u.UserName == "officer");
        return await db.Employees.AsNoTracking().FirstAsync(e => e.Id == user.EmployeeId);
    });
}
