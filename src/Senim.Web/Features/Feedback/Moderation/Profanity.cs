using System.Text;

namespace Senim.Web.Features.Feedback.Moderation;

/// <summary>Finds profanity in Kazakh, Russian and English. Words are matched by stem at the start of a word (or after
/// a verbal prefix, for Russian), after undoing the usual disguises: Latin/Cyrillic look-alike letters, digits and
/// symbols for letters, and letters spelled apart ("х у й", "f.u.c.k"). Matching at the word start is what keeps
/// "страхуй", "Scunthorpe" and "assistant" clean.</summary>
internal static class Profanity
{
    private static readonly string[] Russian =
    [
        "хуй", "хуе", "хуё", "хуя", "хуи", "пизд", "пезд", "ебал", "ебан", "ебат", "ебу", "ебл", "ебн", "ебёт", "ебет", "ёб", "бляд", "блят",
        "мудак", "мудил", "мудо", "пидор", "пидар", "гандон", "гондон", "залуп", "шлюх", "сука", "суки", "сучк", "сучар", "говнюк",
        "долбоеб", "долбоёб", "уебок", "уёбок", "уебищ", "уёбищ",
    ];

    /// <summary>Russian verbal prefixes that combine with the obscene roots ("выеб...", "нахуй", "отъеб...").</summary>
    private static readonly string[] RussianPrefixes = ["вы", "за", "от", "отъ", "на", "по", "у", "съ", "подъ", "при", "раз", "рас", "объ", "до", "недо", "пере"];
    private static readonly string[] RussianPrefixedRoots = ["еб", "ёб", "хуй", "хуе", "хуя", "пизд", "бляд"];

    /// <summary>Words that are profane only on their own: as stems they would catch "бляха" (a badge) or "педикюр".</summary>
    private static readonly string[] RussianWords = ["бля", "педик", "педики"];

    // Kept narrow on purpose: many Kazakh insults are also ordinary verb forms ("жалап" is "licking").
    private static readonly string[] Kazakh = ["сігей", "сігіп", "сікті", "сіктір", "сігем", "амыңды", "қотақ", "қотағ"];

    private static readonly string[] English = ["fuck", "shit", "bitch", "cunt", "asshole", "arsehole", "motherf", "bastard", "whore", "slut", "faggot", "dickhead", "wanker", "bollocks"];

    private static readonly Dictionary<char, char> ToCyrillicMap = new()
    {
        ['a'] = 'а', ['e'] = 'е', ['o'] = 'о', ['p'] = 'р', ['c'] = 'с', ['x'] = 'х', ['y'] = 'у', ['k'] = 'к', ['m'] = 'м', ['t'] = 'т',
        ['b'] = 'в', ['h'] = 'н', ['3'] = 'з', ['0'] = 'о', ['6'] = 'б', ['@'] = 'а', ['u'] = 'и', ['n'] = 'п', ['r'] = 'г',
    };

    private static readonly Dictionary<char, char> ToLatinMap = new()
    {
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['х'] = 'x', ['у'] = 'y', ['к'] = 'k', ['м'] = 'm', ['т'] = 't',
        ['0'] = 'o', ['1'] = 'i', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['@'] = 'a', ['$'] = 's', ['!'] = 'i', ['і'] = 'i',
    };

    public static IEnumerable<string> Find(string text)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var candidate in Candidates(text))
        {
            var cyr = Map(candidate, ToCyrillicMap);
            var lat = Map(candidate, ToLatinMap);
            if (Russian.Any(r => cyr.StartsWith(r, StringComparison.Ordinal)) || RussianWords.Contains(cyr)
                || RussianPrefixes.Any(p => cyr.StartsWith(p, StringComparison.Ordinal) && RussianPrefixedRoots.Any(r => cyr.AsSpan(p.Length).StartsWith(r, StringComparison.Ordinal))))
                found.Add("ru");
            if (Kazakh.Any(k => cyr.StartsWith(k, StringComparison.Ordinal))) found.Add("kk");
            if (English.Any(e => lat.StartsWith(e, StringComparison.Ordinal))) found.Add("en");
        }
        return found;
    }

    private static string Map(string word, Dictionary<char, char> map)
    {
        var sb = new StringBuilder(word.Length);
        foreach (var ch in word) sb.Append(map.TryGetValue(ch, out var m) ? m : ch);
        return sb.ToString();
    }

    /// <summary>Lower-case words (letters, digits and the symbols used as letters), plus the words formed by runs of
    /// three or more single letters spelled apart.</summary>
    private static IEnumerable<string> Candidates(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text.ToLowerInvariant())
        {
            // '@' and '$' stand for letters anywhere; '!' only inside a word ("sh!t"), not as punctuation after it.
            var partOfWord = char.IsLetterOrDigit(ch) || ch is '@' or '$' || (ch == '!' && current.Length > 0);
            if (partOfWord)
            {
                current.Append(ch);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) words.Add(current.ToString());
        foreach (var w in words) yield return w;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Length != 1) continue;
            var j = i;
            var joined = new StringBuilder();
            while (j < words.Count && words[j].Length == 1) joined.Append(words[j++]);
            if (joined.Length >= 3) yield return joined.ToString();
            i = j;
        }
    }
}
