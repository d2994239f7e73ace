using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Senim.Web.Features.Feedback.Invitations;

/// <summary>Lays out and draws the invitation card with PdfPig (Apache-2.0; see docs/decisions/006). The layout is
/// designed once in A6 points; the A4 poster uses the same layout scaled (A4 is A6 × 2). Text is centred and
/// word-wrapped; when the content is too tall, every size shrinks in 4 % steps (down to 55 %) until it fits.</summary>
internal static class InvitationPdf
{
    internal readonly record struct PageMm(double Width, double Height);

    internal static readonly PageMm A6 = new(105, 148);
    internal static readonly PageMm A4 = new(210, 297);

    private const double PointsPerMm = 72 / 25.4;
    private static readonly double DesignWidth = A6.Width * PointsPerMm;   // 297.64 pt
    private static readonly double DesignHeight = A6.Height * PointsPerMm; // 419.53 pt
    private const double Margin = 16;
    private const double AccentBand = 5;
    private const double MinScale = 0.55;
    private const double LineSpacing = 1.2;

    private static readonly (byte R, byte G, byte B) Ink = PdfTextFlow.Ink;
    private static readonly (byte R, byte G, byte B) Muted = PdfTextFlow.Muted;
    private static readonly (byte R, byte G, byte B) Accent = (0x00, 0x8C, 0xA8); // a deeper shade of the flag's sky blue, prints well
    private static readonly (byte R, byte G, byte B) RuleColour = (0xD1, 0xD5, 0xDB);

    /// <summary>Everything is drawn in design units (A6 points, y downwards from the top); this maps them to the page.</summary>
    private sealed class Canvas(PdfPageBuilder page, double pageHeight, double scale, double offsetX, double offsetY)
    {
        public PdfPageBuilder Page => page;
        public double Scale => scale;
        public PdfPoint Point(double x, double y) => new(offsetX + x * scale, pageHeight - (offsetY + y * scale));

        public double Width(string text, PdfDocumentBuilder.AddedFont font, double size) => PdfText.Width(page, text, font, size * scale) / scale;

        /// <summary>Sets fill and stroke alike: PdfPig fills rectangles with "fill and stroke" (B*), so a stroke colour left
        /// over from an earlier line would outline every QR module with a light seam.</summary>
        public void Fill((byte R, byte G, byte B) c)
        {
            page.SetTextAndFillColor(c.R, c.G, c.B);
            page.SetStrokeColor(c.R, c.G, c.B);
        }
    }

    public static byte[] Render(InvitationCard card, PageMm size)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(card.Url);
        var code = InvitationArtefacts.DisplayCode(card.Code);

        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = $"Senim {code}";
        builder.DocumentInformation.Subject = card.UnitName;
        builder.DocumentInformation.Creator = "Senim";
        // DejaVu Sans only: PdfPig 0.1.16's TrueType subsetter fails on the DejaVu Sans Mono files, and the code is laid
        // out character by character with its own spacing anyway, so it needs no monospace face.
        var fonts = DejaVuFonts.Shared.AddTo(builder);

