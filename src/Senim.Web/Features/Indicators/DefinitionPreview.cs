using Senim.Statistics;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Indicators;

public sealed record PreviewChange(IndicatorLevel Level, string SubjectKey, string Name, double? Before, double? After, TrafficLight LightBefore, TrafficLight LightAfter,
    TrafficLight? IndicatorBefore, TrafficLight? IndicatorAfter)
{
    public double? Change => Before is { } b && After is { } a ? a - b : null;
}

public sealed record PreviewResult(string Period, int Subjects, int CompositeLightChanges, int IndicatorLightChanges, int NewlySufficient, int NoLongerSufficient,
    double MeanAbsoluteChange, double MaxAbsoluteChange, IReadOnlyList<PreviewChange> Largest);

/// <summary>What a draft would change: the last stored period is computed again in memory with the draft in place of
/// the version in force (nothing is written) and compared subject by subject with what is stored.</summary>
public sealed class DefinitionPreview(SenimDb db, ScorecardEngine engine, ScorecardRecompute recompute, ScorecardQueries queries, TimeProvider clock)
{
    public async Task<PreviewResult?> IndicatorAsync(Guid draftId, CancellationToken ct)
    {
        var draft = await db.IndicatorDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == draftId, ct);
        if (draft is null) return null;
        return await RunAsync(set => set.With(draft), card => card.Items.Any(i => i.IndicatorCode == draft.Code), draft.Code, ct);
    }

    public async Task<PreviewResult?> ScorecardAsync(Guid draftId, CancellationToken ct)
    {
        var draft = await db.Scorecards.AsNoTracking().Include(s => s.Items).FirstOrDefaultAsync(d => d.Id == draftId, ct);
        if (draft is null) return null;
        return await RunAsync(set => set.With(draft), card => card.Code == draft.Code, null, ct);
    }

    private async Task<PreviewResult?> RunAsync(Func<DefinitionSet, DefinitionSet> change, Func<Scorecard, bool> affected, string? indicatorCode, CancellationToken ct)
    {
        var label = (await queries.PeriodsAsync(ct)).FirstOrDefault();
        var now = clock.GetUtcNow().UtcDateTime;
        if (label is null || ScorePeriod.Parse(label, now) is not { } period) return null;
        var set = change(await DefinitionSet.LoadAsync(db, DefinitionSet.ReferenceDay(period, now), ct));
        var ctx = recompute.NewContext(period, await SubjectSet.LoadAsync(db, ct), storedScores: false);
        var computed = await engine.ComputeAsync(set, ctx, affected, null, null, ct);

        var changes = new List<PreviewChange>();
        foreach (var level in computed.Results.Select(r => r.Level).Distinct())
        {
            var keys = computed.Results.Where(r => r.Level == level).Select(r => r.SubjectKey).ToList();
            var stored = await queries.ResultsAsync(label, level, keys, ct);
            var storedLights = new Dictionary<string, TrafficLight>(StringComparer.Ordinal);
            if (indicatorCode is not null)
            {
                foreach (var chunk in keys.Chunk(500))
                {
                    foreach (var r in await db.IndicatorResults.AsNoTracking().Where(r => r.Period == label && r.Level == level && r.IndicatorCode == indicatorCode && chunk.Contains(r.SubjectKey))
                                 .Select(r => new { r.SubjectKey, r.Light }).ToListAsync(ct))
                        storedLights[r.SubjectKey] = r.Light;
                }
            }
            var newLights = indicatorCode is null ? [] : computed.Indicators.Where(r => r.Level == level && r.IndicatorCode == indicatorCode)
                .ToDictionary(r => r.SubjectKey, r => r.Light, StringComparer.Ordinal);
            foreach (var r in computed.Results.Where(r => r.Level == level))
            {
                var before = stored.GetValueOrDefault(r.SubjectKey);
                changes.Add(new PreviewChange(level, r.SubjectKey, "", before?.Sufficient == true ? before.Composite : null, r.Sufficient ? r.Composite : null,
                    before?.Light ?? TrafficLight.Insufficient, r.Light,
                    indicatorCode is null ? null : storedLights.TryGetValue(r.SubjectKey, out var lb) ? lb : TrafficLight.Insufficient,
                    indicatorCode is null ? null : newLights.TryGetValue(r.SubjectKey, out var la) ? la : TrafficLight.Insufficient));
            }
        }
        var moved = changes.Where(c => c.Change is not null).ToList();
        var largest = changes.Where(c => c.LightBefore != c.LightAfter || c.IndicatorBefore != c.IndicatorAfter || Math.Abs(c.Change ?? 0) > 1e-9)
            .OrderByDescending(c => Math.Abs(c.Change ?? 100)).ThenBy(c => c.SubjectKey, StringComparer.Ordinal).Take(20).ToList();
        var named = new List<PreviewChange>();
        foreach (var group in largest.GroupBy(c => c.Level))
        {
            var names = await queries.NamesAsync(group.Key, [.. group.Select(c => c.SubjectKey)], ct);
            named.AddRange(group.Select(c => c with { Name = names.GetValueOrDefault(c.SubjectKey, c.SubjectKey) }));
        }
        return new PreviewResult(label, changes.Count, changes.Count(c => c.LightBefore != c.LightAfter), changes.Count(c => c.IndicatorBefore != c.IndicatorAfter),
            changes.Count(c => c.Before is null && c.After is not null), changes.Count(c => c.Before is not null && c.After is null),
            moved.Count == 0 ? 0 : moved.Average(c => Math.Abs(c.Change!.Value)), moved.Count == 0 ? 0 : moved.Max(c => Math.Abs(c.Change!.Value)),
            [.. named.OrderByDescending(c => Math.Abs(c.Change ?? 100)).ThenBy(c => c.Name, StringComparer.CurrentCulture)]);
    }
}
