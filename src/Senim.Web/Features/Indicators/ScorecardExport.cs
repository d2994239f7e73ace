using System.Globalization;
using Senim.Web.Features.Feedback.Invitations;
using Senim.Web.Common;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Senim.Web.Features.Indicators;

/// <summary>
/// A scorecard as a file: an Excel workbook (the OpenXML writer of <see cref="ExcelExport"/>, numbers as numbers) and
/// an A4 PDF (PdfPig with the embedded DejaVu fonts, as the invitation cards; see docs/decisions/006), both in the
/// reader's language: the indicators with value, interval, target, light, weight and points, the composite, and the
/// drill-down table below it.
/// </summary>
public static class ScorecardExport
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(ScorecardView v, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"senim-scorecard-{ScorecardQueries.Level(v.Level)}-{v.SubjectKey}-{v.Period}.{extension}");

    public static byte[] Xlsx(ScorecardView v, IReadOnlyList<ChildRow> children, IText t)
    {
        string[] headers = [t["Scorecard.Indicator"], t["Indicator.Code"], t["Indicator.Version"], t["Scorecard.Value"], t["Scorecard.Lower"], t["Scorecard.Upper"],
            t["Indicator.UnitOfMeasure"], t["Indicator.Target"], t["Scorecard.Status"], t["Scorecard.Weight"], t["Scorecard.Points"]];
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var l in v.Lines)
        {
            var r = l.Result;
            rows.Add([l.Name, r.IndicatorCode, r.IndicatorVersion, Round(r.Value), Round(r.Lower), Round(r.Upper),
                l.Definition is null ? null : t[ScorecardFormat.UnitKey(l.Definition.Measure)], l.Definition?.Target, t[ScorecardFormat.LightKey(r.Light)],
                r.Weight, Round(r.Points)]);
        }
        var c = v.Result;
        rows.Add([t["Scorecard.Composite"], c.ScorecardCode, c.ScorecardVersion, Round(c.Composite), Round(c.Lower), Round(c.Upper), t["Scorecard.PointsUnit"], null,
            t[ScorecardFormat.LightKey(c.Light)], v.Lines.Sum(l => l.Result.Weight), Round(c.Composite)]);
        if (children.Count > 0)
        {
            rows.Add([]);
            rows.Add([t["Scorecard.DrillDown"], null, null, t["Scorecard.Composite"], t["Scorecard.Lower"], t["Scorecard.Upper"], null, null, t["Scorecard.Status"]]);
            foreach (var ch in children)
            {
                var r = ch.Result;
                var shown = r is { Sufficient: true };
                rows.Add([ch.Name, null, null, shown ? Round(r!.Composite) : null, shown ? Round(r!.Lower) : null, shown ? Round(r!.Upper) : null, null, null,
                    r is null ? t["Scorecard.NotComputedShort"] : t[ScorecardFormat.LightKey(r.Light)]]);
            }
        }
        var sheet = $"{v.SubjectName} {v.Period}";
        foreach (var bad in new[] { ':', '\\', '/', '?', '*', '[', ']' }) sheet = sheet.Replace(bad, ' ');
        return ExcelExport.Write(sheet, headers, rows);
    }

    private static double? Round(double? x) => x is { } v ? Math.Round(v, 4) : null;

    // ---------------------------------------------------------------- PDF

    private const double Margin = 40;
    private static readonly (byte R, byte G, byte B) Ink = (0x11, 0x18, 0x27);
    private static readonly (byte R, byte G, byte B) Muted = (0x4B, 0x55, 0x63);

    /// <summary>An A4 portrait PDF of the scorecard; long tables continue on further pages.</summary>
    /// <exception cref="InvalidOperationException">The DejaVu fonts are missing (Debian package fonts-dejavu-core).</exception>
    public static byte[] Pdf(ScorecardView v, IReadOnlyList<ChildRow> children, IText t)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = $"Senim — {v.SubjectName} — {v.Period}";
        builder.DocumentInformation.Creator = "Senim";
        var sans = builder.AddTrueTypeFont(DejaVuFonts.Shared.Face(DejaVuFonts.Sans));
        var bold = builder.AddTrueTypeFont(DejaVuFonts.Shared.Face(DejaVuFonts.SansBold));
        var writer = new Writer(builder);

        writer.Line(v.SubjectName, bold, 16, Ink, 22);
        writer.Line($"{v.Card?.Name ?? v.Result.ScorecardCode} · {t.Format("Scorecard.VersionShort", v.Result.ScorecardVersion)} · {ScorecardFormat.PeriodLabel(v.Period, t)}", sans, 10, Muted, 16);
        var c = v.Result;
        writer.Line(!c.Sufficient
            ? $"{t["Scorecard.Composite"]}: {t["Scorecard.Light.Insufficient"]}"
            : $"{t["Scorecard.Composite"]}: {ScorecardFormat.Points(c.Composite)} ({t["Scorecard.Interval95"]} {ScorecardFormat.Points(c.Lower)}–{ScorecardFormat.Points(c.Upper)}) · {t[ScorecardFormat.LightKey(c.Light)]}",
            bold, 11, Ink, 16);
        writer.Line(t.Format("Scorecard.DataShareText", ScorecardFormat.Share(c.DataShare), ScorecardFormat.Share(v.Card?.MinimumDataShare ?? 0)), sans, 9, Muted, 14);
        if (c.Rank is { } rank) writer.Line(t.Format("Scorecard.RankText", rank, c.Peers, c.RankBest ?? rank, c.RankWorst ?? rank), sans, 9, Muted, 14);
        writer.Gap(8);

        double[] widths = [190, 62, 92, 52, 119];
        writer.Row([t["Scorecard.Indicator"], t["Scorecard.Value"], t["Scorecard.Interval95"], t["Indicator.Target"], t["Scorecard.Status"]], widths, bold, 8.5);
        writer.Rule();
        foreach (var l in v.Lines)
        {
            var r = l.Result;
            var unit = l.Definition?.Measure;
            var status = r.Weight > 0 ? $"{t[ScorecardFormat.LightKey(r.Light)]} · {t["Scorecard.Weight"]} {ScorecardFormat.Weight(r.Weight)}"
                : r.Light == Statistics.TrafficLight.None ? t["Scorecard.Context"] : $"{t[ScorecardFormat.LightKey(r.Light)]} · {t["Scorecard.Context"]}";
            writer.Row([l.Name, ScorecardFormat.Value(r.Value, unit), ScorecardFormat.Interval(r.Lower, r.Upper, unit),
                l.Definition?.Target is { } target ? ScorecardFormat.Bare(target, unit) : "—", status], widths, sans, 8.5);
        }
        if (children.Count > 0)
        {
            writer.Gap(12);
            writer.Line(t["Scorecard.DrillDown"], bold, 11, Ink, 16);
            double[] childWidths = [250, 90, 100, 75];
            writer.Row([t["Scorecard.Subject"], t["Scorecard.Composite"], t["Scorecard.Interval95"], t["Scorecard.Status"]], childWidths, bold, 8.5);
            writer.Rule();
            foreach (var ch in children)
            {
                var r = ch.Result;
                var shown = r is { Sufficient: true };
                writer.Row([ch.Name, shown ? ScorecardFormat.Points(r!.Composite) : "—", shown ? $"{ScorecardFormat.Points(r!.Lower)}–{ScorecardFormat.Points(r.Upper)}" : "—",
                    r is null ? t["Scorecard.NotComputedShort"] : t[ScorecardFormat.LightKey(r.Light)]], childWidths, sans, 8.5);
            }
        }
        writer.Gap(10);
        writer.Line(t.Format("Scorecard.ComputedAt", c.ComputedAt.ToString("g", CultureInfo.CurrentCulture)), sans, 8, Muted, 12);
        return builder.Build();
    }

    /// <summary>A top-down text cursor over A4 pages.</summary>
    private sealed class Writer(PdfDocumentBuilder builder)
    {
        private static readonly double PageWidth = 595.28;
        private static readonly double PageHeight = 841.89;
        private PdfPageBuilder _page = builder.AddPage(PageWidth, PageHeight);
        private double _y = PageHeight - Margin;

        private void Ensure(double height)
        {
            if (_y - height >= Margin) return;
            _page = builder.AddPage(PageWidth, PageHeight);
            _y = PageHeight - Margin;
        }

        public void Gap(double h) => _y -= h;

        public void Rule()
        {
            _page.SetStrokeColor(0xD1, 0xD5, 0xDB);
            _page.DrawLine(new PdfPoint(Margin, _y + 3), new PdfPoint(PageWidth - Margin, _y + 3), 0.6);
            _y -= 3;
        }

        private double Width(string text, PdfDocumentBuilder.AddedFont font, double size)
        {
            if (text.Length == 0) return 0;
            var letters = _page.MeasureText(text, size, new PdfPoint(0, 0), font);
            return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }

        private List<string> Wrap(string text, PdfDocumentBuilder.AddedFont font, double size, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Width(candidate, font, size) <= width || line.Length == 0) { line = candidate; continue; }
                lines.Add(line);
                line = word;
            }
            if (line.Length > 0 || lines.Count == 0) lines.Add(line);
            return lines;
        }

        public void Line(string text, PdfDocumentBuilder.AddedFont font, double size, (byte R, byte G, byte B) colour, double advance)
        {
            foreach (var line in Wrap(text, font, size, PageWidth - (2 * Margin)))
            {
                Ensure(advance);
                _page.SetTextAndFillColor(colour.R, colour.G, colour.B);
                _page.AddText(line, size, new PdfPoint(Margin, _y - size), font);
                _y -= advance;
            }
        }

        public void Row(IReadOnlyList<string> cells, double[] widths, PdfDocumentBuilder.AddedFont font, double size)
        {
            var wrapped = cells.Select((c, i) => Wrap(c, font, size, widths[i] - 6)).ToList();
            var height = (wrapped.Max(w => w.Count) * size * 1.3) + 4;
            Ensure(height);
            _page.SetTextAndFillColor(Ink.R, Ink.G, Ink.B);
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                for (var j = 0; j < wrapped[i].Count; j++)
                    _page.AddText(wrapped[i][j], size, new PdfPoint(x, _y - size - (j * size * 1.3)), font);
                x += widths[i];
            }
            _y -= height;
        }
    }
}
