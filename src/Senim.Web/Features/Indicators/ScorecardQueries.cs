using Senim.Statistics;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Indicators;

public sealed record TrendPoint(string Period, double? Value);

/// <summary>One indicator line of a stored scorecard, with the definition version that produced it.</summary>
public sealed record IndicatorLine(IndicatorResult Result, IndicatorDefinition? Definition)
{
    public string Name => Definition?.Name ?? Result.IndicatorCode;
    public bool IsContext => Result.Weight <= 0;
}

/// <summary>A subject's stored scorecard for one period, with the definitions in the versions it was computed with.</summary>
public sealed record ScorecardView(string Period, IndicatorLevel Level, string SubjectKey, string SubjectName, ScorecardResult Result, Scorecard? Card,
    IReadOnlyList<IndicatorLine> Lines, IReadOnlyList<TrendPoint> Trend);

/// <summary>A row of a drill-down table: a child subject, its link and its stored composite.</summary>
public sealed record ChildRow(string Key, string Name, string? Link, ScorecardResult? Result, IReadOnlyList<TrendPoint> Trend);

/// <summary>Reads stored scorecard results for pages, exports and the API (never computes), with subject names and
/// the viewer's scope. Stored results are read through <see cref="ScorecardCache"/>; the scope is checked on every
/// request by the caller.</summary>
public sealed class ScorecardQueries(SenimDb db, DistrictDirectory directory, ScorecardCache cache, TimeProvider clock)
{
    private static readonly TimeSpan ReferenceLifetime = TimeSpan.FromSeconds(60);
    private List<IndicatorDefinition>? _indicators;
    private List<Scorecard>? _cards;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<string> GenerationAsync(CancellationToken ct) => cache.GenerationAsync(db, ct);

    private async Task<List<(string Period, DateTime At)>> PeriodInfoAsync(CancellationToken ct) =>
        await cache.GetAsync(await GenerationAsync(ct), "periods", async () =>
            (await db.ScorecardResults.AsNoTracking().GroupBy(r => r.Period).Select(g => new { g.Key, At = g.Max(r => r.ComputedAt) }).ToListAsync(ct))
            .OrderByDescending(x => x.At).Select(x => (x.Key, x.At)).ToList());

    /// <summary>Stored periods, the most recently computed first.</summary>
    public async Task<List<string>> PeriodsAsync(CancellationToken ct) => [.. (await PeriodInfoAsync(ct)).Select(p => p.Period)];

    public async Task<DateTime?> ComputedAtAsync(string period, CancellationToken ct) =>
        (await PeriodInfoAsync(ct)).Where(p => p.Period == period).Select(p => (DateTime?)p.At).FirstOrDefault();

    private async Task<List<IndicatorDefinition>> IndicatorDefsAsync(CancellationToken ct) =>
        _indicators ??= await db.IndicatorDefinitions.AsNoTracking().Where(d => d.Status != DefinitionStatus.Draft).ToListAsync(ct);

    private async Task<List<Scorecard>> CardsAsync(CancellationToken ct) =>
        _cards ??= await db.Scorecards.AsNoTracking().Include(s => s.Items).Where(d => d.Status != DefinitionStatus.Draft).ToListAsync(ct);

    public async Task<ScorecardView?> ViewAsync(string period, IndicatorLevel level, string key, string name, int trendPeriods, CancellationToken ct)
    {
        var view = await cache.GetAsync(await GenerationAsync(ct), $"view|{period}|{level}|{key}|{trendPeriods}", () => LoadViewAsync(period, level, key, trendPeriods, ct));
        return view is null ? null : view with { SubjectName = name };
    }

    private async Task<ScorecardView?> LoadViewAsync(string period, IndicatorLevel level, string key, int trendPeriods, CancellationToken ct)
    {
        var result = await db.ScorecardResults.AsNoTracking().FirstOrDefaultAsync(r => r.Period == period && r.Level == level && r.SubjectKey == key, ct);
        if (result is null) return null;
        var lines = await db.IndicatorResults.AsNoTracking().Where(r => r.Period == period && r.Level == level && r.SubjectKey == key)
            .OrderBy(r => r.Order).ToListAsync(ct);
        var defs = await IndicatorDefsAsync(ct);
        var card = (await CardsAsync(ct)).FirstOrDefault(c => c.Code == result.ScorecardCode && c.Version == result.ScorecardVersion);
        var trend = (await TrendsAsync(level, [key], period, trendPeriods, ct)).GetValueOrDefault(key) ?? [];
        return new ScorecardView(period, level, key, "", result, card,
            [.. lines.Select(l => new IndicatorLine(l, defs.FirstOrDefault(d => d.Code == l.IndicatorCode && d.Version == l.IndicatorVersion)))], trend);
    }

