using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Attestation;
using Senim.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Senim.Web.Tests.Attestation;

public abstract class ProtocolTests<TApp>(TApp app) where TApp : SenimApp
{
    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    private async Task<(AttestationDriver Driver, Guid Sitting, Guid Officer)> ClosedSittingAsync(string name)
    {
        var driver = await AttestationDriver.StartAsync(app);
        var (campaign, officer) = await driver.ConfirmedCampaignWithOfficerAsync(name, region: "astana");
        var other = await app.WithDbAsync(db => db.AttestationCandidates.Where(c => c.CampaignId == campaign && c.Id != officer).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        await driver.PassStandardsAsync(officer, other);
        await driver.PassTestAsync(officer, other);
        var (sitting, _) = await driver.OpenSittingAsync(campaign, [officer, other], ["commission", "commission2", "commission3", "commission4"]);
        var voters = new[] { "commission", "commission2", "commission3", "commission4" };
        foreach (var user in voters)
        {
            var member = await app.SignInAsync(user, culture: "en");
            if (user == "commission4")
            {
                var url = $"/Attestation/Vote/{sitting}";
                await SenimApp.PostFormAsync(member, url + "?handler=Conflict", new() { ["candidateId"] = other.ToString(), ["reason"] = "Served in the same unit for ten years." }, formPage: url);
            }
            else
            {
                await AttestationDriver.VoteAsync(member, sitting, other, Decision.DoesNotFit);
            }
            await AttestationDriver.VoteAsync(member, sitting, officer, Decision.FitsWithConditions, user == "commission" ? "Курс по стандартам обслуживания граждан" : "Наставничество старшего руководителя");
        }
        var page = $"/Attestation/Sitting/{sitting}";
        var closed = await SenimApp.PostFormAsync(driver.Secretary, page + "?handler=Close", new(), formPage: page);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        return (driver, sitting, officer);
    }

    [Fact]
    public async Task TheProtocolIsIssuedInKazakhAndRussianWithAHashThatDetectsAnyChange()
    {
        var (driver, sitting, officer) = await ClosedSittingAsync("Protocol and hash");
        Assert.Equal(SittingStatus.Closed, await app.WithDbAsync(db => db.Set<Sitting>().Where(s => s.Id == sitting).Select(s => s.Status).FirstAsync()));
        var stored = await app.WithDbAsync(db => db.Set<Protocol>().Where(p => p.SittingId == sitting).ToDictionaryAsync(p => p.Language));
        Assert.Equal(["kk", "ru"], stored.Keys.Order());

        var officerName = (await driver.OfficerAsync()).FullName;
        foreach (var language in new[] { "kk", "ru" })
        {
            var response = await driver.Secretary.GetAsync($"/Attestation/Protocol/{sitting}/{language}");
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Assert.Equal(stored[language].Sha256, hash);
            Assert.Equal(hash, response.Headers.GetValues("X-Content-SHA256").Single());
            var text = TextOf(bytes);
            Assert.Contains(officerName.Split(' ')[0], text, StringComparison.Ordinal);
            Assert.Contains("Ахметов", text, StringComparison.Ordinal); // the chair, present
            Assert.Contains("Оспанова", text, StringComparison.Ordinal); // absent, listed as absent
            Assert.Contains("Курс по стандартам обслуживания граждан", text, StringComparison.Ordinal);
            if (language == "kk")
            {
                Assert.Contains("хаттамасы", text, StringComparison.Ordinal);
                Assert.Contains("Шарттармен сәйкес келеді", text, StringComparison.Ordinal);
                Assert.Contains("Атқаратын лауазымына сәйкес келмейді", text, StringComparison.Ordinal);
                Assert.Contains("Қатысқан комиссия мүшелері", text, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("Протокол", text, StringComparison.Ordinal);
                Assert.Contains("«соответствует при условии» — 4", text, StringComparison.Ordinal);
                Assert.Contains("Заявили конфликт интересов и не голосовали: Жұмабеков Ерлан Қайратұлы.", text, StringComparison.Ordinal);
            }

            // Anyone may check a copy: the exact bytes match; one changed byte does not.
            var anonymous = app.Anonymous("ru");
            var check = await (await anonymous.PostAsync("/api/v1/attestation/protocols/verify", new ByteArrayContent(bytes))).Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(check.GetProperty("matches").GetBoolean());
            Assert.Equal(sitting, check.GetProperty("sittingId").GetGuid());
            Assert.Equal(language, check.GetProperty("language").GetString());
            var tampered = (byte[])bytes.Clone();
            tampered[bytes.Length / 2] ^= 0x01;
            var bad = await (await anonymous.PostAsync("/api/v1/attestation/protocols/verify", new ByteArrayContent(tampered))).Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(bad.GetProperty("matches").GetBoolean());
        }

        // The check page, without signing in.
        var visitor = app.Anonymous("ru");
        var html = await visitor.GetStringAsync("/Attestation/Verify");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken");
        var file = new ByteArrayContent(stored["ru"].Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "protocol.pdf");
        var verified = await (await visitor.PostAsync("/Attestation/Verify", form)).Content.ReadAsStringAsync();
        Assert.Contains("data-matches=\"true\"", verified, StringComparison.Ordinal);
        Assert.Contains("Совпадает", verified, StringComparison.Ordinal);

        // The commission's members may read it; the candidate may not.
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("commission3")).GetAsync($"/Attestation/Protocol/{sitting}/ru")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignInAsync("officer")).GetAsync($"/Attestation/Protocol/{sitting}/ru")).StatusCode);
        _ = officer;
    }

    [Fact]
    public async Task TheCandidateGetsANoticeAndMayAppealWithinThePeriodAndTheOutcomeIsRecorded()
    {
        var (driver, _, officer) = await ClosedSittingAsync("Notice and appeal");
        var me = await app.SignInAsync("officer", culture: "kk");
        var page = await me.GetStringAsync("/Me/Attestation");
        Assert.Contains("Шарттармен сәйкес келеді", page, StringComparison.Ordinal);
        Assert.Contains("class=\"appeal-until\"", page, StringComparison.Ordinal);
        var notice = await me.GetAsync($"/Me/Attestation?handler=Notice&candidateId={officer}&language=ru");
        Assert.Equal("application/pdf", notice.Content.Headers.ContentType!.MediaType);
        var text = TextOf(await notice.Content.ReadAsByteArrayAsync());
        Assert.Contains("Уведомление о решении аттестационной комиссии", text, StringComparison.Ordinal);
        Assert.Contains("Соответствует при условии", text, StringComparison.Ordinal);

        await SenimApp.PostFormAsync(me, "/Me/Attestation?handler=Appeal", new() { ["candidateId"] = officer.ToString(), ["text"] = "short" }, formPage: "/Me/Attestation");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Appeal>().CountAsync(a => a.CandidateId == officer)));
        await SenimApp.PostFormAsync(me, "/Me/Attestation?handler=Appeal", new() { ["candidateId"] = officer.ToString(), ["text"] = "The conditions do not take my completed training of 2025 into account." }, formPage: "/Me/Attestation");
        await SenimApp.PostFormAsync(me, "/Me/Attestation?handler=Appeal", new() { ["candidateId"] = officer.ToString(), ["text"] = "A second appeal while the first is pending." }, formPage: "/Me/Attestation");
        var appeal = await app.WithDbAsync(db => db.Set<Appeal>().SingleAsync(a => a.CandidateId == officer));
        Assert.Equal(AppealOutcome.Pending, appeal.Outcome);

        var candidatePage = $"/Attestation/Candidate/{officer}";
        Assert.Contains("completed training of 2025", await driver.Secretary.GetStringAsync(candidatePage), StringComparison.Ordinal);
        await SenimApp.PostFormAsync(driver.Secretary, candidatePage + "?handler=Appeal", new() { ["appealId"] = appeal.Id.ToString(), ["outcome"] = "Rejected", ["note"] = "The 2025 training was on a different subject." }, formPage: candidatePage);
        var decided = await app.WithDbAsync(db => db.Set<Appeal>().SingleAsync(a => a.Id == appeal.Id));
        Assert.Equal((AppealOutcome.Rejected, "secretary"), (decided.Outcome, decided.DecidedBy));
        Assert.Contains("Қанағаттандырылмады", await me.GetStringAsync("/Me/Attestation"), StringComparison.Ordinal);
        Assert.Equal(["attestation.appeal.file", "attestation.appeal.decide"],
            await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == AttestationAudit.Appeal && a.EntityId == officer.ToString()).OrderBy(a => a.At).Select(a => a.Action).ToListAsync()));

        // After the period no appeal is taken (the decision moved back in time to test the rule).
        await app.WithDbAsync(db => db.AttestationCandidates.Where(c => c.Id == officer).ExecuteUpdateAsync(s => s.SetProperty(c => c.DecidedAt, DateTime.UtcNow.AddDays(-30))));
        var late = await SenimApp.PostFormAsync(me, "/Me/Attestation?handler=Appeal", new() { ["candidateId"] = officer.ToString(), ["text"] = "Another appeal, now too late." }, formPage: "/Me/Attestation");
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Contains("Шағым беру мерзімі өтті.", await me.GetStringAsync("/Me/Attestation"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Appeal>().CountAsync(a => a.CandidateId == officer)));
    }
}

public sealed class ProtocolTestsOnSqlite(SqliteApp app) : ProtocolTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ProtocolTestsOnPostgres(PostgresApp app) : ProtocolTests<PostgresApp>(app), IClassFixture<PostgresApp>;
