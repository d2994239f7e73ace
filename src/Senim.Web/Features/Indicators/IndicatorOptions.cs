using System.ComponentModel.DataAnnotations;

namespace Senim.Web.Features.Indicators;

/// <summary>Configuration section "Indicators": early-warning rules and the head's deadline.</summary>
public sealed class IndicatorOptions
{
    public const string Section = "Indicators";

    /// <summary>Days the unit head has to record an action on a new flag; afterwards the flag is overdue.</summary>
    [Range(1, 365)] public int ActionDueDays { get; set; } = 14;

    /// <summary>Two-sided coverage of the limits behind the "below peers" and "drop against history" flags (0.998: the
    /// 99.8% funnel limits, Spiegelhalter's "alarm" level; a change is flagged when its p-value is below 1 − this).</summary>
    [Range(0.8, 0.99999)] public double FlagConfidence { get; set; } = 0.998;

    /// <summary>An employee is flagged when more contested ratings were upheld in the window than this.</summary>
    [Range(0, 10_000)] public int EmployeeContestsAbove { get; set; } = 2;

    /// <summary>A unit is flagged when more contested ratings of its staff were upheld in the window than this.</summary>
    [Range(0, 100_000)] public int UnitContestsAbove { get; set; } = 10;

    /// <summary>The rolling window of the upheld-contests rule, in days, ending with the period.</summary>
    [Range(7, 1000)] public int ContestWindowDays { get; set; } = 90;

    /// <summary>How many periods the trend sparklines show.</summary>
    [Range(2, 24)] public int TrendPeriods { get; set; } = 6;

    /// <summary>Development only: compute the demo scorecards of the last two quarters on first start.</summary>
    public bool ComputeDemoResults { get; set; } = true;
}
