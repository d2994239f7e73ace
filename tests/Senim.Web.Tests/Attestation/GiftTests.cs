using Senim.Web.Features.Attestation;

namespace Senim.Web.Tests.Attestation;

public sealed class GiftTests
{
    private const string Bank = """
        // Legislation of the Republic of Kazakhstan
        $CATEGORY: law/administrative

        ::q1::Кто рассматривает жалобу на действия участкового инспектора? {
          =Начальник органа внутренних дел#Верно
          ~Сам участковый инспектор
          ~Прокурор района#Только при надзоре
        }

        ::q2::Which documents prove identity? {~%50%Identity card ~%50%Passport ~%-100%Library card}

        ::q3::Өтінішті қарау мерзімі 15 жұмыс күні. {T}

        ::q4::Сколько дней на рассмотрение обращения\: 15 или 30? {#15:0}

        $CATEGORY: logic
        ::q5::A number between 1 and 5 {#1..5}

        ::q6::Name the capital {=Astana =Астана}

        ::q7::Escapes \{ \} \~ \= \# work {=yes ~no}
        """;

    [Fact]
    public void EveryConstructIsRead()
    {
        var (q, errors) = Gift.Parse(Bank);
        Assert.Empty(errors);
        Assert.Equal(7, q.Count);
        Assert.Equal(("law/administrative", "q1", GiftKind.SingleChoice), (q[0].Category, q[0].Title, q[0].Kind));
        Assert.Equal(["Начальник органа внутренних дел", "Сам участковый инспектор", "Прокурор района"], q[0].Answers.Select(a => a.Text));
        Assert.Equal([1.0, 0, 0], q[0].Answers.Select(a => a.Fraction));
        Assert.Equal("Верно", q[0].Answers[0].Feedback);
        Assert.Equal(GiftKind.MultipleChoice, q[1].Kind);
        Assert.Equal([0.5, 0.5, -1.0], q[1].Answers.Select(a => a.Fraction));
        Assert.Equal((GiftKind.TrueFalse, true), (q[2].Kind, q[2].Truth));
        Assert.Equal("Сколько дней на рассмотрение обращения: 15 или 30?", q[3].Text);
        Assert.Equal(new GiftNumericAnswer(15, 0), q[3].Numeric!.Single());
        Assert.Equal(("logic", new GiftNumericAnswer(3, 2)), (q[4].Category, q[4].Numeric!.Single()));
        Assert.Equal(GiftKind.ShortAnswer, q[5].Kind);
        Assert.Equal("Escapes { } ~ = # work", q[6].Text);
        Assert.Equal(14, q[3].Line);
    }

    [Fact]
    public void ImportThenExportGivesAnEquivalentBank()
    {
        var (first, _) = Gift.Parse(Bank);
        var (second, errors) = Gift.Parse(Gift.Write(first));
        Assert.Empty(errors);
        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++) Assert.True(first[i].SameAs(second[i]), $"question {i + 1} changed in the round trip: {first[i]} / {second[i]}");
    }

    [Theory]
    [InlineData("::t::No answers here", "no answer block")]
    [InlineData("::t::Open {=a ~b", "not closed")]
    [InlineData("::t Title never closed {=a ~b}", "title is not closed")]
    [InlineData("Two right {=a =b ~c}", "exactly one right answer")]
    [InlineData("Weights {~%50%a ~%20%b ~%-100%c}", "add up to 100%")]
    [InlineData("Bad weight {~%x%a ~%50%b}", "weight")]
    [InlineData("Match {=a -> 1 =b -> 2}", "matching")]
    [InlineData("Essay {}", "essay")]
    [InlineData("Missing {=word ~other} in the middle", "missing-word")]
    [InlineData("Range {#5..1}", "range")]
    public void AnUnparsableQuestionIsReportedWithItsLineAndReason(string question, string reason)
    {
        var (questions, errors) = Gift.Parse("// header\n\n::ok::Fine {T}\n\n" + question + "\n");
        Assert.Single(questions);
        var error = Assert.Single(errors);
        Assert.Equal(5, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
