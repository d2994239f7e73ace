using System.Text;

namespace Senim.Web.Features.Surveys;

/// <summary>Groups open answers by theme with keyword rules: an answer belongs to a theme when a word of the answer
/// begins with one of the theme's keywords (in any of the three languages; residents mix them). A keyword of several
/// words matches those words in sequence. Case and the letters ё/е are ignored. No keyword: "other".</summary>
public sealed class ThemeClassifier
{
    public const string Other = "other";
    private readonly List<(string Code, string[] Keywords)> _rules;

    public ThemeClassifier(IEnumerable<SurveyTheme> themes) =>
        _rules = [.. themes.OrderBy(t => t.SortOrder).Select(t => (t.Code, Keywords(t).ToArray()))];

    public static IEnumerable<string> Keywords(SurveyTheme t) =>
        new[] { t.KeywordsKk, t.KeywordsRu, t.KeywordsEn }.SelectMany(Split).Select(Normalise).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal);

    public static IEnumerable<string> Split(string? keywords) =>
        (keywords ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Lower case, ё→е, every run of non-letters and non-digits one space.</summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text.ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsLetterOrDigit(ch)) { sb.Append(ch == 'ё' ? 'е' : ch); space = false; }
            else if (!space && sb.Length > 0) { sb.Append(' '); space = true; }
        }
        return sb.ToString().Trim();
    }

    /// <summary>The codes of the themes the answer belongs to, in the themes' order; ["other"] when none.</summary>
    public IReadOnlyList<string> Classify(string? answer)
    {
        var text = " " + Normalise(answer ?? "") + " ";
        var found = _rules.Where(r => r.Keywords.Any(k => text.Contains(" " + k, StringComparison.Ordinal))).Select(r => r.Code).ToList();
        return found.Count > 0 ? found : [Other];
    }
}
