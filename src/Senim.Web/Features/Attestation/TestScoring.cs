using System.Security.Cryptography;

namespace Senim.Web.Features.Attestation;

/// <summary>What a candidate answered: chosen options as displayed positions (choice questions), true/false, or a number.</summary>
public sealed record AnswerInput(IReadOnlyList<int>? Choices, bool? Truth, double? Value);

/// <summary>The structure of a question that scoring needs (no texts).</summary>
public sealed record ScoringQuestion(QuestionKind Kind, double Points, bool? Truth, IReadOnlyList<(double Fraction, double? Value, double? Tolerance)> Options);

/// <summary>Automatic marking, as Moodle marks the same GIFT questions ("Multiple choice question type", "Numerical
/// question type", docs.moodle.org): single choice earns the chosen option's fraction; multiple choice the sum of the
/// chosen options' fractions; true/false all or nothing; numeric the fraction of the best accepted answer whose
/// value ± tolerance contains the response. The mark of a question is clamped to 0..points (no negative totals).</summary>
public static class TestScoring
{
    /// <summary>Turns the displayed choice positions into bank option indices and checks the answer's shape. Returns
    /// the stored response text, or null with the reason key when the answer does not fit the question.</summary>
    public static (string? Response, string? ErrorKey) Normalise(ScoringQuestion q, IReadOnlyList<int> optionOrder, AnswerInput a)
    {
        switch (q.Kind)
        {
            case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                if (a.Choices is null || a.Choices.Count == 0) return (null, "Attestation.AnswerChoose");
                if (a.Choices.Any(c => c < 0 || c >= optionOrder.Count) || a.Choices.Distinct().Count() != a.Choices.Count) return (null, "Attestation.AnswerBadChoice");
                if (q.Kind == QuestionKind.SingleChoice && a.Choices.Count != 1) return (null, "Attestation.AnswerOneChoice");
                return (string.Join(",", a.Choices.Select(c => optionOrder[c]).Order().Select(i => i.ToString(CultureInfo.InvariantCulture))), null);
            case QuestionKind.TrueFalse:
                return a.Truth is { } t ? (t ? "true" : "false", null) : (null, "Attestation.AnswerTrueFalse");
            default:
                return a.Value is { } v && double.IsFinite(v) ? (v.ToString("R", CultureInfo.InvariantCulture), null) : (null, "Attestation.AnswerNumber");
        }
    }

    /// <summary>The mark of a stored response (see <see cref="Normalise"/>), 0..points.</summary>
    public static double Mark(ScoringQuestion q, string response)
    {
        double fraction;
        switch (q.Kind)
        {
            case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                var chosen = response.Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)).Where(i => i >= 0 && i < q.Options.Count).ToList();
                fraction = chosen.Sum(i => q.Options[i].Fraction);
                break;
            case QuestionKind.TrueFalse:
                fraction = (response == "true") == q.Truth ? 1 : 0;
                break;
            default:
                var x = double.Parse(response, NumberStyles.Float, CultureInfo.InvariantCulture);
                fraction = q.Options.Where(o => o.Value is { } value && Math.Abs(x - value) <= (o.Tolerance ?? 0) + 1e-9 * Math.Max(1, Math.Abs(value)))
                    .Select(o => o.Fraction).DefaultIfEmpty(0).Max();
                break;
        }
        return Math.Round(q.Points * Math.Clamp(fraction, 0, 1), 6);
    }

    /// <summary>Passed when the score reaches the pass mark (percent of the maximum).</summary>
    public static bool Passed(double score, double max, int passPercent) => max > 0 && score * 100 >= passPercent * max - 1e-9;
}

/// <summary>One drawn question: its screen position, its slot (topic order, then question id within the topic) and the
/// order its options are shown in.</summary>
public sealed record DrawnQuestion(Guid QuestionId, int Position, int Slot, IReadOnlyList<int> OptionOrder);

/// <summary>A test draw: N questions from each topic without repeats, all shuffled, options shuffled.</summary>
public static class TestDraw
{
    /// <summary>The draw for one candidate. <paramref name="pool"/>: each topic (in specification order) with the ids of
    /// its usable questions and the option count of each; <paramref name="counts"/>: N per topic. <paramref name="next"/>
    /// returns a uniform integer in [0, n) — <see cref="RandomNumberGenerator.GetInt32(int)"/> in production, a seeded
    /// generator in tests. Fisher–Yates shuffles (Knuth, The Art of Computer Programming vol. 2, Algorithm P).</summary>
    /// <exception cref="ArgumentException">A topic has fewer usable questions than its N.</exception>
    public static IReadOnlyList<DrawnQuestion> Draw(
        IReadOnlyList<(Guid Topic, IReadOnlyList<(Guid Id, int Options)> Questions)> pool, IReadOnlyDictionary<Guid, int> counts, Func<int, int>? next = null)
    {
        next ??= RandomNumberGenerator.GetInt32;
        var chosen = new List<(Guid Id, int Options, int Slot)>();
        var slot = 0;
        foreach (var (topic, questions) in pool)
        {
            var n = counts.GetValueOrDefault(topic);
            if (n <= 0) continue;
            if (questions.Count < n) throw new ArgumentException($"Topic {topic} has {questions.Count} usable questions; the specification asks for {n}.", nameof(counts));
            var copy = questions.ToArray();
            // A partial Fisher–Yates: the first n places are a uniform sample without repeats.
            for (var i = 0; i < n; i++)
            {
                var j = i + next(copy.Length - i);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }
            // Slots within a topic follow question id, so that when every candidate gets the same questions a slot is one question.
            foreach (var q in copy.Take(n).OrderBy(q => q.Id)) chosen.Add((q.Id, q.Options, slot++));
        }
        var order = Shuffle(Enumerable.Range(0, chosen.Count).ToArray(), next);
        return [.. order.Select((index, position) => new DrawnQuestion(chosen[index].Id, position, chosen[index].Slot,
            Shuffle(Enumerable.Range(0, chosen[index].Options).ToArray(), next)))];
    }

    private static int[] Shuffle(int[] a, Func<int, int> next)
    {
        for (var i = a.Length - 1; i > 0; i--)
        {
            var j = next(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
        return a;
    }
}
