using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Senim.Web.Features.Attestation;
using Senim.Web.Features.Identity;
using Senim.Web.Tests.Attestation;

namespace Senim.Web.Tests.Browser;

/// <summary>One candidate through the three stages and a commission sitting, in Kazakh and in Russian, in a real
/// browser; axe-core checks every kind of page on the way (no serious or critical violation).</summary>
public sealed class AttestationBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> SignedInAsync(string user, string locale)
    {
        var page = await app.NewPageAsync(locale);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_UserName", user);
        await page.FillAsync("#Input_Password", DemoAccounts.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    private static Guid IdFromUrl(IPage page, string prefix)
    {
        var path = new Uri(page.Url).AbsolutePath;
        Assert.StartsWith(prefix, path, StringComparison.Ordinal);
        return Guid.Parse(path[prefix.Length..].Split('/')[0]);
    }

    [Theory]
    [InlineData("kk", "Шарттармен сәйкес келеді", "Тест тапсырылды.")]
    [InlineData("ru", "Соответствует занимаемой должности", "Тест сдан.")]
    public async Task ACandidateGoesThroughTheThreeStagesAndACommissionDecides(string locale, string decisionText, string passedText)
    {
        var officer = await app.WithDbAsync(async db =>
        {
            var user = await db.Users.FirstAsync(u => u.UserName == "officer");
            return await db.Employees.AsNoTracking().FirstAsync(e => e.Id == user.EmployeeId);
        });

        // The secretary: a campaign of Astana's middle managers, previewed, confirmed; the officer added with a reason.
        var secretary = await SignedInAsync("secretary", locale);
        await secretary.GotoAsync("/Attestation");
        await BrowserApp.AssertAccessibleAsync(secretary);
        await secretary.FillAsync("#Input_Name", $"Browser {locale} {Guid.NewGuid():N}"[..20]);
        await secretary.CheckAsync("#kind-Extraordinary");
        await secretary.ClickAsync("#create-campaign");
        await secretary.WaitForURLAsync("**/Attestation/Campaign/**");
        var campaign = IdFromUrl(secretary, "/Attestation/Campaign/");
        await secretary.CheckAsync("#region-astana");
        await secretary.ClickAsync("#preview-rule");
        await secretary.WaitForSelectorAsync("#preview-summary");
        await BrowserApp.AssertAccessibleAsync(secretary);
        await secretary.ClickAsync("#confirm-list");
        await secretary.WaitForSelectorAsync("#stages-heading");
        await secretary.GotoAsync($"/Attestation/Candidates/{campaign}");
        await BrowserApp.AssertAccessibleAsync(secretary);
        await secretary.FillAsync("#PersonnelNumber", officer.PersonnelNumber);
        await secretary.FillAsync("#Reason", locale == "kk" ? "Бөлімше бастығының міндетін атқарушы." : "Исполняет обязанности начальника отделения.");
        await secretary.ClickAsync("#add-candidate");
        await secretary.WaitForURLAsync("**/Attestation/Candidate/**");
        var candidate = IdFromUrl(secretary, "/Attestation/Candidate/");
        await BrowserApp.AssertAccessibleAsync(secretary);

        // Stage 1: the examiner's screen for the group (filtered to the officer), pass/fail from the norms.
        await secretary.GotoAsync($"/Attestation/Standards/{campaign}?q={officer.PersonnelNumber}");
        await BrowserApp.AssertAccessibleAsync(secretary);
        await secretary.FillAsync("#Examiner", "Омаров А.");
        var n = candidate.ToString("N");
        await secretary.FillAsync($"input[name=run3_{n}]", "11:40");
        await secretary.FillAsync($"input[name=run100_{n}]", "13.9");
        await secretary.FillAsync($"input[name=pull_{n}]", "14");
        await secretary.FillAsync($"input[name=fire_{n}]", "44");
        await secretary.ClickAsync("#save-group");
        await secretary.WaitForSelectorAsync("#message");
        await BrowserApp.AssertAccessibleAsync(secretary);

        // Stage 2 specification: one question from each of two topics.
        var topics = await app.WithDbAsync(db => db.Set<Topic>().ToDictionaryAsync(t => t.Code, t => t.Id));
        await secretary.GotoAsync($"/Attestation/Spec/{campaign}");
        await secretary.FillAsync($"#n_{topics["constitution"]:N}", "1");
        await secretary.FillAsync($"#n_{topics["logic"]:N}", "1");
        await secretary.ClickAsync("form button[type=submit].btn-primary");
        await secretary.WaitForSelectorAsync(".alert-info");
        await BrowserApp.AssertAccessibleAsync(secretary);

        // The candidate sees the timeline, takes the test in their language and sees the result at once.
        var candidatePage = await SignedInAsync("officer", locale);
        await candidatePage.GotoAsync("/Me/Attestation");
        await BrowserApp.AssertAccessibleAsync(candidatePage);
        await candidatePage.CheckAsync($"#tl-{locale}-{candidate}");
        await candidatePage.ClickAsync($"#start-{candidate} ~ form .start-test, section[aria-labelledby='start-{candidate}'] .start-test");
        await candidatePage.WaitForURLAsync("**/Me/AttestationTest/**");
        var attempt = IdFromUrl(candidatePage, "/Me/AttestationTest/");
        await BrowserApp.AssertAccessibleAsync(candidatePage);
        var drawn = await app.WithDbAsync(db => db.Set<AttemptQuestion>().Where(a => a.AttemptId == attempt).OrderBy(a => a.Position).ToListAsync());
        Assert.Equal(2, drawn.Count);
        var driver = new AttestationDriver(app, null!);
        foreach (var q in drawn)
        {
            await candidatePage.GotoAsync($"/Me/AttestationTest/{attempt}?q={q.Position}");
            var right = JsonSerializer.SerializeToElement(await driver.RightAnswerAsync(attempt, q.QuestionId));
            if (right.TryGetProperty("truth", out var truth)) await candidatePage.CheckAsync(truth.GetBoolean() ? "#t-true" : "#t-false");
            else if (right.TryGetProperty("value", out var value)) await candidatePage.FillAsync("#value", value.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture));
            else foreach (var c in right.GetProperty("choices").EnumerateArray()) await candidatePage.CheckAsync($"#o-{c.GetInt32()}");
            await candidatePage.ClickAsync("#save-answer");
            await candidatePage.WaitForURLAsync($"**/Me/AttestationTest/{attempt}?q={q.Position + 1}");
        }
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.AttemptId == attempt)));
        await candidatePage.ClickAsync("#finish-test");
        await candidatePage.WaitForSelectorAsync("#test-result");
        Assert.Equal(passedText, (await candidatePage.InnerTextAsync("#verdict")).Trim());
        await BrowserApp.AssertAccessibleAsync(candidatePage);

        // Stage 3: the secretary schedules a sitting of the central commission, records who is present and opens it.
        await secretary.GotoAsync($"/Attestation/Sittings/{campaign}");
        await BrowserApp.AssertAccessibleAsync(secretary);
        await secretary.FillAsync("#at", "2026-12-01T10:00");
        await secretary.FillAsync("#place", "Астана, ІІМ, 305");
        await secretary.ClickAsync("#create-sitting");
        await secretary.WaitForURLAsync("**/Attestation/Sitting/**");
        var sitting = IdFromUrl(secretary, "/Attestation/Sitting/");
        await secretary.SelectOptionAsync("#candidateId", candidate.ToString());
        await secretary.ClickAsync("#schedule-candidate");
        await secretary.WaitForSelectorAsync($"tr[data-candidate='{candidate}']");
        var members = await app.WithDbAsync(db => (from m in db.Set<CommissionMember>() join u in db.Users on m.UserId equals u.Id select new { u.UserName, m.Id }).ToDictionaryAsync(x => x.UserName!, x => x.Id));
        var voters = new[] { "commission", "commission2", "commission3", "commission4" };
        foreach (var v in voters) await secretary.CheckAsync($"#present-{members[v]}");
        await secretary.ClickAsync("#save-attendance");
        await secretary.WaitForSelectorAsync("#quorum[data-has-quorum=true]");
        await secretary.ClickAsync("#open-sitting");
        await secretary.WaitForSelectorAsync("#close-sitting");
        await BrowserApp.AssertAccessibleAsync(secretary);

        // Each present member reads the file and votes in secret (in Kazakh: the chair and one more set conditions, a tie the chair breaks).
        foreach (var v in voters)
        {
            var member = await SignedInAsync(v, locale);
            if (v == "commission")
            {
                await member.GotoAsync($"/Attestation/File/{sitting}/{candidate}");
                await BrowserApp.AssertAccessibleAsync(member);
            }
            await member.GotoAsync($"/Attestation/Vote/{sitting}");
            if (v == "commission") await BrowserApp.AssertAccessibleAsync(member);
            var conditional = locale == "kk" && v is "commission" or "commission3";
            await member.CheckAsync($"#choice-{candidate}-{(conditional ? "FitsWithConditions" : "Fits")}");
            if (conditional) await member.FillAsync($"#conditions-{candidate}", "Азаматтарға қызмет көрсету стандарттары бойынша курс");
            await member.ClickAsync($"section[data-candidate='{candidate}'] .cast-vote");
            await member.WaitForSelectorAsync($"section[data-candidate='{candidate}'] .my-vote");
            await member.Context.CloseAsync();
        }

        // The secretary closes the sitting: decisions recorded, the protocol issued in both languages with its hash.
        await secretary.ReloadAsync();
        await secretary.ClickAsync("#close-sitting");
        await secretary.WaitForSelectorAsync("#protocols");
        Assert.Contains(decisionText, await secretary.InnerTextAsync($"tr[data-candidate='{candidate}'] .decision"), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(secretary);

        // The candidate reads the decision and the appeal period.
        await candidatePage.GotoAsync("/Me/Attestation");
        Assert.Contains(decisionText, await candidatePage.InnerTextAsync($"article[aria-labelledby='campaign-{candidate}'] .my-decision"), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(candidatePage);
        await candidatePage.Context.CloseAsync();
        await secretary.Context.CloseAsync();
    }
}
