namespace Senim.Web.Features.Indicators;

/// <summary>
/// A scorecard as a file: an Excel workbook (the OpenXML writer of <see cref="ExcelExport"/>, numbers as numbers) and
/// an A4 PDF (Common's PdfTextFlow, as the protocols; see docs/decisions/006), both in the
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

    /// <summary>An A4 portrait PDF of the scorecard; long tables continue on further pages.</summary>
    /// <exception cref="InvalidOperationException">The DejaVu fonts are missing (Debian package fonts-dejavu-core).</exception>
    public static byte[] Pdf(ScorecardView v, IReadOnlyList<ChildRow> children, IText t)
    {
        using var writer = new PdfTextFlow($"Senim — {v.SubjectName} — {v.Period}", Margin, Margin);
        var (ink, muted) = (PdfTextFlow.Ink, PdfTextFlow.Muted);
        void Line(string text, bool bold, double size, (byte R, byte G, byte B) colour, double advance) =>
            writer.Paragraph(text, size, bold, after: 0, colour: colour, advance: advance);

        Line(v.SubjectName, true, 16, ink, 22);
        Line($"{v.Card?.Name ?? v.Result.ScorecardCode} · {t.Format("Scorecard.VersionShort", v.Result.ScorecardVersion)} · {ScorecardFormat.PeriodLabel(v.Period, t)}", false, 10, muted, 16);
        var c = v.Result;
        Line(!c.Sufficient
            ? $"{t["Scorecard.Composite"]}: {t["Scorecard.Light.Insufficient"]}"
            : $"{t["Scorecard.Composite"]}: {ScorecardFormat.Points(c.Composite)} ({t["Scorecard.Interval95"]} {ScorecardFormat.Points(c.Lower)}–{ScorecardFormat.Points(c.Upper)}) · {t[ScorecardFormat.LightKey(c.Light)]}",
            true, 11, ink, 16);
        Line(t.Format("Scorecard.DataShareText", ScorecardFormat.Share(c.DataShare), ScorecardFormat.Share(v.Card?.MinimumDataShare ?? 0)), false, 9, muted, 14);
        if (c.Rank is { } rank) Line(t.Format("Scorecard.RankText", rank, c.Peers, c.RankBest ?? rank, c.RankWorst ?? rank), false, 9, muted, 14);
        writer.Space(8);

        double[] widths = [190, 62, 92, 52, 119];
        writer.HeaderRow([t["Scorecard.Indicator"], t["Scorecard.Value"], t["Scorecard.Interval95"], t["Indicator.Target"], t["Scorecard.Status"]], widths, 8.5);
        foreach (var l in v.Lines)
        {
            var r = l.Result;
            var unit = l.Definition?.Measure;
            var status = r.Weight > 0 ? $"{t[ScorecardFormat.LightKey(r.Light)]} · {t["Scorecard.Weight"]} {ScorecardFormat.Weight(r.Weight)}"
                : r.Light == Statistics.TrafficLight.None ? t["Scorecard.Context"] : $"{t[ScorecardFormat.LightKey(r.Light)]} · {t["Scorecard.Context"]}";
            writer.Row([l.Name, ScorecardFormat.Value(r.Value, unit), ScorecardFormat.Interval(r.Lower, r.Upper, unit),
                l.Definition?.Target is { } target ? ScorecardFormat.Bare(target, unit) : "—", status], widths, 8.5);
        }
        if (children.Count > 0)
        {
            writer.Space(12);
            Line(t["Scorecard.DrillDown"], true, 11, ink, 16);
            double[] childWidths = [250, 90, 100, 75];
            writer.HeaderRow([t["Scorecard.Subject"], t["Scorecard.Composite"], t["Scorecard.Interval95"], t["Scorecard.Status"]], childWidths, 8.5);
            foreach (var ch in children)
            {
                var r = ch.Result;
                var shown = r is { Sufficient: true };
                writer.Row([ch.Name, shown ? ScorecardFormat.Points(r!.Composite) : "—", shown ? $"{ScorecardFormat.Points(r!.Lower)}–{ScorecardFormat.Points(r.Upper)}" : "—",
                    r is null ? t["Scorecard.NotComputedShort"] : t[ScorecardFormat.LightKey(r.Light)]], childWidths, 8.5);
            }
        }
        writer.Space(10);
        Line(t.Format("Scorecard.ComputedAt", c.ComputedAt.ToString("g", CultureInfo.CurrentCulture)), false, 8, muted, 12);
        return writer.Build();
    }
}
