using Senim.Web.Features.Attestation;

namespace Senim.Web.Tests.Attestation;

public sealed class TestDrawAndScoringTests
{
    private static List<(Guid Topic, IReadOnlyList<(Guid Id, int Options)> Questions)> Pool(params int[] sizes) =>
        [.. sizes.Select(n => (Guid.CreateVersion7(), (IReadOnlyList<(Guid, int)>)[.. Enumerable.Range(0, n).Select(i => (Guid.CreateVersion7(), i % 3 + 2))]))];

    [Fact]
    public void EveryDrawHasNPerTopicWithoutRepeatsAndShuffledOptions()
    {
        var pool = Pool(10, 6, 4);
        var counts = new Dictionary<Guid, int> { [pool[0].Topic] = 3, [pool[1].Topic] = 2, [pool[2].Topic] = 4 };
        for (var seed = 0; seed < 500; seed++)
        {
            var rng = new Random(seed);
            var draw = TestDraw.Draw(pool, counts, rng.Next);
            Assert.Equal(9, draw.Count);
            Assert.Equal(9, draw.Select(d => d.QuestionId).Distinct().Count());
            foreach (var (topic, questions) in pool)
            {
                var ids = questions.Select(q => q.Id).ToHashSet();
                Assert.Equal(counts[topic], draw.Count(d => ids.Contains(d.QuestionId)));
            }
            Assert.Equal(Enumerable.Range(0, 9), draw.Select(d => d.Position));
            Assert.Equal(Enumerable.Range(0, 9), draw.Select(d => d.Slot).Order());
            foreach (var d in draw)
            {
                var options = pool.SelectMany(p => p.Questions).First(q => q.Id == d.QuestionId).Options;
                Assert.Equal(Enumerable.Range(0, options), d.OptionOrder.Order());
            }
            // Slots: topic by topic in specification order, question id order within a topic.
            var bySlot = draw.OrderBy(d => d.Slot).Select(d => d.QuestionId).ToList();
            Assert.Equal(bySlot.Take(3).Order(), bySlot.Take(3));
            Assert.True(pool[0].Questions.Select(q => q.Id).Contains(bySlot[0]) && pool[2].Questions.Select(q => q.Id).Contains(bySlot[8]));
        }
    }

    [Fact]
    public void TheDrawIsUniformAndTheOrderIsShuffled()
    {
        // 10 questions, draw 2: each question should be chosen in about 20 % of draws; the first shown question varies.
        var pool = Pool(10);
        var counts = new Dictionary<Guid, int> { [pool[0].Topic] = 2 };
        var chosen = new Dictionary<Guid, int>();
        var firstIsLowerId = 0;
        var rng = new Random(7);
        const int draws = 20_000;
        for (var i = 0; i < draws; i++)
        {
            var draw = TestDraw.Draw(pool, counts, rng.Next);
            foreach (var d in draw) chosen[d.QuestionId] = chosen.GetValueOrDefault(d.QuestionId) + 1;
            if (draw[0].QuestionId.CompareTo(draw[1].QuestionId) < 0) firstIsLowerId++;
        }
        // Binomial(20,000, 0.2): sd ≈ 57; allow 5 sd.
        Assert.All(chosen.Values, n => Assert.InRange(n, 4000 - 285, 4000 + 285));
        Assert.InRange(firstIsLowerId, 10_000 - 354, 10_000 + 354);
    }

    [Fact]
    public void ABankTooSmallForTheSpecificationIsRefused()
    {
        var pool = Pool(3);
        Assert.Throws<ArgumentException>(() => TestDraw.Draw(pool, new Dictionary<Guid, int> { [pool[0].Topic] = 4 }));
    }

