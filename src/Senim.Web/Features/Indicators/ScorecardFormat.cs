using Senim.Statistics;

namespace Senim.Web.Features.Indicators;

/// <summary>How scorecard figures are written, the same on pages and in exports (current culture).</summary>
public static class ScorecardFormat
{
    private static CultureInfo C => CultureInfo.CurrentCulture;

    public static string Value(double? v, MeasureUnit? unit) => v is not { } x ? "—" : unit switch
    {
        MeasureUnit.Score => x.ToString("0.00", C),
        MeasureUnit.Percent => x.ToString("0.0", C) + " %",
        MeasureUnit.Count => x.ToString("N0", C),
        _ => x.ToString("0.0", C),
    };

    public static string Bare(double? v, MeasureUnit? unit) => v is not { } x ? "—" : unit switch
    {
        MeasureUnit.Score => x.ToString("0.00", C),
        MeasureUnit.Count => x.ToString("N0", C),
        _ => x.ToString("0.0", C),
    };

    public static string Interval(double? lower, double? upper, MeasureUnit? unit) =>
        lower is null || upper is null ? "—" : $"{Bare(lower, unit)}–{Bare(upper, unit)}";

    public static string Points(double? v) => v?.ToString("0.0", C) ?? "—";

    public static string Share(double v) => v.ToString("P0", C);

    public static string Weight(double w) => w.ToString("0.##", C);

    public static string LightKey(TrafficLight light) => "Scorecard.Light." + light;

    public static string LightClass(TrafficLight light) => "light-" + light.ToString().ToLowerInvariant();

    public static string UnitKey(MeasureUnit unit) => "Indicator.Unit." + unit;

    /// <summary>"2026-10" → "October 2026", "2026-Q3" → "2026, Q3", "rolling12" → "last 12 months".</summary>
    public static string PeriodLabel(string period, IText text)
    {
        if (period == "rolling12") return text["Scorecard.Rolling12"];
        if (period.Length == 7 && period[5] == 'Q') return text.Format("Survey.QuarterLabel", period[..4], period[6..]);
        if (DateTime.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d.ToString("Y", C);
        return period;
    }

    public static string ShortPeriod(string period) =>
        period.Length == 7 && period[5] != 'Q' && DateTime.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("MMM yyyy", C) : period;
}
