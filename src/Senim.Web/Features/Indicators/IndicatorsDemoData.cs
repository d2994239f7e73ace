using Microsoft.Extensions.Options;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Indicators;

/// <summary>The standard indicators and scorecards (<see cref="StandardIndicators"/>), and the scorecards of the last two
/// complete quarters when none are stored (unless Indicators:ComputeDemoResults is off).</summary>
public sealed class IndicatorsDemoData(SenimDb db, IOptions<IndicatorOptions> options, TimeProvider clock, ScorecardRecompute recompute) : IDemoData
{
    public async Task SeedAsync(CancellationToken ct)
    {
        await StandardIndicators.EnsureAsync(db, ct);
        if (!options.Value.ComputeDemoResults || await db.ScorecardResults.AnyAsync(ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var thisQuarter = new DateTime(now.Year, ((now.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var start in new[] { thisQuarter.AddMonths(-6), thisQuarter.AddMonths(-3) })
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"{start.Year}-Q{((start.Month - 1) / 3) + 1}");
            await recompute.RunAsync(ScorePeriod.Parse(label, now)!, ct: ct);
        }
    }
}
