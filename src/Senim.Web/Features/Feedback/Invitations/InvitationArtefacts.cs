using System.Text;
using QRCoder;

namespace Senim.Web.Features.Feedback.Invitations;

/// <summary>One language's strings on a card or poster. The caller passes kk, ru and en (kk is drawn first).</summary>
public sealed record CardText(string Heading, string Instruction, string CodeLabel, string ExpiresLabel, string Footer);

/// <summary>Everything printed on an invitation card. <paramref name="Code"/> may be raw (9 characters) or displayed
/// (XXXX-XXXXX); it is printed as XXXX-XXXXX.</summary>
public sealed record InvitationCard(
    string Code, string Url, DateTime ExpiresAtUtc, string UnitName, string? ServiceName,
    IReadOnlyList<(string Culture, CardText Text)> Languages);

/// <summary>The things a resident receives an invitation through: a QR code (SVG for pages, PNG for messengers),
/// a printed A6 card, an A4 front-office poster and an SMS. All are pure functions of their input.</summary>
public static class InvitationArtefacts
{
    public const int SmsSingleSegment = 70;   // UCS-2: one segment
    public const int SmsTwoSegments = 134;    // UCS-2 concatenated: 2 × 67

    /// <summary>A self-contained SVG (no external references, no script): white background including the 4-module
    /// quiet zone, dark modules as one path of horizontal runs, ECC level M. Size = modules × <paramref name="pixelsPerModule"/>.</summary>
    public static string QrSvg(string url, int pixelsPerModule = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelsPerModule, 64);
        var m = QrMatrix(url);
        var n = m.GetLength(0);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(4096);
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{n * pixelsPerModule}\" height=\"{n * pixelsPerModule}\" viewBox=\"0 0 {n} {n}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\">");
        sb.Append(inv, $"<rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        foreach (var (x, y, length) in Runs(m))
        {
            sb.Append(inv, $"M{x} {y}h{length}v1h-{length}z");
        }
        sb.Append("\"/></svg>");
        return sb.ToString();
    }

    /// <summary>PNG bytes (1-bit greyscale, quiet zone included, ECC level M) from QRCoder's PngByteQRCode: no System.Drawing.</summary>
    public static byte[] QrPng(string url, int pixelsPerModule = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelsPerModule, 64);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule, drawQuietZones: true);
    }

    /// <summary>A6 portrait card (105 × 148 mm), one page: unit and service, every language's heading and instruction
    /// (kk first), the QR code as vector squares, the code in large monospace, the URL, the expiry date (dd.MM.yyyy,
    /// Kazakhstan time) and the footers. Long texts shrink the whole layout until it fits.</summary>
    /// <exception cref="InvalidOperationException">The DejaVu fonts are missing (Debian package fonts-dejavu-core).</exception>
    public static byte[] CardPdf(InvitationCard card) => InvitationPdf.Render(card, InvitationPdf.A6);

    /// <summary>A4 portrait front-office poster: the card's layout, twice as large.</summary>
    public static byte[] PosterPdf(InvitationCard card) => InvitationPdf.Render(card, InvitationPdf.A4);

    /// <summary>The invitation SMS in kk, ru or en (a regional culture such as "ru-KZ" counts as its language; anything
    /// else gets kk). Cyrillic forces UCS-2, where one segment holds 70 characters, so the richest wording that fits 70
    /// is chosen, else the richest that fits 134 (two segments). Wordings run from "phrase, link, code, date" down to
    /// "link alone"; when the URL does not contain the code, only wordings with the code are used. Only a URL longer
    /// than about 115 characters gives a text over 134, which still holds the URL (and the code when needed).</summary>
    public static string SmsText(string culture, string code, string url, DateTime expiresAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var c = DisplayCode(code);
        var d = ExpiryDate(expiresAtUtc);
        var u = url.Trim();
        var urlHasCode = u.Contains(c, StringComparison.OrdinalIgnoreCase)
            || (InvitationCode.Normalise(code) is { } raw && u.Contains(raw, StringComparison.OrdinalIgnoreCase));
        (string Text, bool HasCode)[] variants = Language(culture) switch
        {
            "ru" =>
            [
                ($"Оцените обслуживание: {u} Код {c}, до {d}", true),
                ($"Оцените нас: {u} код {c} до {d}", true),
                ($"Оцените обслуживание: {u} до {d}", false),
                ($"Оцените обслуживание: {u}", false),
                ($"Оцените нас: {u} код {c}", true),
                ($"Оценка: {u}", false),
            ],
            "en" =>
            [
                ($"Rate the service you received: {u} Code {c}, until {d}", true),
                ($"Rate us: {u} code {c} until {d}", true),
                ($"Rate the service: {u} until {d}", false),
                ($"Rate the service: {u}", false),
                ($"Rate us: {u} code {c}", true),
                ($"Rate: {u}", false),
            ],
            _ =>
            [
                ($"Қызметті бағалаңыз: {u} Код {c}, {d} дейін", true),
                ($"Бағалаңыз: {u} код {c}, {d} дейін", true),
                ($"Қызметті бағалаңыз: {u} {d} дейін", false),
                ($"Қызметті бағалаңыз: {u}", false),
                ($"Бағалаңыз: {u} код {c}", true),
                ($"Бағалаңыз: {u}", false),
            ],
        };
        var allowed = variants.Where(v => urlHasCode || v.HasCode).Select(v => v.Text).ToList();
        return allowed.FirstOrDefault(v => v.Length <= SmsSingleSegment)
            ?? allowed.FirstOrDefault(v => v.Length <= SmsTwoSegments)
            ?? allowed[^1];
    }

    /// <summary>The expiry instant as a Kazakhstan calendar date, dd.MM.yyyy. A <see cref="DateTimeKind.Local"/> value
    /// is converted to UTC first; Unspecified is taken as UTC.</summary>
    public static string ExpiryDate(DateTime expiresAtUtc)
    {
        var utc = expiresAtUtc.Kind == DateTimeKind.Local ? expiresAtUtc.ToUniversalTime() : DateTime.SpecifyKind(expiresAtUtc, DateTimeKind.Utc);
        return utc.ToLocalKz().ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>The code as residents type it: XXXX-XXXXX when it is a valid invitation code, otherwise trimmed as given.</summary>
    public static string DisplayCode(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return InvitationCode.Normalise(code) is { } normal ? InvitationCode.Display(normal) : code.Trim();
    }

    /// <summary>QRCoder's module matrix at ECC level M, quiet zone (4 modules each side) included; [row, column], true = dark.</summary>
    internal static bool[,] QrMatrix(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        var n = rows.Count;
        var m = new bool[n, n];
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++) m[y, x] = rows[y][x];
        }
        return m;
    }

    /// <summary>Maximal horizontal runs of dark modules, row by row, left to right.</summary>
    internal static IEnumerable<(int X, int Y, int Length)> Runs(bool[,] m)
    {
        var n = m.GetLength(0);
        for (var y = 0; y < n; y++)
        {
            var x = 0;
            while (x < n)
            {
                if (!m[y, x]) { x++; continue; }
                var start = x;
                while (x < n && m[y, x]) x++;
                yield return (start, y, x - start);
            }
        }
    }

    internal static string Language(string? culture)
    {
        var lang = (culture ?? "").Trim();
        var dash = lang.IndexOfAny(['-', '_']);
        if (dash >= 0) lang = lang[..dash];
        return lang.ToLowerInvariant() switch
        {
            "ru" => "ru",
            "en" => "en",
            _ => "kk",
        };
    }
}
