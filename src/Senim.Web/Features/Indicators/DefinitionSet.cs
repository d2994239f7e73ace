using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Indicators;

/// <summary>The built-in sources by code.</summary>
public sealed class SourceCatalog(IEnumerable<IIndicatorSource> sources)
{
    private readonly Dictionary<string, IIndicatorSource> _byCode = sources.ToDictionary(s => s.Code, StringComparer.Ordinal);

    public IReadOnlyCollection<IIndicatorSource> All => _byCode.Values;

    public IIndicatorSource? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var s) ? s : null;
}

/// <summary>The definitions in force on one day: every scorecard and indicator whose effective dates cover it.</summary>
public sealed record DefinitionSet(IReadOnlyList<Scorecard> Scorecards, IReadOnlyDictionary<string, IndicatorDefinition> Indicators, DateOnly Day)
{
    /// <summary>The day whose definitions a period is computed with: its last day (today for a period still running),
    /// so a closed period keeps the definitions that were in force when it ended.</summary>
    public static DateOnly ReferenceDay(ScorePeriod period, DateTime now)
    {
        var end = period.End < now ? period.End : now;
        var last = end.AddTicks(-1) < period.Start ? period.Start : end.AddTicks(-1);
        return DateOnly.FromDateTime(last);
    }

    /// <summary>Reads the definitions in force on <paramref name="day"/> (in the caller's transaction, if any).</summary>
    public static async Task<DefinitionSet> LoadAsync(SenimDb db, DateOnly day, CancellationToken ct)
    {
        var indicators = await db.IndicatorDefinitions.AsNoTracking()
            .Where(d => d.Status != DefinitionStatus.Draft && d.EffectiveFrom <= day && (d.EffectiveTo == null || d.EffectiveTo > day)).ToListAsync(ct);
        var scorecards = await db.Scorecards.AsNoTracking().Include(s => s.Items)
            .Where(s => s.Status != DefinitionStatus.Draft && s.EffectiveFrom <= day && (s.EffectiveTo == null || s.EffectiveTo > day)).ToListAsync(ct);
        return new DefinitionSet([.. scorecards.OrderBy(s => s.Code, StringComparer.Ordinal)],
            indicators.GroupBy(d => d.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!, StringComparer.Ordinal), day);
    }

    /// <summary>The same set with a draft indicator in place of its code's version (a preview).</summary>
    public DefinitionSet With(IndicatorDefinition draft)
    {
        var map = new Dictionary<string, IndicatorDefinition>(Indicators, StringComparer.Ordinal) { [draft.Code] = draft };
        return this with { Indicators = map };
    }

    /// <summary>The same set with a draft scorecard in place of its code's version (a preview).</summary>
    public DefinitionSet With(Scorecard draft) =>
        this with { Scorecards = [.. Scorecards.Where(s => s.Code != draft.Code), draft] };

    /// <summary>The scorecard a subject gets: the one for its own category or unit kind, else the one for every other.</summary>
    public Scorecard? ScorecardFor(Subject s) => Scorecards
        .Where(c => c.Level == s.Level && (s.Level switch
        {
            IndicatorLevel.Employee => c.Category is null || c.Category == s.Category,
            IndicatorLevel.Unit => c.UnitKind is null || c.UnitKind == s.UnitKind,
            _ => true,
        }))
        .OrderBy(c => c.Category is null && c.UnitKind is null ? 1 : 0).ThenBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault();
}
