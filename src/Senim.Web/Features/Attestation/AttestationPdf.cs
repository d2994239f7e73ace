using System.Globalization;
using Senim.Web.Features.Feedback.Invitations;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Senim.Web.Features.Attestation;

/// <summary>A flowing A4 text document drawn with PdfPig's builder and the embedded DejaVu Sans fonts, exactly as the
/// invitation cards are (docs/decisions/006): paragraphs word-wrapped to the measured width, new pages as needed, a
/// page number on every page. Kazakh and Russian letters are covered by DejaVu.</summary>
internal sealed class AttestationPdf : IDisposable
{
    private const double Width = 595.28;   // A4, points
    private const double Height = 841.89;
    private const double Margin = 56;
    private const double Bottom = 64;
    private const double LineSpacing = 1.3;

    private readonly PdfDocumentBuilder _builder = new();
    private readonly PdfDocumentBuilder.AddedFont _regular;
    private readonly PdfDocumentBuilder.AddedFont _bold;
    private readonly List<PdfPageBuilder> _pages = [];
    private readonly string _footer;
    private PdfPageBuilder _page = null!;
    private double _y;

    public AttestationPdf(string title, string footer)
    {
        _builder.DocumentInformation.Title = title;
        _builder.DocumentInformation.Creator = "Senim";
        _regular = _builder.AddTrueTypeFont(DejaVuFonts.Shared.Face(DejaVuFonts.Sans));
        _bold = _builder.AddTrueTypeFont(DejaVuFonts.Shared.Face(DejaVuFonts.SansBold));
        _footer = footer;
        NewPage();
    }

    private void NewPage()
    {
        _page = _builder.AddPage(Width, Height);
        _pages.Add(_page);
        _y = Height - Margin;
    }

    public void Heading(string text, double size = 14) => Paragraph(text, size, bold: true, after: 6);

    public void Paragraph(string text, double size = 10, bool bold = false, double after = 4, double indent = 0)
    {
        var font = bold ? _bold : _regular;
        foreach (var line in Wrap(text, font, size, Width - 2 * Margin - indent))
        {
            if (_y - size * LineSpacing < Bottom) NewPage();
            _page.SetTextAndFillColor(0x11, 0x18, 0x27);
            _page.AddText(line, size, new PdfPoint(Margin + indent, _y - size), font);
            _y -= size * LineSpacing;
        }
        _y -= after;
    }

    public void Rule()
    {
        if (_y - 12 < Bottom) NewPage();
        _page.SetStrokeColor(0xD1, 0xD5, 0xDB);
        _page.DrawLine(new PdfPoint(Margin, _y - 6), new PdfPoint(Width - Margin, _y - 6), 0.6);
        _y -= 12;
    }

    public void Space(double points) => _y -= points;

    public byte[] Build()
    {
        for (var i = 0; i < _pages.Count; i++)
        {
            var text = string.Format(CultureInfo.InvariantCulture, _footer, i + 1, _pages.Count);
            _pages[i].SetTextAndFillColor(0x4B, 0x55, 0x63);
            _pages[i].AddText(text, 8, new PdfPoint(Margin, Bottom - 28), _regular);
        }
        return _builder.Build();
    }

    public void Dispose() => _builder.Dispose();

    private double Measure(string text, PdfDocumentBuilder.AddedFont font, double size)
    {
        if (text.Length == 0) return 0;
        var letters = _page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
    }

    /// <summary>Greedy word wrap; a word wider than the line is broken between characters.</summary>
    private List<string> Wrap(string text, PdfDocumentBuilder.AddedFont font, double size, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, font, size) <= width) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (line.Length > 1 && Measure(line, font, size) > width)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && Measure(line[..fit], font, size) > width) fit--;
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }
}