        var width = size.Width * PointsPerMm;
        var height = size.Height * PointsPerMm;
        var page = builder.AddPage(width, height);
        var scale = Math.Min(width / DesignWidth, height / DesignHeight);
        var canvas = new Canvas(page, height, scale, (width - DesignWidth * scale) / 2, (height - DesignHeight * scale) / 2);
        Draw(canvas, fonts, card, code);
        return builder.Build();
    }

    private static void Draw(Canvas canvas, PdfFaces fonts, InvitationCard card, string code)
    {
        canvas.Fill(Accent);
        canvas.Page.DrawRectangle(canvas.Point(0, AccentBand), DesignWidth * canvas.Scale, AccentBand * canvas.Scale, 0, fill: true);

        var top = AccentBand + Margin * 0.75;
        var available = DesignHeight - top - Margin;
        var blocks = Layout(canvas, fonts, card, code, 1);
        for (var s = 0.96; Height(blocks) > available && s >= MinScale - 1e-9; s -= 0.04)
        {
            blocks = Layout(canvas, fonts, card, code, s);
        }

        var y = top + Math.Max(0, (available - Height(blocks)) / 2);
        foreach (var block in blocks)
        {
            block.Draw(canvas, y);
            y += block.Height;
        }
        canvas.Page.ResetColor();
    }

    private static double Height(List<Block> blocks) => blocks.Sum(b => b.Height);

    private static List<Block> Layout(Canvas canvas, PdfFaces fonts, InvitationCard card, string code, double s)
    {
        var width = DesignWidth - 2 * Margin;
        var texts = card.Languages
            .Select((l, i) => (l.Text, Order: InvitationArtefacts.Language(l.Culture) == "kk" ? 0 : 1, Index: i))
            .OrderBy(l => l.Order).ThenBy(l => l.Index)
            .Select(l => l.Text)
            .ToList();

        var blocks = new List<Block>();
        void Text(string? text, PdfDocumentBuilder.AddedFont font, double fontSize, (byte, byte, byte) colour, double gapAfter = 0)
        {
            if (string.IsNullOrWhiteSpace(text)) return;
            blocks.Add(new TextBlock(Wrap(canvas, text.Trim(), font, fontSize, width), font, fontSize, colour, canvas));
            if (gapAfter > 0) blocks.Add(new Gap(gapAfter * s));
        }

        Text(card.UnitName, fonts.Bold, 9.5 * s, Ink, 1);
        Text(card.ServiceName, fonts.Regular, 8 * s, Muted);
        blocks.Add(new Rule(width, 10 * s));

        foreach (var t in texts)
        {
            Text(t.Heading, fonts.Bold, 11 * s, Ink, 1.5);
            Text(t.Instruction, fonts.Regular, 7.5 * s, Muted, 5);
        }

        blocks.Add(new Gap(2 * s));
        blocks.Add(new QrBlock(InvitationArtefacts.QrMatrix(card.Url), Math.Min(122 * s, width), width));
        blocks.Add(new Gap(3 * s));

        Text(Joined(texts.Select(t => t.CodeLabel)), fonts.Regular, 7.5 * s, Muted, 1);
        blocks.Add(new CodeBlock(code, fonts.Bold, 20 * s, 0.22, width, canvas));
        blocks.Add(new Gap(2 * s));
        Text(card.Url.Trim(), fonts.Regular, 7.5 * s, Ink, 5);

        var expires = Joined(texts.Select(t => t.ExpiresLabel));
        var date = InvitationArtefacts.ExpiryDate(card.ExpiresAtUtc);
        Text(expires.Length == 0 ? date : $"{expires}: {date}", fonts.Bold, 8.5 * s, Ink);

        var footers = texts.Select(t => t.Footer).Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        if (footers.Count > 0)
        {
            blocks.Add(new Rule(width, 10 * s));
            foreach (var footer in footers) Text(footer, fonts.Regular, 6.5 * s, Muted, 1.5);
        }
        return blocks;
    }

    /// <summary>Distinct non-empty labels in language order, "Код / Code".</summary>
    private static string Joined(IEnumerable<string> labels) =>
        string.Join(" / ", labels.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim().TrimEnd(':')).Distinct(StringComparer.Ordinal));

    /// <summary>The shared word wrap at the card's scale; blank lines are dropped (the card spaces its blocks itself).</summary>
    private static List<string> Wrap(Canvas canvas, string text, PdfDocumentBuilder.AddedFont font, double size, double width) =>
        [.. PdfText.Wrap(text, width, t => canvas.Width(t, font, size)).Where(l => l.Length > 0)];

    private abstract class Block
    {
        public abstract double Height { get; }
        public abstract void Draw(Canvas canvas, double top);
    }

    private sealed class Gap(double height) : Block
    {
        public override double Height => height;
        public override void Draw(Canvas canvas, double top) { }
    }

    private sealed class Rule(double width, double height) : Block
    {
        public override double Height => height;
        public override void Draw(Canvas canvas, double top)
        {
            var x = (DesignWidth - width * 0.4) / 2;
            canvas.Page.SetStrokeColor(RuleColour.R, RuleColour.G, RuleColour.B);
            canvas.Page.DrawLine(canvas.Point(x, top + height / 2), canvas.Point(x + width * 0.4, top + height / 2), 0.6 * canvas.Scale);
        }
    }

    private sealed class TextBlock(List<string> lines, PdfDocumentBuilder.AddedFont font, double size, (byte R, byte G, byte B) colour, Canvas measure) : Block
    {
        private readonly double _lineHeight = size * LineSpacing;
        public override double Height => lines.Count * _lineHeight;
        public override void Draw(Canvas canvas, double top)
        {
            canvas.Fill(colour);
            for (var i = 0; i < lines.Count; i++)
            {
                var x = (DesignWidth - measure.Width(lines[i], font, size)) / 2;
                // The baseline sits one font size below the top of the line box (ascent ≈ 0.93 em for DejaVu).
                canvas.Page.AddText(lines[i], size * canvas.Scale, canvas.Point(x, top + i * _lineHeight + size * 0.93), font);
            }
        }
    }

    /// <summary>The code, one character at a time, spaced by <paramref name="tracking"/> em so that it reads easily.</summary>
    private sealed class CodeBlock(string code, PdfDocumentBuilder.AddedFont font, double size, double tracking, double width, Canvas measure) : Block
    {
        public override double Height => size * LineSpacing;
        public override void Draw(Canvas canvas, double top)
        {
            var gap = size * tracking;
            var advances = code.Select(c => measure.Width(new string(c, 1), font, size)).ToList();
            var total = advances.Sum() + gap * (code.Length - 1);
            if (total > width)
            {
                // A code longer than expected: drop the extra spacing before letting it run over the margins.
                gap = Math.Max(0, (width - advances.Sum()) / Math.Max(1, code.Length - 1));
                total = advances.Sum() + gap * (code.Length - 1);
            }
            canvas.Fill((0, 0, 0));
            var x = (DesignWidth - total) / 2;
            for (var i = 0; i < code.Length; i++)
            {
                canvas.Page.AddText(new string(code[i], 1), size * canvas.Scale, canvas.Point(x, top + size * 0.93), font);
                x += advances[i] + gap;
            }
        }
    }

    /// <summary>The QR code as filled vector rectangles, one per horizontal run of dark modules (sharp at any print
    /// resolution, and a few hundred rectangles rather than thousands). The quiet zone stays white.</summary>
    private sealed class QrBlock(bool[,] matrix, double size, double width) : Block
    {
        public override double Height => size;
        public override void Draw(Canvas canvas, double top)
        {
            var n = matrix.GetLength(0);
            var module = size / n;
            var left = Margin + (width - size) / 2;
            canvas.Fill((0, 0, 0));
            foreach (var (x, y, length) in InvitationArtefacts.Runs(matrix))
            {
                // DrawRectangle's position is the rectangle's lower-left corner.
                canvas.Page.DrawRectangle(canvas.Point(left + x * module, top + (y + 1) * module), length * module * canvas.Scale, module * canvas.Scale, 0, fill: true);
            }
        }
    }
}
