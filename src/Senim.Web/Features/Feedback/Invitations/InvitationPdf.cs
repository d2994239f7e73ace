using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Senim.Web.Features.Feedback.Invitations;

/// <summary>Lays out and draws the invitation card. The layout is designed once in A6 points; the A4 poster draws the
/// same layout scaled (A4 is A6 × 2). Text is centred and word-wrapped; when the content is too tall, every size
/// shrinks in 4 % steps (down to 55 %) until it fits.</summary>
internal static class InvitationPdf
{
    internal readonly record struct PageMm(double Width, double Height);

    internal static readonly PageMm A6 = new(105, 148);
    internal static readonly PageMm A4 = new(210, 297);

    private static readonly double DesignWidth = XUnit.FromMillimeter(A6.Width).Point;   // 297.64 pt
    private static readonly double DesignHeight = XUnit.FromMillimeter(A6.Height).Point; // 419.53 pt
    private const double Margin = 16;
    private const double AccentBand = 5;
    private const double MinScale = 0.55;

    private static readonly XColor Ink = XColor.FromArgb(0x11, 0x18, 0x27);
    private static readonly XColor Muted = XColor.FromArgb(0x4B, 0x55, 0x63);
    private static readonly XColor Accent = XColor.FromArgb(0x00, 0x8C, 0xA8); // a deeper shade of the flag's sky blue, prints well

    public static byte[] Render(InvitationCard card, PageMm size)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(card.Url);
        DejaVuFontResolver.EnsureInstalled();

        var code = InvitationArtefacts.DisplayCode(card.Code);
        using var document = NewDocument();
        document.Info.Title = $"Senim {code}";
        document.Info.Subject = card.UnitName;
        document.Info.Creator = "Senim";
        document.Options.CompressContentStreams = true;

        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(size.Width);
        page.Height = XUnit.FromMillimeter(size.Height);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var scale = Math.Min(page.Width.Point / DesignWidth, page.Height.Point / DesignHeight);
            gfx.TranslateTransform((page.Width.Point - DesignWidth * scale) / 2, (page.Height.Point - DesignHeight * scale) / 2);
            gfx.ScaleTransform(scale);
            Draw(gfx, card, code);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>PDFsharp 6.5 refuses to work until the application chooses a license at start-up: the free AGPL-3.0
    /// one (PdfSharpLicense.SetAgplLicense(), which obliges the whole application to be AGPL and to offer its source to
    /// its network users) or a commercial key (PdfSharpLicense.LoadLicense(key)). That is the owner's decision, so it
    /// is not made here; without it the PDFs fail with this message instead of PDFsharp's terse one.</summary>
    private static PdfDocument NewDocument()
    {
        try
        {
            return new PdfDocument();
        }
        catch (PdfSharp.License.PdfSharpLicenseException e)
        {
            throw new InvalidOperationException(
                "PDFsharp 6.5 needs a license chosen at application start-up before invitation PDFs can be made: " +
                "PdfSharpLicense.SetAgplLicense() (AGPL-3.0) or PdfSharpLicense.LoadLicense(commercialKey). " +
                "See https://docs.pdfsharp.net/link/license-loading.html", e);
        }
    }

    private static void Draw(XGraphics gfx, InvitationCard card, string code)
    {
        gfx.DrawRectangle(new XSolidBrush(Accent), 0, 0, DesignWidth, AccentBand);

        var top = AccentBand + Margin * 0.75;
        var available = DesignHeight - top - Margin;
        var blocks = Layout(gfx, card, code, 1);
        for (var s = 0.96; Height(blocks) > available && s >= MinScale - 1e-9; s -= 0.04)
        {
            blocks = Layout(gfx, card, code, s);
        }

        var y = top + Math.Max(0, (available - Height(blocks)) / 2);
        foreach (var block in blocks)
        {
            block.Draw(gfx, y);
            y += block.Height;
        }
    }

    private static double Height(List<Block> blocks) => blocks.Sum(b => b.Height);

    private static List<Block> Layout(XGraphics gfx, InvitationCard card, string code, double s)
    {
        var width = DesignWidth - 2 * Margin;
        var texts = card.Languages
            .Select((l, i) => (l.Culture, l.Text, Order: InvitationArtefacts.Language(l.Culture) == "kk" ? 0 : 1, Index: i))
            .OrderBy(l => l.Order).ThenBy(l => l.Index)
            .Select(l => l.Text)
            .ToList();

        var blocks = new List<Block>();
        void Text(string? text, XFont font, XColor color, double gapAfter = 0)
        {
            if (string.IsNullOrWhiteSpace(text)) return;
            blocks.Add(new TextBlock(Wrap(gfx, text.Trim(), font, width), font, color, width));
            if (gapAfter > 0) blocks.Add(new Gap(gapAfter * s));
        }

        Text(card.UnitName, SansBold(9.5 * s), Ink, 1);
        Text(card.ServiceName, Sans(8 * s), Muted);
        blocks.Add(new Rule(width, 10 * s));

        foreach (var t in texts)
        {
            Text(t.Heading, SansBold(11 * s), Ink, 1.5);
            Text(t.Instruction, Sans(7.5 * s), Muted, 5);
        }

        blocks.Add(new Gap(2 * s));
        blocks.Add(new QrBlock(InvitationArtefacts.QrMatrix(card.Url), Math.Min(122 * s, width), width));
        blocks.Add(new Gap(3 * s));

        Text(Joined(texts.Select(t => t.CodeLabel)), Sans(7.5 * s), Muted, 1);
        blocks.Add(new CodeBlock(code, MonoBold(20 * s), 0.22, width));
        blocks.Add(new Gap(2 * s));
        Text(card.Url.Trim(), Mono(7.5 * s), Ink, 5);

        var expires = Joined(texts.Select(t => t.ExpiresLabel));
        var date = InvitationArtefacts.ExpiryDate(card.ExpiresAtUtc);
        Text(expires.Length == 0 ? date : $"{expires}: {date}", SansBold(8.5 * s), Ink);

        var footers = texts.Select(t => t.Footer).Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        if (footers.Count > 0)
        {
            blocks.Add(new Rule(width, 10 * s));
            foreach (var footer in footers) Text(footer, Sans(6.5 * s), Muted, 1.5);
        }
        return blocks;
    }

