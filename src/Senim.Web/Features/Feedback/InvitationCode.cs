using System.Security.Cryptography;

namespace Senim.Web.Features.Feedback;

/// <summary>Short codes a resident can type from a card: 8 random characters and 1 check character from a
/// 32-character alphabet without the look-alikes 0/O and 1/I, shown as XXXX-XXXXX. 32^8 ≈ 1.1·10^12 codes.
/// The check character is Luhn mod N (H. P. Luhn, US patent 2,950,048, 1960, generalised to an alphabet of N
/// characters as in ISO/IEC 7064's "pure system" family): it catches every single-character typo and most
/// adjacent transpositions before the database is asked.</summary>
public static class InvitationCode
{
    // An even alphabet size matters: with odd N the "double and add base-N digits" step is not a permutation
    // (with N = 29, 1 and 15 both become 2), and some single-character typos would go undetected.
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int DataLength = 8;
    public const int Length = DataLength + 1;
    private static readonly int N = Alphabet.Length;

    public static string New()
    {
        Span<char> data = stackalloc char[DataLength];
        for (var i = 0; i < DataLength; i++) data[i] = Alphabet[RandomNumberGenerator.GetInt32(N)];
        return new string(data) + CheckCharacter(data);
    }

    /// <summary>Luhn mod N: from the rightmost data character leftwards, double every other code point value
    /// starting with the rightmost, sum the base-N digits of each, and choose the check so the total is 0 mod N.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> data)
    {
        var factor = 2;
        var sum = 0;
        for (var i = data.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(data[i], StringComparison.Ordinal);
            factor = factor == 2 ? 1 : 2;
            sum += addend / N + addend % N;
        }
        return Alphabet[(N - sum % N) % N];
    }

    /// <summary>Upper-cases, drops spaces and dashes; null when the result is not a well-formed code with a valid check.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrEmpty(typed) || typed.Length > 32) return null;
        Span<char> buf = stackalloc char[Length];
        var n = 0;
        foreach (var ch in typed)
        {
            if (ch is ' ' or '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013') continue;
            var c = char.ToUpperInvariant(ch);
            if (n == Length || Alphabet.IndexOf(c, StringComparison.Ordinal) < 0) return null;
            buf[n++] = c;
        }
        if (n != Length) return null;
        return CheckCharacter(buf[..DataLength]) == buf[DataLength] ? new string(buf) : null;
    }

    public static string Display(string code) => code.Length == Length ? code[..4] + "-" + code[4..] : code;
}
