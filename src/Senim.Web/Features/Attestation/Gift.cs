using System.Text;

namespace Senim.Web.Features.Attestation;

public enum GiftKind { SingleChoice, MultipleChoice, TrueFalse, Numeric, ShortAnswer }

/// <summary>One answer option: its text, the fraction of the mark it earns (−1..1), optional feedback.</summary>
public sealed record GiftAnswer(string Text, double Fraction, string? Feedback = null);

/// <summary>A numeric answer: value ± tolerance (a range min..max is stored as its midpoint and half-width).</summary>
public sealed record GiftNumericAnswer(double Value, double Tolerance, double Fraction = 1);

public sealed record GiftQuestion(
    string Category, string? Title, string Text, GiftKind Kind, IReadOnlyList<GiftAnswer> Answers,
    bool? Truth = null, IReadOnlyList<GiftNumericAnswer>? Numeric = null, int Line = 0)
{
    /// <summary>Equal in content (the line it came from does not matter).</summary>
    public bool SameAs(GiftQuestion other) =>
        Category == other.Category && Title == other.Title && Text == other.Text && Kind == other.Kind && Truth == other.Truth
        && Answers.SequenceEqual(other.Answers)
        && (Numeric ?? []).SequenceEqual(other.Numeric ?? []);
}

public sealed record GiftError(int Line, string Reason);

/// <summary>Moodle's GIFT format for question banks ("GIFT format", Moodle documentation, docs.moodle.org/en/GIFT_format):
/// questions separated by blank lines; // comments; $CATEGORY: path; ::title::; answers in braces — {=right ~wrong}
/// single choice, {~%50%a ~%50%b ~%-100%c} multiple answers with weights, {T}/{F} true–false, {#3.5:0.1} or {#1..5}
/// numeric, {=a =b} short answer; \~ \= \# \{ \} \: escape the special characters. Matching, missing-word and essay
/// questions are reported as unsupported, with their line.</summary>
public static class Gift
{
    private const string Special = "~=#{}:";