    /// <summary>Distinct non-empty labels in language order, "Код / Code".</summary>
    private static string Joined(IEnumerable<string> labels) =>
        string.Join(" / ", labels.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim().TrimEnd(':')).Distinct(StringComparer.Ordinal));

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XPdfFontOptions Ansi = new(PdfFontEncoding.WinAnsi);
    private static XFont Sans(double size) => new(DejaVuFontResolver.Sans, size, XFontStyleEx.Regular, Unicode);
    private static XFont SansBold(double size) => new(DejaVuFontResolver.Sans, size, XFontStyleEx.Bold, Unicode);
    private static XFont Mono(double size) => new(DejaVuFontResolver.Mono, size, XFontStyleEx.Regular, Unicode);
    // The code alphabet is ASCII: WinAnsi keeps it as literal text in the content stream (searchable, testable).
    private static XFont MonoBold(double size) => new(DejaVuFontResolver.Mono, size, XFontStyleEx.Bold, Ansi);

    /// <summary>Greedy word wrap; a word wider than the line (a long URL) is broken between characters.</summary>
    internal static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (gfx.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (line.Length > 1 && gfx.MeasureString(line, font).Width > width)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && gfx.MeasureString(line[..fit], font).Width > width) fit--;
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }
            if (line.Length > 0) lines.Add(line);
        }
        return lines;
    }

    private abstract class Block
    {
        public abstract double Height { get; }
        public abstract void Draw(XGraphics gfx, double top);
    }

    private sealed class Gap(double height) : Block
    {
        public override double Height => height;
        public override void Draw(XGraphics gfx, double top) { }
    }

    private sealed class Rule(double width, double height) : Block
    {
        public override double Height => height;
        public override void Draw(XGraphics gfx, double top)
        {
            var x = (DesignWidth - width * 0.4) / 2;
            gfx.DrawLine(new XPen(XColor.FromArgb(0xD1, 0xD5, 0xDB), 0.6), x, top + height / 2, x + width * 0.4, top + height / 2);
        }
    }

    private sealed class TextBlock(List<string> lines, XFont font, XColor color, double width) : Block
    {
        private readonly double _lineHeight = font.GetHeight();
        public override double Height => lines.Count * _lineHeight;
        public override void Draw(XGraphics gfx, double top)
        {
            var brush = new XSolidBrush(color);
            for (var i = 0; i < lines.Count; i++)
            {
                gfx.DrawString(lines[i], font, brush, new XRect(Margin, top + i * _lineHeight, width, _lineHeight), XStringFormats.TopCenter);
            }
        }
    }

    /// <summary>The code, one character at a time so the monospace pitch can be widened by <paramref name="tracking"/> em.</summary>
    private sealed class CodeBlock(string code, XFont font, double tracking, double width) : Block
    {
        private readonly double _lineHeight = font.GetHeight();
        public override double Height => _lineHeight;
        public override void Draw(XGraphics gfx, double top)
        {
            var gap = font.Size * tracking;
            var advances = code.Select(c => gfx.MeasureString(new string(c, 1), font).Width).ToList();
            var total = advances.Sum() + gap * (code.Length - 1);
            if (total > width)
            {
                // A code longer than expected: drop the extra spacing before letting it run over the margins.
                gap = Math.Max(0, (width - advances.Sum()) / Math.Max(1, code.Length - 1));
                total = advances.Sum() + gap * (code.Length - 1);
            }
            var x = (DesignWidth - total) / 2;
            for (var i = 0; i < code.Length; i++)
            {
                gfx.DrawString(new string(code[i], 1), font, XBrushes.Black, new XPoint(x, top), XStringFormats.TopLeft);
                x += advances[i] + gap;
            }
        }
    }

    /// <summary>The QR code as filled vector rectangles: one path of horizontal runs, filled once (no seams between
    /// modules, sharp at any print resolution). The quiet zone is part of the matrix and stays white.</summary>
    private sealed class QrBlock(bool[,] matrix, double size, double width) : Block
    {
        public override double Height => size;
        public override void Draw(XGraphics gfx, double top)
        {
            var n = matrix.GetLength(0);
            var module = size / n;
            var left = Margin + (width - size) / 2;
            var path = new XGraphicsPath { FillMode = XFillMode.Winding };
            foreach (var (x, y, length) in InvitationArtefacts.Runs(matrix))
            {
                path.AddRectangle(left + x * module, top + y * module, length * module, module);
            }
            gfx.DrawRectangle(XBrushes.White, left, top, size, size);
            gfx.DrawPath(XBrushes.Black, path);
        }
    }
}