    private static readonly ScoringQuestion Single = new(QuestionKind.SingleChoice, 1, null, [(1, null, null), (0, null, null), (-0.5, null, null)]);
    private static readonly ScoringQuestion Multiple = new(QuestionKind.MultipleChoice, 2, null, [(0.5, null, null), (0.5, null, null), (-1, null, null), (-1, null, null)]);
    private static readonly ScoringQuestion TrueFalse = new(QuestionKind.TrueFalse, 1, false, []);
    private static readonly ScoringQuestion Numeric = new(QuestionKind.Numeric, 1, null, [(1, 3.5, 0.1), (0.5, 3.5, 0.5)]);

    [Fact]
    public void ChoicesAreStoredAsBankOptionsWhateverTheDisplayOrder()
    {
        // Shown order 2, 0, 1: the candidate clicks the second shown option, which is bank option 0 (the right one).
        var (response, error) = TestScoring.Normalise(Single, [2, 0, 1], new AnswerInput([1], null, null));
        Assert.Null(error);
        Assert.Equal("0", response);
        Assert.Equal(1, TestScoring.Mark(Single, response!));
        Assert.Equal("Attestation.AnswerOneChoice", TestScoring.Normalise(Single, [0, 1, 2], new AnswerInput([0, 1], null, null)).ErrorKey);
        Assert.Equal("Attestation.AnswerBadChoice", TestScoring.Normalise(Single, [0, 1, 2], new AnswerInput([3], null, null)).ErrorKey);
        Assert.Equal("Attestation.AnswerBadChoice", TestScoring.Normalise(Multiple, [0, 1, 2, 3], new AnswerInput([1, 1], null, null)).ErrorKey);
        Assert.Equal("Attestation.AnswerChoose", TestScoring.Normalise(Single, [0, 1, 2], new AnswerInput([], null, null)).ErrorKey);
    }

    [Fact]
    public void SingleChoiceEarnsTheChosenFractionNeverBelowZero()
    {
        Assert.Equal(1, TestScoring.Mark(Single, "0"));
        Assert.Equal(0, TestScoring.Mark(Single, "1"));
        Assert.Equal(0, TestScoring.Mark(Single, "2")); // −50 % is clamped to 0 for the question
    }

    [Fact]
    public void MultipleChoiceAddsTheWeightsOfTheChosenOptions()
    {
        Assert.Equal(2, TestScoring.Mark(Multiple, "0,1"));   // 50 % + 50 % of 2 points
        Assert.Equal(1, TestScoring.Mark(Multiple, "0"));     // 50 %
        Assert.Equal(0, TestScoring.Mark(Multiple, "0,2"));   // 50 % − 100 % → 0
        Assert.Equal(0, TestScoring.Mark(Multiple, "0,1,2,3")); // ticking everything does not pay
    }

    [Fact]
    public void TrueFalseIsAllOrNothing()
    {
        Assert.Equal(1, TestScoring.Mark(TrueFalse, "false"));
        Assert.Equal(0, TestScoring.Mark(TrueFalse, "true"));
        Assert.Equal("Attestation.AnswerTrueFalse", TestScoring.Normalise(TrueFalse, [], new AnswerInput(null, null, null)).ErrorKey);
    }

    [Theory]
    [InlineData(3.5, 1)]
    [InlineData(3.6, 1)]    // within ± 0.1 (the edge counts)
    [InlineData(3.4, 1)]
    [InlineData(3.7, 0.5)]  // only the wider answer (± 0.5) at 50 %
    [InlineData(4.0, 0.5)]
    [InlineData(4.01, 0)]
    [InlineData(-3.5, 0)]
    public void NumericAnswersCountWithinTheirTolerance(double value, double mark)
    {
        var (response, error) = TestScoring.Normalise(Numeric, [], new AnswerInput(null, null, value));
        Assert.Null(error);
        Assert.Equal(mark, TestScoring.Mark(Numeric, response!));
    }

    [Theory]
    [InlineData(7, 10, 70, true)]
    [InlineData(6.99, 10, 70, false)]
    [InlineData(0, 0, 70, false)]
    public void ThePassMarkIsAPercentOfTheMaximum(double score, double max, int percent, bool passed) =>
        Assert.Equal(passed, TestScoring.Passed(score, max, percent));
}
