using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Features.Attestation;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Attestation;

public abstract class BankTests<TApp>(TApp app) where TApp : SenimApp
{
    private static string Topic() => "bank-test-" + Guid.NewGuid().ToString("N")[..8];

    private static StringContent Gift(string text) => new(text, Encoding.UTF8, "text/plain");

    [Fact]
    public async Task ABadGiftFileIsReportedLineByLineAndNothingIsImportedUnlessTheValidQuestionsAreChosen()
    {
        var topic = Topic();
        var secretary = await app.SignInAsync("secretary", culture: "en");
        var gift = $"""
            $CATEGORY: {topic}

            ::q1:: A right question. {"{"}=yes ~no{"}"}

            Untitled question. {"{"}T{"}"}

            ::q3:: Short answer. {"{"}=Astana =Астана{"}"}

            ::q4:: Unclosed {"{"}=a ~b

            ::q5:: Numeric. {"{"}#3.5:0.1{"}"}

            ::q1:: The same title again. {"{"}F{"}"}
            """;
        var checkedOnly = await secretary.PostAsync($"/api/v1/attestation/bank/import?language=kk", Gift(gift));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, checkedOnly.StatusCode);
        var report = await checkedOnly.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(report.GetProperty("imported").GetBoolean());
        Assert.Equal(2, report.GetProperty("valid").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("reason").GetString())).ToList();
        Assert.Equal(
        [
            (5, "The question has no title (::title::): the Kazakh and Russian versions are paired by title."),
            (7, "Short-answer questions are not used in attestation tests."),
            (9, "The answer block is not closed with }."),
            (13, "The title \"q1\" appears twice in this topic."),
        ], errors);
        Assert.False(await app.WithDbAsync(db => db.Set<Topic>().AnyAsync(t => t.Code == topic)));

        var chosen = await secretary.PostAsync($"/api/v1/attestation/bank/import?language=kk&importValid=true", Gift(gift));
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal(["q1", "q5"], await app.WithDbAsync(db => db.Set<Question>().Where(q => db.Set<Topic>().Any(t => t.Id == q.TopicId && t.Code == topic)).OrderBy(q => q.Title).Select(q => q.Title).ToListAsync()));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "attestation.bank.import" && a.After!.Contains(topic)).CountAsync());
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task TheRussianFileIsPairedByTitleAndADifferentStructureIsRefused()
    {
        var topic = Topic();
        var secretary = await app.SignInAsync("secretary", culture: "ru");
        var kk = $$"""
            $CATEGORY: {{topic}}
            ::even:: Қай сандар жұп? {~%50%2 ~%50%4 ~%-100%3}

            ::capital:: Астана — Қазақстанның астанасы. {T}

            ::count:: Екі жерде екі неше? {#4}
            """;
        var ru = $$"""
            $CATEGORY: {{topic}}
            ::even:: Какие числа чётные? {~%50%2 ~%50%4 ~%-100%3}

            ::capital:: Астана — столица Казахстана. {F}

            ::count:: Сколько будет дважды два? {#4}
            """;
        Assert.Equal(HttpStatusCode.OK, (await secretary.PostAsync("/api/v1/attestation/bank/import?language=kk", Gift(kk))).StatusCode);
        var mismatch = await secretary.PostAsync("/api/v1/attestation/bank/import?language=ru", Gift(ru));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
        var error = (await mismatch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        Assert.Equal("Структура версии kk вопроса «capital» другая (не совпадают вид, ответы, веса или числа).", error.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, (await secretary.PostAsync("/api/v1/attestation/bank/import?language=ru", Gift(ru.Replace("{F}", "{T}", StringComparison.Ordinal)))).StatusCode);
        var questions = await app.WithDbAsync(db => db.Set<Question>().Where(q => db.Set<Topic>().Any(t => t.Id == q.TopicId && t.Code == topic)).ToListAsync());
        Assert.Equal(3, questions.Count);
        Assert.All(questions, q => Assert.True(q.TextKk is not null && q.TextRu is not null));
        var even = questions.Single(q => q.Title == "even");
        var options = await app.WithDbAsync(db => db.Set<QuestionOption>().Where(o => o.QuestionId == even.Id).OrderBy(o => o.Index).ToListAsync());
        Assert.Equal(["2", "4", "3"], options.Select(o => o.TextKk));
        Assert.Equal([0.5, 0.5, -1.0], options.Select(o => o.Fraction));
        var bank = await secretary.GetStringAsync("/Attestation/Bank");
        Assert.Contains(topic, bank, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportThenExportGivesAnEquivalentBankInEachLanguage()
    {
        var topic = Topic();
        var secretary = await app.SignInAsync("secretary");
        foreach (var (language, text) in new[] { ("kk", DemoBank.Kazakh), ("ru", DemoBank.Russian) })
        {
            var source = text.Replace("$CATEGORY: ", $"$CATEGORY: {topic}-", StringComparison.Ordinal);
            source += $$"""


                $CATEGORY: {{topic}}-escapes
                ::esc\: 1:: Braces \{ \} and \= \~ \# kept. {=one#right ~%-50%two#wrong ~three}

                ::range:: A range. {#1..5}

                ::weighted-numeric:: Several numbers. {#=%100%3.5:0.1 =%50%3.5:0.5}
                """;
            var imported = await secretary.PostAsync($"/api/v1/attestation/bank/import?language={language}", Gift(source));
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            var (original, errors) = Senim.Web.Features.Attestation.Gift.Parse(source);
            Assert.Empty(errors);
            var exportedText = 
                string.Concat(await Task.WhenAll(original.Select(q => q.Category).Distinct().Select(c => secretary.GetStringAsync($"/api/v1/attestation/bank/export?language={language}&topic={Uri.EscapeDataString(c)}"))));
            var (exported, exportErrors) = Senim.Web.Features.Attestation.Gift.Parse(exportedText);
            Assert.Empty(exportErrors);
            Assert.Equal(original.Count, exported.Count);
            foreach (var q in original)
                Assert.True(exported.Single(e => e.Category == q.Category && e.Title == q.Title).SameAs(q), $"{language} {q.Title}");
        }
        // Both languages present: every question is usable in a test.
        var usable = await app.WithDbAsync(db => db.Set<Question>().CountAsync(q => q.TextKk != null && q.TextRu != null && db.Set<Topic>().Any(t => t.Id == q.TopicId && t.Code.StartsWith(topic))));
        Assert.Equal(23, usable);
    }

    [Fact]
    public async Task TheBankPageReportsAndImportsTheValidQuestionsOnlyWhenAsked()
    {
        var topic = Topic();
        var secretary = await app.SignInAsync("secretary", culture: "kk");
        var gift = $"$CATEGORY: {topic}\n::good:: Жақсы сұрақ. {{T}}\n\n::bad:: Жабылмаған {{=а ~ә\n";
        var check = await SenimApp.PostFormAsync(secretary, "/Attestation/Bank?handler=Check", new() { ["Language"] = "kk", ["Gift"] = gift }, formPage: "/Attestation/Bank");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, check.StatusCode);
        var html = await check.Content.ReadAsStringAsync();
        Assert.Contains("Жауаптар блогы } белгісімен жабылмаған.", html, StringComparison.Ordinal);
        Assert.Contains("Тек 1 жарамды сұрақты жүктеу", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Set<Topic>().AnyAsync(t => t.Code == topic)));
        var valid = await SenimApp.PostFormAsync(secretary, "/Attestation/Bank?handler=ImportValid", new() { ["Language"] = "kk", ["Gift"] = gift }, formPage: "/Attestation/Bank");
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Contains("Жүктелді: жаңа 1", await valid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Question>().CountAsync(q => db.Set<Topic>().Any(t => t.Id == q.TopicId && t.Code == topic))));
        var export = await secretary.GetAsync($"/Attestation/Bank?handler=Export&language=kk&topic={topic}");
        Assert.Equal("text/plain; charset=utf-8", export.Content.Headers.ContentType!.ToString());
        Assert.Contains("::good::Жақсы сұрақ. {TRUE}", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class BankTestsOnSqlite(SqliteApp app) : BankTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class BankTestsOnPostgres(PostgresApp app) : BankTests<PostgresApp>(app), IClassFixture<PostgresApp>;
