using Senim.Web.Features.Feedback;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Indicators;

/// <summary>"survey.trust" and "survey.safety": the Surveys feature's weighted indices (0–100) of the period's waves
/// (<see cref="SurveyIndices"/>): a district's own figure, a region's population-weighted combination of its
/// districts, and for a unit the figure of the district it serves. A suppressed figure (too few responses) has no
/// data. Compared with the national figure.</summary>
public sealed class SurveyIndexSource(SurveyIndexKind kind, SurveyIndices indices, DistrictDirectory directory) : IIndicatorSource
{
    public string Code => kind == SurveyIndexKind.Trust ? "survey.trust" : "survey.safety";
    public MeasureUnit Measure => MeasureUnit.Index;
    public double NaturalMin => 0;
    public double? NaturalMax => 100;
    public IReadOnlyList<IndicatorLevel> Levels { get; } = [IndicatorLevel.Unit, IndicatorLevel.District, IndicatorLevel.Region];
    public bool IsStatisticalCount => false;
    public bool UsesCriterion => false;

    private sealed record Figures(Dictionary<Guid, AreaIndices> Districts, Dictionary<string, AreaIndices> Regions, AreaIndices National);

    private Task<Figures> LoadAsync(IndicatorContext ctx, CancellationToken ct) => ctx.CacheAsync("survey.figures", async () =>
    {
        var period = SurveyPeriod.Parse(ctx.Period.Label, DateOnly.FromDateTime(ctx.Now)) ?? SurveyPeriod.Rolling12(DateOnly.FromDateTime(ctx.Now));
        var districts = await indices.DistrictsAsync(period, null, ct);
        var populations = await indices.PopulationsAsync(ct);
        var all = await directory.AllAsync(ct);
        var regions = all.GroupBy(d => d.RegionCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => indices.Combine(period, g.Select(d => d.Id), districts, populations), StringComparer.Ordinal);
        return new Figures(districts, regions, indices.Combine(period, all.Select(d => d.Id), districts, populations));
    });

    public async Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(IndicatorRequest request, IndicatorContext ctx, CancellationToken ct)
    {
        var figures = await LoadAsync(ctx, ct);
        var national = figures.National.Get(kind);
        var result = new Dictionary<string, IndicatorValue>(StringComparer.Ordinal);
        foreach (var s in request.Subjects)
        {
            AreaIndices? area = s.Level switch
            {
                IndicatorLevel.Region => figures.Regions.GetValueOrDefault(s.Key),
                _ => s.DistrictId is { } d ? figures.Districts.GetValueOrDefault(d) : null,
            };
            if (area is null)
            {
                result[s.Key] = IndicatorValue.None(s.Level == IndicatorLevel.Unit && s.DistrictId is null ? "Indicator.ReasonNoDistrict" : "Indicator.ReasonNoSurvey");
                continue;
            }
            var f = area.Get(kind);
            if (f.Suppressed)
            {
                result[s.Key] = IndicatorValue.None(f.N == 0 ? "Indicator.ReasonNoSurvey" : "Indicator.ReasonSurveySuppressed") with { N = f.NEff };
                continue;
            }
            var value = new IndicatorValue(f.Estimate, f.Lower, f.Upper, f.StandardError, f.NEff, true);
            if (!national.Suppressed)
            {
                var (limit, zone) = ctx.NormalPosition(f.Estimate, national.Estimate, f.StandardError, request.Definition.HigherIsBetter);
                value = value with { PeerTarget = national.Estimate, PeerLimit = limit, PeerZone = zone };
            }
            result[s.Key] = value;
        }
        return result;
    }
}

/// <summary>"moderation.contests-upheld": how many of the subject's contested ratings a moderator upheld (the rating
/// removed) in the period: an employee's own, a unit's staff's, an area's units' staff's. An exact count.</summary>
public sealed class ContestsUpheldSource(SenimDb db) : IIndicatorSource
{
    public string Code => "moderation.contests-upheld";
    public MeasureUnit Measure => MeasureUnit.Count;
    public double NaturalMin => 0;
    public double? NaturalMax => null;
    public IReadOnlyList<IndicatorLevel> Levels { get; } = [IndicatorLevel.Employee, IndicatorLevel.Unit, IndicatorLevel.District, IndicatorLevel.Region];
    public bool IsStatisticalCount => false;
    public bool UsesCriterion => false;

