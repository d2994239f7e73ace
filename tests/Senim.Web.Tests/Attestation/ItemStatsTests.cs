using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Features.Attestation;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Attestation;

public abstract class ItemStatsTests<TApp>(TApp app) where TApp : SenimApp
{
    // The hand-worked example of tests/Senim.Statistics.Tests/ItemAnalysisTests.cs: five candidates, four one-mark items.
    //        I1 I2 I3 I4 | total
    //   C1    1  1  1  1 |  4
    //   C2    1  1  1  0 |  3
    //   C3    1  1  0  0 |  2
    //   C4    1  0  1  0 |  2
    //   C5    0  0  0  0 |  0
    private static readonly int[][] Marks = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 1, 0], [0, 0, 0, 0]];

    [Fact]
    public async Task ItemStatisticsOfATestMatchTheHandWorkedExample()
    {
        var topic = "stats-" + Guid.NewGuid().ToString("N")[..8];
        var secretary = await app.SignInAsync("secretary", culture: "en");
        foreach (var language in new[] { "kk", "ru" })
        {
            var gift = $"$CATEGORY: {topic}\n\n" + string.Join("\n\n", Enumerable.Range(1, 4).Select(i => $"::I{i}:: Statement {i} ({language}) is true. {{T}}"));
            Assert.True((await secretary.PostAsync($"/api/v1/attestation/bank/import?language={language}", new StringContent(gift))).IsSuccessStatusCode);
        }
        var driver = new AttestationDriver(app, secretary);
        var campaign = await driver.CreateCampaignAsync("Item statistics");
        await driver.SetRuleAsync(campaign, new() { ["levels"] = "Middle", ["regions"] = "almaty-city" });
        await driver.ConfirmAsync(campaign);
        await driver.SpecAsync(campaign, (topic, 4));
        var candidates = await app.WithDbAsync(db => db.AttestationCandidates.Where(c => c.CampaignId == campaign).OrderBy(c => c.Id).Take(5).ToListAsync());
        Assert.Equal(5, candidates.Count);
        await driver.PassStandardsAsync([.. candidates.Select(c => c.Id)]);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tests = scope.ServiceProvider.GetRequiredService<TestService>();
            for (var c = 0; c < 5; c++)
            {
                var started = await tests.StartAsync(candidates[c].Id, candidates[c].EmployeeId, "ru");
                Assert.True(started.Ok, started.ErrorKey);
                var view = (await tests.ViewAsync(started.Id!.Value, candidates[c].EmployeeId))!;
                foreach (var q in view.Questions)
                {
                    var item = int.Parse(await app.WithDbAsync(db => db.Set<Question>().Where(x => x.Id == q.QuestionId).Select(x => x.Title).FirstAsync()).ContinueWith(t => t.Result[1..]), System.Globalization.CultureInfo.InvariantCulture) - 1;
                    var saved = await tests.AnswerAsync(started.Id!.Value, candidates[c].EmployeeId, q.QuestionId, new AnswerInput(null, Marks[c][item] == 1, null), 0);
                    Assert.True(saved.Ok, saved.ErrorKey);
                }
                Assert.True((await tests.FinishOwnAsync(started.Id!.Value, candidates[c].EmployeeId)).Ok);
            }
            var stats = await scope.ServiceProvider.GetRequiredService<ItemStatsService>().ComputeAsync(campaign);
            Assert.Equal(5, stats.Attempts);
            var byTitle = stats.Questions.ToDictionary(q => q.Title, q => q.Statistics);
            // Facility 4/5, 3/5, 3/5, 1/5.
            Assert.Equal([0.8, 0.6, 0.6, 0.2], new[] { "I1", "I2", "I3", "I4" }.Select(t => Math.Round(byTitle[t].Facility, 12)));
            // Discrimination: correlation with the rest of the test (worked in ItemAnalysisTests).
            Assert.Equal(0.35 / Math.Sqrt(0.26), byTitle["I1"].DiscriminationIndex, 1e-12);
            Assert.Equal(0.3 / Math.Sqrt(0.39), byTitle["I2"].DiscriminationIndex, 1e-12);
            Assert.Equal(0.25 / Math.Sqrt(0.3), byTitle["I4"].DiscriminationIndex, 1e-12);
            Assert.Equal(6.0 / 11.0, byTitle["I3"].DiscriminativeEfficiency, 1e-12);
            Assert.Equal(Math.Sqrt(0.2), byTitle["I4"].StandardDeviation, 1e-12);
            // Every candidate had the same four questions, so the slot analysis is the question analysis: α = 8/11.
            Assert.NotNull(stats.Test);
            Assert.Equal(8.0 / 11.0, stats.Test!.CronbachAlpha, 1e-12);
            Assert.Equal(2.2, stats.Test.TestMean, 1e-12);
        }
        var page = await secretary.GetStringAsync($"/Attestation/ItemStats/{campaign}");
        Assert.Contains("72.7 %", page, StringComparison.Ordinal);
        Assert.Contains("data-title=\"I1\"", page, StringComparison.Ordinal);
        var analyst = await app.SignInAsync("analyst", culture: "en");
        Assert.Contains("72.7 %", await analyst.GetStringAsync($"/Attestation/ItemStats/{campaign}"), StringComparison.Ordinal);
    }
}

public sealed class ItemStatsTestsOnSqlite(SqliteApp app) : ItemStatsTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ItemStatsTestsOnPostgres(PostgresApp app) : ItemStatsTests<PostgresApp>(app), IClassFixture<PostgresApp>;