    public static (List<GiftQuestion> Questions, List<GiftError> Errors) Parse(string text)
    {
        var questions = new List<GiftQuestion>();
        var errors = new List<GiftError>();
        var category = "";
        var block = new List<string>();
        var blockLine = 0;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        void Flush()
        {
            if (block.Count == 0) return;
            var (q, error) = ParseQuestion(string.Join("\n", block), blockLine, category);
            if (q is not null) questions.Add(q);
            if (error is not null) errors.Add(error);
            block.Clear();
        }
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.StartsWith("//", StringComparison.Ordinal)) continue;
            if (trimmed.Length == 0) { Flush(); continue; }
            if (block.Count == 0 && trimmed.StartsWith("$CATEGORY:", StringComparison.Ordinal))
            {
                category = trimmed["$CATEGORY:".Length..].Trim();
                continue;
            }
            if (block.Count == 0) blockLine = i + 1;
            block.Add(line);
        }
        Flush();
        return (questions, errors);
    }

    private static (GiftQuestion?, GiftError?) ParseQuestion(string raw, int line, string category)
    {
        var s = raw.Trim();
        string? title = null;
        if (s.StartsWith("::", StringComparison.Ordinal))
        {
            var end = FindUnescaped(s, "::", 2);
            if (end < 0) return (null, new(line, "the title is not closed with ::"));
            title = Unescape(s[2..end]).Trim();
            s = s[(end + 2)..].TrimStart();
        }
        var open = FindUnescaped(s, "{", 0);
        if (open < 0) return (null, new(line, "no answer block { … }"));
        var close = FindUnescaped(s, "}", open + 1);
        if (close < 0) return (null, new(line, "the answer block is not closed with }"));
        if (FindUnescaped(s, "{", close + 1) >= 0) return (null, new(line, "more than one answer block"));
        var after = s[(close + 1)..].Trim();
        if (after.Length > 0) return (null, new(line, "missing-word questions (text after the answers) are not supported"));
        var body = s[..open].Trim();
        if (body.StartsWith('[') && body.IndexOf(']', StringComparison.Ordinal) is var f and > 0) body = body[(f + 1)..].TrimStart(); // [html], [markdown]
        var questionText = Unescape(body);
        if (questionText.Length == 0) return (null, new(line, "the question has no text"));
        var answers = s[(open + 1)..close].Trim();
        if (answers.Length == 0) return (null, new(line, "essay questions are not supported"));

        if (answers.StartsWith('#'))
        {
            var numeric = ParseNumeric(answers[1..], line, out var error);
            return numeric is null ? (null, error) : (new GiftQuestion(category, title, questionText, GiftKind.Numeric, [], null, numeric, line), null);
        }
        var (word, feedback) = SplitFeedback(answers);
        switch (word.Trim().ToUpperInvariant())
        {
            case "T" or "TRUE": return (new GiftQuestion(category, title, questionText, GiftKind.TrueFalse, [], true, null, line), null);
            case "F" or "FALSE": return (new GiftQuestion(category, title, questionText, GiftKind.TrueFalse, [], false, null, line), null);
        }
        _ = feedback;
        if (FindUnescaped(answers, "->", 0) >= 0) return (null, new(line, "matching questions are not supported"));

        var options = new List<GiftAnswer>();
        var starts = new List<int>();
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i] == '\\') { i++; continue; }
            if (answers[i] is '=' or '~') starts.Add(i);
        }
        if (starts.Count == 0 || starts[0] != 0) return (null, new(line, "answers must start with = or ~"));
        for (var k = 0; k < starts.Count; k++)
        {
            var part = answers[starts[k]..(k + 1 < starts.Count ? starts[k + 1] : answers.Length)];
            var right = part[0] == '=';
            var content = part[1..].Trim();
            double? fraction = null;
            if (content.StartsWith('%'))
            {
                var end = content.IndexOf('%', 1);
                if (end < 0 || !double.TryParse(content[1..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) || pct is < -100 or > 100)
                    return (null, new(line, $"the weight in \"{part.Trim()}\" must be %-100% to %100%"));
                fraction = pct / 100;
                content = content[(end + 1)..].Trim();
            }
            var (answerText, answerFeedback) = SplitFeedback(content);
            answerText = Unescape(answerText).Trim();
            if (answerText.Length == 0) return (null, new(line, "an answer is empty"));
            options.Add(new GiftAnswer(answerText, fraction ?? (right ? 1 : 0), answerFeedback is null ? null : Unescape(answerFeedback).Trim()));
        }
        var weighted = options.Any(o => o.Fraction is not (0 or 1)) || answers.Contains("~%", StringComparison.Ordinal);
        var kind = !weighted && starts.All(i => answers[i] == '=') ? GiftKind.ShortAnswer
            : weighted ? GiftKind.MultipleChoice
            : GiftKind.SingleChoice;
        if (kind == GiftKind.SingleChoice && options.Count(o => o.Fraction == 1) != 1)
            return (null, new(line, "a single-choice question needs exactly one right answer (=)"));
        if (kind == GiftKind.MultipleChoice && Math.Abs(options.Where(o => o.Fraction > 0).Sum(o => o.Fraction) - 1) > 0.011)
            return (null, new(line, "the positive weights of a multiple-answer question must add up to 100%"));
        if (kind != GiftKind.ShortAnswer && options.Count < 2) return (null, new(line, "a choice question needs at least two answers"));
        return (new GiftQuestion(category, title, questionText, kind, options, null, null, line), null);
    }

    private static List<GiftNumericAnswer>? ParseNumeric(string s, int line, out GiftError? error)
    {
        error = null;
        var result = new List<GiftNumericAnswer>();
        var parts = s.Trim().StartsWith('=') ? s.Split('=', StringSplitOptions.RemoveEmptyEntries) : [s];
        foreach (var rawPart in parts)
        {
            var part = SplitFeedback(rawPart).Text.Trim();
            double fraction = 1;
            if (part.StartsWith('%'))
            {
                var end = part.IndexOf('%', 1);
                if (end < 0 || !double.TryParse(part[1..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct)) { error = new(line, $"bad weight in \"{part}\""); return null; }
                fraction = pct / 100;
                part = part[(end + 1)..];
            }
            var range = part.IndexOf("..", StringComparison.Ordinal);
            if (range >= 0)
            {
                if (!Num(part[..range], out var min) || !Num(part[(range + 2)..], out var max) || max < min) { error = new(line, $"bad numeric range \"{part}\""); return null; }
                result.Add(new GiftNumericAnswer((min + max) / 2, (max - min) / 2, fraction));
                continue;
            }
            var colon = FindUnescaped(part, ":", 0);
            var value = colon < 0 ? part : part[..colon];
            var tolerance = colon < 0 ? "0" : part[(colon + 1)..];
            if (!Num(value, out var v) || !Num(tolerance, out var t) || t < 0) { error = new(line, $"bad numeric answer \"{part}\""); return null; }
            result.Add(new GiftNumericAnswer(v, t, fraction));
        }
        if (result.Count == 0) error = new(line, "the numeric answer is empty");
        return result.Count == 0 ? null : result;

        static bool Num(string x, out double v) => double.TryParse(x.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);
    }

    private static (string Text, string? Feedback) SplitFeedback(string s)
    {
        var hash = FindUnescaped(s, "#", 0);
        return hash < 0 ? (s, null) : (s[..hash], s[(hash + 1)..]);
    }

    private static int FindUnescaped(string s, string token, int from)
    {
        for (var i = from; i <= s.Length - token.Length; i++)
        {
            if (s[i] == '\\') { i++; continue; }
            if (string.CompareOrdinal(s, i, token, 0, token.Length) == 0) return i;
        }
        return -1;
    }

    private static string Unescape(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length && (Special.Contains(s[i + 1], StringComparison.Ordinal) || s[i + 1] == '\\')) { sb.Append(s[++i]); continue; }
            if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] == 'n') { sb.Append('\n'); i++; continue; }
            sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            if (c == '\\' || Special.Contains(c, StringComparison.Ordinal)) sb.Append('\\');
            if (c == '\n') { sb.Append("\\n"); continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes a bank back to GIFT, grouped by category; Parse(Write(bank)) gives an equivalent bank.</summary>
    public static string Write(IEnumerable<GiftQuestion> questions)
    {
        var sb = new StringBuilder();
        foreach (var group in questions.GroupBy(q => q.Category))
        {
            if (group.Key.Length > 0) sb.Append("$CATEGORY: ").Append(group.Key).Append("\n\n");
            foreach (var q in group)
            {
                if (q.Title is not null) sb.Append("::").Append(Escape(q.Title)).Append("::");
                sb.Append(Escape(q.Text)).Append(" {");
                switch (q.Kind)
                {
                    case GiftKind.TrueFalse:
                        sb.Append(q.Truth == true ? "TRUE" : "FALSE");
                        break;
                    case GiftKind.Numeric:
                        sb.Append('#');
                        var numeric = q.Numeric ?? [];
                        if (numeric.Count == 1 && numeric[0].Fraction == 1) sb.Append(Number(numeric[0].Value)).Append(':').Append(Number(numeric[0].Tolerance));
                        else foreach (var n in numeric) sb.Append("=%").Append(Number(n.Fraction * 100)).Append('%').Append(Number(n.Value)).Append(':').Append(Number(n.Tolerance)).Append(' ');
                        break;
                    default:
                        foreach (var a in q.Answers)
                        {
                            var plain = q.Kind != GiftKind.MultipleChoice && (a.Fraction == 1 || a.Fraction == 0);
                            sb.Append(' ').Append(a.Fraction == 1 && plain ? '=' : '~');
                            if (!plain) sb.Append('%').Append(Number(a.Fraction * 100)).Append('%');
                            sb.Append(Escape(a.Text));
                            if (a.Feedback is not null) sb.Append('#').Append(Escape(a.Feedback));
                        }
                        sb.Append(' ');
                        break;
                }
                sb.Append("}\n\n");
            }
        }
        return sb.ToString();
    }
}