    /// <summary>Upheld contests per employee decided in [from, to).</summary>
    public static async Task<Dictionary<Guid, int>> PerEmployeeAsync(SenimDb db, DateTime from, DateTime to, CancellationToken ct) =>
        await db.RatingContests.AsNoTracking()
            .Where(c => c.Decision == ContestDecision.Upheld && c.DecidedAt >= from && c.DecidedAt < to)
            .GroupBy(c => c.EmployeeId).Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);

    public async Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(IndicatorRequest request, IndicatorContext ctx, CancellationToken ct)
    {
        var perEmployee = await ctx.CacheAsync("contests.period", () => PerEmployeeAsync(db, ctx.Period.Start, ctx.AsOf, ct));
        var perKey = await ctx.CacheAsync("contests.period." + request.Definition.Level, () => Task.FromResult(
            Aggregate(perEmployee, ctx.Subjects, request.Definition.Level)));
        return request.Subjects.ToDictionary(s => s.Key, s => IndicatorValue.Exact(perKey.GetValueOrDefault(s.Key)), StringComparer.Ordinal);
    }

    /// <summary>Employee counts summed to the subjects of a level.</summary>
    public static Dictionary<string, int> Aggregate(Dictionary<Guid, int> perEmployee, SubjectSet subjects, IndicatorLevel level)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (perEmployee.Count == 0) return result;
        foreach (var e in subjects.Employees)
        {
            if (!perEmployee.TryGetValue(e.Id!.Value, out var n)) continue;
            var key = level switch
            {
                IndicatorLevel.Employee => e.Key,
                IndicatorLevel.Unit => Subject.KeyOf(e.UnitId!.Value),
                IndicatorLevel.District => e.DistrictId is { } d ? Subject.KeyOf(d) : null,
                _ => e.RegionCode,
            };
            if (key is not null) result[key] = result.GetValueOrDefault(key) + n;
        }
        return result;
    }
}

/// <summary>"activity.interactions": how many service interactions were registered in the period (an employee's, a
/// unit's, an area's units') — a volume of work like protocols or detections, so a statistical count: context only.</summary>
public sealed class InteractionsRegisteredSource(SenimDb db) : IIndicatorSource
{
    public string Code => "activity.interactions";
    public MeasureUnit Measure => MeasureUnit.Count;
    public double NaturalMin => 0;
    public double? NaturalMax => null;
    public IReadOnlyList<IndicatorLevel> Levels { get; } = [IndicatorLevel.Employee, IndicatorLevel.Unit, IndicatorLevel.District, IndicatorLevel.Region];
    public bool IsStatisticalCount => true;
    public bool UsesCriterion => false;

    public async Task<IReadOnlyDictionary<string, IndicatorValue>> ValuesAsync(IndicatorRequest request, IndicatorContext ctx, CancellationToken ct)
    {
        var start = ctx.Period.Start;
        var end = ctx.AsOf;
        Dictionary<string, int> perKey;
        if (request.Definition.Level == IndicatorLevel.Employee)
        {
            perKey = await ctx.CacheAsync("interactions.employee", async () =>
                (await (from ie in db.InteractionEmployees.AsNoTracking()
                        join i in db.Interactions on ie.InteractionId equals i.Id
                        where i.OccurredAt >= start && i.OccurredAt < end
                        group ie by ie.EmployeeId into g
                        select new { g.Key, N = g.Count() }).ToListAsync(ct))
                .ToDictionary(x => Subject.KeyOf(x.Key), x => x.N, StringComparer.Ordinal));
        }
        else
        {
            var perUnit = await ctx.CacheAsync("interactions.unit", async () =>
                await db.Interactions.AsNoTracking().Where(i => i.OccurredAt >= start && i.OccurredAt < end)
                    .GroupBy(i => i.UnitId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct));
            perKey = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (unitId, n) in perUnit)
            {
                if (!ctx.Subjects.UnitById.TryGetValue(unitId, out var u)) continue;
                var key = request.Definition.Level switch
                {
                    IndicatorLevel.Unit => u.Key,
                    IndicatorLevel.District => u.DistrictId is { } d ? Subject.KeyOf(d) : null,
                    _ => u.RegionCode,
                };
                if (key is not null) perKey[key] = perKey.GetValueOrDefault(key) + n;
            }
        }
        return request.Subjects.ToDictionary(s => s.Key, s => IndicatorValue.Exact(perKey.GetValueOrDefault(s.Key)), StringComparer.Ordinal);
    }
}
