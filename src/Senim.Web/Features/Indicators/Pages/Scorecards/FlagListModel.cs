using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Scorecards;

public sealed record FlagListModel(IReadOnlyList<FlagRow> Rows, string Caption, bool ShowSubject, string Id);

/// <summary>A flag's reason in words, with the data behind it.</summary>
public static class FlagText
{
    public static string Reason(FlagRow f, IText t)
    {
        var e = f.Evidence;
        var name = f.Indicator?.Name ?? f.Flag.IndicatorCode;
        var unit = e.Measure;
        return f.Flag.Rule switch
        {
            FlagRule.BelowPeers => t.Format("Flag.Rule.BelowPeers", name, ScorecardFormat.Bare(e.Value, unit), ScorecardFormat.Bare(e.PeerTarget, unit),
                ScorecardFormat.Bare(e.Limit, unit), ((e.LimitLevel ?? 0.998) * 100).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture)),
            FlagRule.DropAgainstHistory => t.Format("Flag.Rule.Drop", name, ScorecardFormat.Bare(e.Previous, unit), ScorecardFormat.Bare(e.Value, unit),
                e.PreviousPeriod is null ? "—" : ScorecardFormat.PeriodLabel(e.PreviousPeriod, t), (e.PValue ?? 1).ToString("0.####", System.Globalization.CultureInfo.CurrentCulture)),
            _ => t.Format("Flag.Rule.Contests", e.Count ?? 0, e.WindowDays ?? 0, e.Threshold ?? 0),
        };
    }
}
