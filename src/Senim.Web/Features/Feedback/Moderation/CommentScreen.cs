using System.Text;
using System.Text.RegularExpressions;

namespace Senim.Web.Features.Feedback.Moderation;

[Flags]
public enum ScreenFlag { None = 0, PersonalDataMasked = 1, Profanity = 2 }

/// <summary>The screened comment, what was done to it and why (stable reason codes: phone, iin, email, card, name,
/// profanity:kk|ru|en).</summary>
public sealed record ScreenResult(string Text, ScreenFlag Flags, IReadOnlyList<string> Reasons)
{
    public bool Hold => Flags.HasFlag(ScreenFlag.Profanity);
}

/// <summary>Screens a resident's comment before anyone sees it: personal data is masked with "***", profanity in
/// Kazakh, Russian or English holds the comment for a moderator. Pure and thread-safe; never throws on any string.
/// Regular expressions run without backtracking, so no input can make them slow.</summary>
public static partial class CommentScreen
{
    public const string Mask = "***";
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    public static ScreenResult Screen(string? comment, IReadOnlyCollection<string>? knownNames = null)
    {
        var text = Normalise(comment ?? "");
        var reasons = new List<string>();
        var flags = ScreenFlag.None;

        text = Replace(text, Email(), "email", reasons);
        // Long digit runs first: a valid IIN or card number is masked as such before the phone rule sees it.
        text = DigitRun().Replace(text, m =>
        {
            var digits = new string([.. m.Value.Where(char.IsAsciiDigit)]);
            if (digits.Length == 12 && IsValidIin(digits)) { reasons.Add("iin"); return Mask; }
            if (digits.Length is >= 13 and <= 19 && PassesLuhn(digits)) { reasons.Add("card"); return Mask; }
            if (LooksLikePhone(digits)) { reasons.Add("phone"); return Mask; }
            return m.Value;
        });
        text = MaskNames(text, knownNames, reasons);
        text = CueName().Replace(text, m => { reasons.Add("name"); return m.Groups["cue"].Value + Mask; });

        if (reasons.Count > 0) flags |= ScreenFlag.PersonalDataMasked;
        foreach (var language in Profanity.Find(text))
        {
            flags |= ScreenFlag.Profanity;
            reasons.Add("profanity:" + language);
        }
        return new ScreenResult(text, flags, [.. reasons.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>Kazakhstan's IIN/BIN control digit: weights 1..11 over the first 11 digits, mod 11; if that gives 10,
    /// weights 3,4,5,6,7,8,9,10,11,1,2, mod 11; if that is 10 again the number is invalid. (The rule published with the
    /// IIN/BIN format of the Republic of Kazakhstan; the same algorithm is used by egov.kz validators.)</summary>
    public static bool IsValidIin(string digits)
    {
        if (digits.Length != 12 || !digits.All(char.IsAsciiDigit)) return false;
        static int Sum(string d, int start)
        {
            var s = 0;
            for (var i = 0; i < 11; i++) s += (d[i] - '0') * (((start - 1 + i) % 11) + 1);
            return s % 11;
        }
        var check = Sum(digits, 1);
        if (check == 10) check = Sum(digits, 3);
        return check != 10 && check == digits[11] - '0';
    }

    /// <summary>Luhn (mod 10) check used by payment card numbers (ISO/IEC 7812-1, annex B).</summary>
    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /// <summary>Kazakhstan numbers: 10 digits starting with 7, or 11 starting with 7 or 8 followed by 7; other 10–12 digit runs count too.</summary>
    private static bool LooksLikePhone(string digits) => digits.Length is >= 10 and <= 12;

    private static string Replace(string text, Regex regex, string reason, List<string> reasons) =>
        regex.Replace(text, _ => { reasons.Add(reason); return Mask; });

    private static string MaskNames(string text, IReadOnlyCollection<string>? names, List<string> reasons)
    {
        if (names is null || names.Count == 0) return text;
        // Declension changes the ending ("Ахметова" → "Ахметовой"), so a final vowel is dropped from longer names.
        var wanted = names.Select(n => n.Trim()).Where(n => n.Length >= 3)
            .Select(n => n.Length > 4 && "аеёиоуыэюяәіөүұaeiouy".Contains(char.ToLowerInvariant(n[^1]), StringComparison.Ordinal) ? n[..^1] : n)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0) return text;
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsLetter(text[i]))
            {
                var start = i;
                while (i < text.Length && (char.IsLetter(text[i]) || text[i] == '-')) i++;
                var word = text[start..i];
                // A name in any grammatical case keeps its stem: "Иванов", "Иванову", "Ивановым".
                if (wanted.Any(n => word.StartsWith(n, StringComparison.OrdinalIgnoreCase) && word.Length - n.Length <= 3))
                {
                    sb.Append(Mask);
                    reasons.Add("name");
                }
                else sb.Append(word);
            }
            else sb.Append(text[i++]);
        }
        return sb.ToString();
    }

    /// <summary>NFC; no control or zero-width characters (kept: line breaks, at most two in a row); runs of spaces folded.</summary>
    public static string Normalise(string input)
    {
        string text;
        try { text = input.Normalize(NormalizationForm.FormC); }
        catch (ArgumentException) { text = input; } // lone surrogates cannot be normalised; they are dropped below
        var sb = new StringBuilder(text.Length);
        var newlines = 0;
        var space = false;
        foreach (var ch in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (ch == '\n')
            {
                if (newlines < 2) sb.Append('\n');
                newlines++;
                space = false;
                continue;
            }
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned)
            {
                if (ch is '\t' or '\r') { space = sb.Length > 0; }
                continue;
            }
            if (char.IsWhiteSpace(ch)) { space = sb.Length > 0 && newlines == 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            newlines = 0;
            sb.Append(ch);
        }
        return sb.ToString().Trim();
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9.\-]{1,255}\.[A-Za-z]{2,24}", Options)]
    private static partial Regex Email();

    // Digits with the separators people type inside phone and card numbers.
    [GeneratedRegex(@"\+?[0-9][0-9 ()\-]{8,30}[0-9]", Options)]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"(?<cue>(?i:меня зовут|моя фамилия|фамилия|менің атым|атым|есімім|my name is|name is)[:\s]+)\p{Lu}[\p{L}\-]{1,30}(\s\p{Lu}[\p{L}\-]{1,30}){0,2}",
        Options)]
    private static partial Regex CueName();
}