    public async Task<Dictionary<string, ScorecardResult>> ResultsAsync(string period, IndicatorLevel level, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var result = new Dictionary<string, ScorecardResult>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            foreach (var r in await db.ScorecardResults.AsNoTracking().Where(r => r.Period == period && r.Level == level && chunk.Contains(r.SubjectKey)).ToListAsync(ct))
                result[r.SubjectKey] = r;
        }
        return result;
    }

    /// <summary>The periods a trend shows, oldest first: the months (or quarters) up to the period; for rolling 12
    /// months, the months up to the current one.</summary>
    public static List<string> TrendLabels(string period, int count, DateTime now)
    {
        var p = ScorePeriod.Parse(period, now);
        if (p is null) return [period];
        var inv = CultureInfo.InvariantCulture;
        if (p.Label.Contains('Q', StringComparison.Ordinal))
            return [.. Enumerable.Range(0, count).Reverse().Select(i => p.Start.AddMonths(-3 * i)).Select(d => string.Create(inv, $"{d.Year}-Q{((d.Month - 1) / 3) + 1}"))];
        var last = p.Label == "rolling12" ? new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc) : p.Start;
        return [.. Enumerable.Range(0, count).Reverse().Select(i => last.AddMonths(-i).ToString("yyyy-MM", inv))];
    }

    public async Task<Dictionary<string, List<TrendPoint>>> TrendsAsync(IndicatorLevel level, IReadOnlyCollection<string> keys, string period, int count, CancellationToken ct)
    {
        var labels = TrendLabels(period, count, Now);
        var rows = new List<(string Key, string Period, double? Value, bool Sufficient)>();
        foreach (var chunk in keys.Chunk(500))
        {
            rows.AddRange((await db.ScorecardResults.AsNoTracking().Where(r => r.Level == level && chunk.Contains(r.SubjectKey) && labels.Contains(r.Period))
                .Select(r => new { r.SubjectKey, r.Period, r.Composite, r.Sufficient }).ToListAsync(ct)).Select(r => (r.SubjectKey, r.Period, r.Composite, r.Sufficient)));
        }
        var byKey = rows.ToLookup(r => r.Key);
        return keys.ToDictionary(k => k, k => labels.Select(l =>
        {
            var hit = byKey[k].FirstOrDefault(r => r.Period == l);
            return new TrendPoint(l, hit.Sufficient ? hit.Value : null);
        }).ToList(), StringComparer.Ordinal);
    }

    public async Task<List<ChildRow>> ChildrenAsync(string period, IndicatorLevel level, IReadOnlyList<(string Key, string Name, string? Link)> children, int trendPeriods, CancellationToken ct)
    {
        var keys = children.Select(c => c.Key).ToList();
        var (results, trends) = await cache.GetAsync(await GenerationAsync(ct), $"children|{period}|{level}|{trendPeriods}|{ScorecardCache.KeyOf(keys)}", async () =>
            (await ResultsAsync(period, level, keys, ct), await TrendsAsync(level, keys, period, trendPeriods, ct)));
        return [.. children.Select(c => new ChildRow(c.Key, c.Name, c.Link, results.GetValueOrDefault(c.Key), trends.GetValueOrDefault(c.Key) ?? []))];
    }

    // ---------------------------------------------------------------- subjects and scope

    /// <summary>Regions and districts change rarely (reference imports): read at most once a minute per node.</summary>
    public Task<IReadOnlyList<Region>> RegionsAsync(CancellationToken ct) =>
        cache.GetAsync("reference", "regions", () => directory.RegionsAsync(ct), ReferenceLifetime);

    private Task<IReadOnlyList<DistrictInfo>> AllDistrictsAsync(CancellationToken ct) =>
        cache.GetAsync("reference", "districts", () => directory.AllAsync(ct), ReferenceLifetime);

    public async Task<DistrictInfo?> DistrictAsync(Guid id, CancellationToken ct) => (await AllDistrictsAsync(ct)).FirstOrDefault(d => d.Id == id);

    public async Task<IReadOnlyList<DistrictInfo>> DistrictsOfRegionAsync(string region, OrganisationScope scope, CancellationToken ct)
    {
        IEnumerable<DistrictInfo> covered = scope.Kind is ScopeKind.National or ScopeKind.Region
            ? (await AllDistrictsAsync(ct)).Where(d => CoversRegion(scope, d.RegionCode))
            : await directory.CoveredAsync(scope, ct);
        return [.. covered.Where(d => d.RegionCode == region).OrderBy(d => d.Name, StringComparer.CurrentCulture)];
    }

    public static bool CoversRegion(OrganisationScope scope, string code) => scope.Kind == ScopeKind.National || (scope.Kind == ScopeKind.Region && scope.RegionCode == code);

    public Task<bool> CoversDistrictAsync(OrganisationScope scope, DistrictInfo d, CancellationToken ct) => directory.CoversAsync(scope, d, ct);

    /// <summary>The units serving a district that the viewer may see, directorates first.</summary>
    public async Task<List<Unit>> UnitsOfDistrictAsync(Guid districtId, OrganisationScope scope, CancellationToken ct) =>
        [.. (await scope.Filter(db.Units.AsNoTracking()).Where(u => u.DistrictId == districtId).ToListAsync(ct)).OrderBy(u => u.Depth).ThenBy(u => u.Code, StringComparer.Ordinal)];

    public async Task<List<Unit>> ChildUnitsAsync(Guid unitId, OrganisationScope scope, CancellationToken ct) =>
        [.. (await scope.Filter(db.Units.AsNoTracking()).Where(u => u.ParentId == unitId).ToListAsync(ct)).OrderBy(u => u.Code, StringComparer.Ordinal)];

    public async Task<List<(Guid Id, string Name)>> EmployeesOfUnitAsync(Guid unitId, CancellationToken ct) =>
        [.. (await db.Employees.AsNoTracking().Where(e => e.UnitId == unitId).OrderBy(e => e.LastName).ThenBy(e => e.FirstName)
            .Select(e => new { e.Id, e.LastName, e.FirstName }).ToListAsync(ct)).Select(e => (e.Id, $"{e.LastName} {e.FirstName}"))];

    public static string RegionName(Region r) => SenimCultures.Pick(r.NameKk, r.NameRu, r.NameEn);

    /// <summary>Display names of subjects (for previews and flag lists).</summary>
    public async Task<Dictionary<string, string>> NamesAsync(IndicatorLevel level, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.Count == 0) return result;
        switch (level)
        {
            case IndicatorLevel.Region:
                foreach (var r in await directory.RegionsAsync(ct)) if (keys.Contains(r.Code)) result[r.Code] = RegionName(r);
                break;
            case IndicatorLevel.District:
                foreach (var d in await directory.AllAsync(ct)) { var k = Subject.KeyOf(d.Id); if (keys.Contains(k)) result[k] = d.Name; }
                break;
            default:
                var ids = keys.Select(k => Guid.TryParse(k, CultureInfo.InvariantCulture, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
                foreach (var chunk in ids.Chunk(500))
                {
                    if (level == IndicatorLevel.Unit)
                        foreach (var u in await db.Units.AsNoTracking().Where(u => chunk.Contains(u.Id)).ToListAsync(ct)) result[Subject.KeyOf(u.Id)] = OrganisationQueries.Name(u);
                    else
                        foreach (var e in await db.Employees.AsNoTracking().Where(e => chunk.Contains(e.Id)).Select(e => new { e.Id, e.LastName, e.FirstName }).ToListAsync(ct))
                            result[Subject.KeyOf(e.Id)] = $"{e.LastName} {e.FirstName}";
                }
                break;
        }
        return result;
    }

    public static string Level(IndicatorLevel level) => level.ToString().ToLowerInvariant();

    public static string Light(TrafficLight light) => light.ToString().ToLowerInvariant();
}
