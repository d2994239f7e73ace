using System.Net;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Attestation;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Attestation;

public abstract class CommissionTests<TApp>(TApp app) where TApp : SenimApp
{
    [Fact]
    public async Task ASittingVotesInSecretRespectsConflictsAndQuorumAndTheChairBreaksATie()
    {
        var driver = await AttestationDriver.StartAsync(app);
        var (campaign, officer) = await driver.ConfirmedCampaignWithOfficerAsync("Commission sitting", region: "astana");
        var others = await app.WithDbAsync(db => db.AttestationCandidates.Where(c => c.CampaignId == campaign && c.Id != officer).OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync());
        Guid a = others[0], b = others[1], c = officer;
        await driver.PassStandardsAsync(a, b, c);
        await driver.PassTestAsync(a, b, c);
        var (sitting, members) = await driver.OpenSittingAsync(campaign, [a, b, c], ["commission", "commission2", "commission3", "commission4"]);
        var chair = await app.SignInAsync("commission", culture: "en");
        var m2 = await app.SignInAsync("commission2", culture: "en");
        var m3 = await app.SignInAsync("commission3", culture: "en");
        var m4 = await app.SignInAsync("commission4", culture: "en");
        var absent = await app.SignInAsync("commission5", culture: "en");

        // A: everyone says "fits".
        foreach (var m in new[] { chair, m2, m3, m4 }) Assert.Equal(HttpStatusCode.Redirect, (await AttestationDriver.VoteAsync(m, sitting, a, Decision.Fits)).StatusCode);
        // B: member 3 declares a conflict of interest and may not vote; the others decide "does not fit" 2:1.
        var voteUrl = $"/Attestation/Vote/{sitting}";
        await SenimApp.PostFormAsync(m3, voteUrl + "?handler=Conflict", new() { ["candidateId"] = b.ToString(), ["reason"] = "The candidate is my brother-in-law." }, formPage: voteUrl);
        await AttestationDriver.VoteAsync(m3, sitting, b, Decision.Fits);
        Assert.Contains("You declared a conflict of interest: you do not vote on this candidate.", WebUtility.HtmlDecode(await m3.GetStringAsync(voteUrl)), StringComparison.Ordinal);
        await AttestationDriver.VoteAsync(chair, sitting, b, Decision.DoesNotFit);
        await AttestationDriver.VoteAsync(m2, sitting, b, Decision.Fits);
        await AttestationDriver.VoteAsync(m4, sitting, b, Decision.DoesNotFit);
        // C (the officer): 2 "fits" against 2 "fits subject to conditions" — the chair voted for conditions.
        Assert.Contains("needs the conditions", WebUtility.HtmlDecode(await (await AttestationDriver.VoteAsync(chair, sitting, c, Decision.FitsWithConditions)).Content.ReadAsStringAsync() + await chair.GetStringAsync(voteUrl)), StringComparison.Ordinal);
        await AttestationDriver.VoteAsync(chair, sitting, c, Decision.FitsWithConditions, "Course on service standards within six months");
        await AttestationDriver.VoteAsync(m2, sitting, c, Decision.Fits);
        await AttestationDriver.VoteAsync(m3, sitting, c, Decision.FitsWithConditions, "Mentoring by a senior manager");
        // An absent member cannot vote; a second vote is refused.
        await AttestationDriver.VoteAsync(absent, sitting, c, Decision.DoesNotFit);
        await AttestationDriver.VoteAsync(m2, sitting, c, Decision.DoesNotFit);
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<Vote>().CountAsync(v => v.SittingId == sitting && v.CandidateId == c)));
        Assert.Equal(Decision.Fits, await app.WithDbAsync(db => db.Set<Vote>().Where(v => v.SittingId == sitting && v.CandidateId == c && v.MemberId == members["commission2"]).Select(v => v.Choice).FirstAsync()));

        // Secret until closed: the secretary sees how many voted, not how; the trail does not say either.
        var sittingPage = $"/Attestation/Sitting/{sitting}";
        var before = await driver.Secretary.GetStringAsync(sittingPage);
        Assert.Contains("Voted: 3 of 4", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Does not fit the position", before, StringComparison.Ordinal);
        var trail = await app.WithDbAsync(db => db.AuditEntries.Where(x => x.Action == "attestation.vote.cast").Select(x => x.After!).ToListAsync());
        Assert.All(trail, t => Assert.DoesNotContain("Choice", t, StringComparison.Ordinal));
        Assert.Contains("Your vote: Fits the position.", WebUtility.HtmlDecode(await m2.GetStringAsync(voteUrl)), StringComparison.Ordinal);

        // Closing waits for the last vote, and for quorum.
        var early = await SenimApp.PostFormAsync(driver.Secretary, sittingPage + "?handler=Close", new(), formPage: sittingPage);
        Assert.Contains("Not every present member has voted on 1 candidates.", WebUtility.HtmlDecode(await driver.Secretary.GetStringAsync(sittingPage)), StringComparison.Ordinal);
        await AttestationDriver.VoteAsync(m4, sitting, c, Decision.Fits);
        await AttestationDriver.PostPairsAsync(driver.Secretary, sittingPage + "?handler=Attendance", sittingPage,
            new[] { "commission", "commission2", "commission3" }.Select(p => new KeyValuePair<string, string>("present", members[p].ToString())));
        await SenimApp.PostFormAsync(driver.Secretary, sittingPage + "?handler=Close", new(), formPage: sittingPage);
        Assert.Contains("No quorum: 3 present, at least 4 of 5 needed. The sitting cannot close.", await driver.Secretary.GetStringAsync(sittingPage), StringComparison.Ordinal);
        Assert.Equal(SittingStatus.Open, await app.WithDbAsync(db => db.Set<Sitting>().Where(s => s.Id == sitting).Select(s => s.Status).FirstAsync()));
        await AttestationDriver.PostPairsAsync(driver.Secretary, sittingPage + "?handler=Attendance", sittingPage,
            new[] { "commission", "commission2", "commission3", "commission4" }.Select(p => new KeyValuePair<string, string>("present", members[p].ToString())));
        Assert.Equal(HttpStatusCode.Redirect, (await SenimApp.PostFormAsync(driver.Secretary, sittingPage + "?handler=Close", new(), formPage: sittingPage)).StatusCode);

        var decided = await app.WithDbAsync(db => db.AttestationCandidates.Where(x => x.Id == a || x.Id == b || x.Id == c).ToDictionaryAsync(x => x.Id));
        Assert.Equal(Decision.Fits, decided[a].Decision);
        Assert.Equal(Decision.DoesNotFit, decided[b].Decision);
        Assert.Equal(Decision.FitsWithConditions, decided[c].Decision);
        Assert.Equal("Course on service standards within six months; Mentoring by a senior manager", decided[c].DecisionConditions);
        var rows = await app.WithDbAsync(db => db.Set<SittingCandidate>().Where(x => x.SittingId == sitting).ToDictionaryAsync(x => x.CandidateId));
        Assert.Equal((4, 0, 0, false), (rows[a].VotesFits, rows[a].VotesConditions, rows[a].VotesNotFit, rows[a].ChairDecided));
        Assert.Equal((1, 0, 2), (rows[b].VotesFits, rows[b].VotesConditions, rows[b].VotesNotFit));
        Assert.Equal((2, 2, 0, true), (rows[c].VotesFits, rows[c].VotesConditions, rows[c].VotesNotFit, rows[c].ChairDecided));
        var after = await driver.Secretary.GetStringAsync(sittingPage);
        Assert.Contains("The chair&#x27;s vote broke a tie.", after.Replace("'", "&#x27;", StringComparison.Ordinal), StringComparison.Ordinal);
        // Revealed in the audit trail once closed, with who voted how.
        var decision = await app.WithDbAsync(db => db.AuditEntries.Where(x => x.Action == "attestation.decision" && x.EntityId == c.ToString()).Select(x => x.After!).SingleAsync());
        Assert.Contains("\"Decision\":\"FitsWithConditions\"", decision, StringComparison.Ordinal);
        Assert.Contains(members["commission2"].ToString(), decision, StringComparison.Ordinal);
        // No more votes; the candidate sees the decision.
        await AttestationDriver.VoteAsync(m4, sitting, a, Decision.DoesNotFit);
        Assert.Equal(4, await app.WithDbAsync(db => db.Set<Vote>().CountAsync(v => v.SittingId == sitting && v.CandidateId == a)));
        var mine = await (await app.SignInAsync("officer", culture: "ru")).GetStringAsync("/Me/Attestation");
        Assert.Contains("Соответствует при условии", mine, StringComparison.Ordinal);
        Assert.Contains("Course on service standards within six months", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheCommissionsMembersSeeTheSittingAndTheCandidatesFile()
    {
        var driver = await AttestationDriver.StartAsync(app);
        var (campaign, officer) = await driver.ConfirmedCampaignWithOfficerAsync("Who sees the file", region: "astana");
        await driver.PassStandardsAsync(officer);
        await driver.PassTestAsync(officer);
        var (sitting, _) = await driver.OpenSittingAsync(campaign, [officer], ["commission", "commission2", "commission3", "commission4"]);
        var member = await app.SignInAsync("commission", culture: "kk");
        var file = await member.GetStringAsync($"/Attestation/File/{sitting}/{officer}");
        Assert.Contains("1-кезең. Дене шынықтыру және атыс дайындығы нормативтері", file, StringComparison.Ordinal);
        Assert.Contains("score-heading", file, StringComparison.Ordinal); // the scorecard summary
        Assert.Contains(sitting.ToString(), await member.GetStringAsync("/Attestation/Member"), StringComparison.Ordinal);
        foreach (var user in new[] { "officer", "secretary", "analyst" })
        {
            var other = await app.SignInAsync(user);
            var denied = await other.GetAsync($"/Attestation/File/{sitting}/{officer}");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }
}

public sealed class CommissionTestsOnSqlite(SqliteApp app) : CommissionTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CommissionTestsOnPostgres(PostgresApp app) : CommissionTests<PostgresApp>(app), IClassFixture<PostgresApp>;
