using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Senim.Web.Common;

/// <summary>Measuring and word-wrapping text in an embedded font (PdfPig; docs/decisions/006).</summary>
public static class PdfText
{
    /// <summary>The advance width of a text in points, as PdfPig lays it out.</summary>
    public static double Width(PdfPageBuilder page, string text, PdfDocumentBuilder.AddedFont font, double size)
    {
        if (text.Length == 0) return 0;
        var letters = page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
    }

    /// <summary>Greedy word wrap to <paramref name="width"/>: each "\n" starts a paragraph (an empty one gives an
    /// empty line); a word wider than the line (a long URL or number) is broken between characters.</summary>
    public static List<string> Wrap(string text, double width, Func<string, double> measure)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (measure(candidate) <= width) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (line.Length > 1 && measure(line) > width)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && measure(line[..fit]) > width) fit--;
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }
}

/// <summary>A flowing A4 text document with the embedded DejaVu fonts: headings and paragraphs word-wrapped to the
/// measured width, simple tables, rules and gaps, a new page whenever the next line does not fit, and optionally a
/// page footer ("page {0} of {1}") on every page. Kazakh and Russian letters are covered by DejaVu.</summary>
public sealed class PdfTextFlow : IDisposable
{
    public const double A4Width = 595.28;   // points
    public const double A4Height = 841.89;
    public const double LineSpacing = 1.3;
    public static readonly (byte R, byte G, byte B) Ink = (0x11, 0x18, 0x27);
    public static readonly (byte R, byte G, byte B) Muted = (0x4B, 0x55, 0x63);
    private static readonly (byte R, byte G, byte B) RuleColour = (0xD1, 0xD5, 0xDB);

    private readonly PdfDocumentBuilder _builder = new();
    private readonly PdfFaces _faces;
    private readonly List<PdfPageBuilder> _pages = [];
    private readonly double _margin;
    private readonly double _bottom;
    private readonly string? _footer;
    private PdfPageBuilder _page = null!;
    private double _y;

    /// <param name="title">The document's title (its properties).</param>
    /// <param name="margin">Top, left and right margin in points.</param>
    /// <param name="bottom">The lowest baseline region: a line that would go below it starts a new page.</param>
    /// <param name="footer">A composite format with {0} = page and {1} = pages, drawn under <paramref name="bottom"/>; null: none.</param>
    /// <exception cref="InvalidOperationException">The DejaVu fonts are missing (Debian package fonts-dejavu-core).</exception>
    public PdfTextFlow(string title, double margin, double bottom, string? footer = null)
    {
        _builder.DocumentInformation.Title = title;
        _builder.DocumentInformation.Creator = "Senim";
        _faces = DejaVuFonts.Shared.AddTo(_builder);
        _margin = margin;
        _bottom = bottom;
        _footer = footer;
        NewPage();
    }

    /// <summary>The width between the side margins.</summary>
    public double TextWidth => A4Width - 2 * _margin;

    public int Pages => _pages.Count;

    public void Heading(string text, double size = 14) => Paragraph(text, size, bold: true, after: 6);

    /// <summary>Word-wrapped lines, each <paramref name="advance"/> points below the last (default: size × 1.3), then
    /// <paramref name="after"/> points of space.</summary>
    public void Paragraph(string text, double size = 10, bool bold = false, double after = 4, double indent = 0,
        (byte R, byte G, byte B)? colour = null, double? advance = null)
    {
        var font = bold ? _faces.Bold : _faces.Regular;
        var step = advance ?? size * LineSpacing;
        var ink = colour ?? Ink;
        foreach (var line in PdfText.Wrap(text, TextWidth - indent, t => PdfText.Width(_page, t, font, size)))
        {
            Ensure(step);
            _page.SetTextAndFillColor(ink.R, ink.G, ink.B);
            _page.AddText(line, size, new PdfPoint(_margin + indent, _y - size), font);
            _y -= step;
        }
        _y -= after;
    }

    /// <summary>A thin full-width rule in the middle of 12 points of space.</summary>
    public void Rule()
    {
        Ensure(12);
        _page.SetStrokeColor(RuleColour.R, RuleColour.G, RuleColour.B);
        _page.DrawLine(new PdfPoint(_margin, _y - 6), new PdfPoint(A4Width - _margin, _y - 6), 0.6);
        _y -= 12;
    }

    public void Space(double points) => _y -= points;

    /// <summary>A table row: each cell wrapped within its column (3 points of padding each side); the row is as tall
    /// as its tallest cell and moves to the next page whole.</summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, double size, bool bold = false)
    {
        var font = bold ? _faces.Bold : _faces.Regular;
        var wrapped = cells.Select((c, i) => PdfText.Wrap(c, widths[i] - 6, t => PdfText.Width(_page, t, font, size))).ToList();
        var height = (wrapped.Max(w => w.Count) * size * LineSpacing) + 4;
        Ensure(height);
        _page.SetTextAndFillColor(Ink.R, Ink.G, Ink.B);
        var x = _margin;
        for (var i = 0; i < cells.Count; i++)
        {
            for (var j = 0; j < wrapped[i].Count; j++)
                _page.AddText(wrapped[i][j], size, new PdfPoint(x, _y - size - (j * size * LineSpacing)), font);
            x += widths[i];
        }
        _y -= height;
    }

    /// <summary>A table's header: a bold row underlined by a rule in its bottom padding.</summary>
    public void HeaderRow(IReadOnlyList<string> cells, IReadOnlyList<double> widths, double size)
    {
        Row(cells, widths, size, bold: true);
        _page.SetStrokeColor(RuleColour.R, RuleColour.G, RuleColour.B);
        _page.DrawLine(new PdfPoint(_margin, _y + 3), new PdfPoint(A4Width - _margin, _y + 3), 0.6);
        _y -= 3;
    }

    public byte[] Build()
    {
        if (_footer is not null)
        {
            for (var i = 0; i < _pages.Count; i++)
            {
                var text = string.Format(CultureInfo.InvariantCulture, _footer, i + 1, _pages.Count);
                _pages[i].SetTextAndFillColor(Muted.R, Muted.G, Muted.B);
                _pages[i].AddText(text, 8, new PdfPoint(_margin, _bottom - 28), _faces.Regular);
            }
        }
        return _builder.Build();
    }

    public void Dispose() => _builder.Dispose();

    private void Ensure(double height)
    {
        if (_y - height < _bottom) NewPage();
    }

    private void NewPage()
    {
        _page = _builder.AddPage(A4Width, A4Height);
        _pages.Add(_page);
        _y = A4Height - _margin;
    }
}
