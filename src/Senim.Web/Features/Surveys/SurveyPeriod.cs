namespace Senim.Web.Features.Surveys;

public enum SurveyPeriodKind { Month = 0, Quarter = 1, Rolling12 = 2 }

/// <summary>A reporting period: a month ("2026-10"), a quarter ("2026-Q3") or the twelve months up to and including
/// the current one ("rolling12"). A response counts in a period when its wave's period lies wholly inside it.</summary>
public sealed record SurveyPeriod(SurveyPeriodKind Kind, DateOnly Start, DateOnly End)
{
    public string Code => Kind switch
    {
        SurveyPeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        SurveyPeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Start.Year}-Q{((Start.Month - 1) / 3) + 1}"),
        _ => "rolling12",
    };

    public static SurveyPeriod Month(int year, int month) => new(SurveyPeriodKind.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));

    public static SurveyPeriod Quarter(int year, int quarter)
    {
        var start = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        return new(SurveyPeriodKind.Quarter, start, start.AddMonths(3).AddDays(-1));
    }

    /// <summary>The twelve calendar months ending with the month of <paramref name="today"/>.</summary>
    public static SurveyPeriod Rolling12(DateOnly today)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        return new(SurveyPeriodKind.Rolling12, monthStart.AddMonths(-11), monthStart.AddMonths(1).AddDays(-1));
    }

    public static SurveyPeriod OfWave(Wave wave) => wave.PeriodKind == PeriodKind.Quarter
        ? Quarter(wave.PeriodStart.Year, ((wave.PeriodStart.Month - 1) / 3) + 1)
        : Month(wave.PeriodStart.Year, wave.PeriodStart.Month);

    /// <summary>"YYYY-MM", "YYYY-Qn" or "rolling12"; null when the text is none of these.</summary>
    public static SurveyPeriod? Parse(string? text, DateOnly today)
    {
        var t = (text ?? "").Trim();
        if (string.Equals(t, "rolling12", StringComparison.OrdinalIgnoreCase)) return Rolling12(today);
        if (t.Length == 7 && t[4] == '-' && int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100)
        {
            if (t[5] is 'Q' or 'q' && t[6] is >= '1' and <= '4') return Quarter(y, t[6] - '0');
            if (int.TryParse(t.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12) return Month(y, m);
        }
        return null;
    }

    /// <summary>The period just before this one of the same kind (the previous month, quarter, or twelve months).</summary>
    public SurveyPeriod Previous() => Kind switch
    {
        SurveyPeriodKind.Month => Month(Start.AddMonths(-1).Year, Start.AddMonths(-1).Month),
        SurveyPeriodKind.Quarter => Quarter(Start.AddMonths(-3).Year, ((Start.AddMonths(-3).Month - 1) / 3) + 1),
        _ => new(SurveyPeriodKind.Rolling12, Start.AddMonths(-12), Start.AddDays(-1)),
    };

    public bool Contains(Wave wave) => wave.PeriodStart >= Start && wave.PeriodEnd <= End;

    /// <summary>The period in words in the current culture: "October 2026", "2026 Q3", "Dec 2025 – Nov 2026".</summary>
    public string Label(Common.IText text)
    {
        var c = CultureInfo.CurrentCulture;
        return Kind switch
        {
            SurveyPeriodKind.Month => Start.ToDateTime(TimeOnly.MinValue).ToString("Y", c),
            SurveyPeriodKind.Quarter => text.Format("Survey.QuarterLabel", Start.Year.ToString(CultureInfo.InvariantCulture), ((Start.Month - 1) / 3) + 1),
            _ => text.Format("Survey.Rolling12Label", Start.ToDateTime(TimeOnly.MinValue).ToString("MMM yyyy", c), End.ToDateTime(TimeOnly.MinValue).ToString("MMM yyyy", c)),
        };
    }
}
