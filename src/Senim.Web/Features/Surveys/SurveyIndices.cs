using Microsoft.Extensions.Options;
using Senim.Statistics;

namespace Senim.Web.Features.Surveys;

public enum SurveyIndexKind { Safety = 1, Trust = 2 }

/// <summary>One published index figure. When <see cref="Suppressed"/> the estimate is not to be shown: the effective
/// sample is below the minimum or the responses could not be weighted (<see cref="ReasonKey"/> says why).</summary>
public sealed record IndexFigure(double Estimate, double StandardError, double Lower, double Upper, int N, double NEff, bool Suppressed,
    string? ReasonKey = null, object[]? ReasonArgs = null)
{
    public static IndexFigure Empty(string reasonKey, params object[] args) => new(0, 0, 0, 0, 0, 0, true, reasonKey, args);
}

/// <summary>Both indices of one area in one period, with the weighting's diagnostics.</summary>
public sealed record AreaIndices(SurveyPeriod Period, IndexFigure Safety, IndexFigure Trust, int Responses, double DesignEffect,
    IReadOnlyList<(string Key, object[] Args)> Notes, double? CoveredPopulationShare = null)
{
    public IndexFigure Get(SurveyIndexKind kind) => kind == SurveyIndexKind.Safety ? Safety : Trust;
}

/// <summary>The change of one index between two periods (both published), with its interval and significance.</summary>
public sealed record IndexChange(SurveyPeriod From, SurveyPeriod To, ChangeTestResult Test);

/// <summary>
/// Safety and Trust indices (0–100) per district, region and the country. Per district and period: the responses
/// are raked to the district's population margins by age band and sex (Senim.Statistics.Raking, equal to R's
/// survey::rake; trimmed at Surveys:MaxWeightRatio times the mean weight and re-raked); each respondent's index is
/// 10 × the mean of their answers to the index's items (Safety: safe_dark; Trust: respect, listen, trust); the
/// estimate is the weighted mean with SE = s / √n_eff (Kish's design effect, see SurveyEstimates.WeightedMean).
/// Regions and the country combine their districts weighted by population (stratified estimator, Cochran 1977 §5.3).
/// Figures with an effective n below Surveys:MinEffectiveN are suppressed.
/// </summary>
public sealed class SurveyIndices(SenimDb db, DistrictDirectory directory, IOptions<SurveyOptions> options)
{
    private readonly SurveyOptions _o = options.Value;
    public SurveyOptions Options => _o;

    private sealed record Respondent(Guid Id, Guid DistrictId, string AgeBand, string Sex);

    /// <summary>The figures of every district with responses in the period, plus the district population used to combine them.</summary>
    public async Task<Dictionary<Guid, AreaIndices>> DistrictsAsync(SurveyPeriod period, IReadOnlyCollection<Guid>? only = null, CancellationToken ct = default)
    {
        var waveIds = await WavesInAsync(period, ct);
        var responses = db.SurveyResponses.AsNoTracking().Where(r => waveIds.Contains(r.WaveId));
        if (only is not null) responses = responses.Where(r => only.Contains(r.DistrictId));
        var respondents = await responses.Select(r => new Respondent(r.Id, r.DistrictId, r.AgeBand, r.Sex)).ToListAsync(ct);
        var values = await (from a in db.SurveyAnswers.AsNoTracking()
                            join q in db.SurveyQuestions.AsNoTracking() on a.QuestionId equals q.Id
                            join r in responses on a.ResponseId equals r.Id
                            where q.Index != IndexMembership.None && q.Kind == QuestionKind.Scale0To10 && a.Value != null
                            select new { a.ResponseId, q.Index, a.Value }).ToListAsync(ct);
        var byResponse = values.GroupBy(v => v.ResponseId).ToDictionary(g => g.Key, g => (
            Safety: Mean(g.Where(x => x.Index == IndexMembership.Safety).Select(x => x.Value!.Value)),
            Trust: Mean(g.Where(x => x.Index == IndexMembership.Trust).Select(x => x.Value!.Value))));
        var districtIds = respondents.Select(r => r.DistrictId).Distinct().ToList();
        var margins = await MarginsAsync(districtIds, ct);
        var result = new Dictionary<Guid, AreaIndices>();
        foreach (var group in respondents.GroupBy(r => r.DistrictId))
        {
            var rows = group.OrderBy(r => r.Id).ToList();
            var safety = rows.Select(r => byResponse.TryGetValue(r.Id, out var v) ? v.Safety : null).ToArray();
            var trust = rows.Select(r => byResponse.TryGetValue(r.Id, out var v) ? v.Trust : null).ToArray();
            result[group.Key] = Compute(period, [.. rows.Select(r => r.AgeBand)], [.. rows.Select(r => r.Sex)], safety, trust,
                margins.GetValueOrDefault(group.Key), _o.MinEffectiveN, _o.MaxWeightRatio);
        }
        return result;
    }

    public async Task<AreaIndices> DistrictAsync(Guid districtId, SurveyPeriod period, CancellationToken ct = default) =>
        (await DistrictsAsync(period, [districtId], ct)).GetValueOrDefault(districtId) ?? NoResponses(period);

    public static AreaIndices NoResponses(SurveyPeriod period) =>
        new(period, IndexFigure.Empty("Survey.NoResponses"), IndexFigure.Empty("Survey.NoResponses"), 0, 0, []);

    private static double? Mean(IEnumerable<int> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : 10.0 * list.Average();
    }

    private async Task<List<Guid>> WavesInAsync(SurveyPeriod period, CancellationToken ct) =>
        await db.SurveyWaves.AsNoTracking().Where(w => w.PeriodStart >= period.Start && w.PeriodEnd <= period.End).Select(w => w.Id).ToListAsync(ct);

    /// <summary>district → variable → category → population.</summary>
    public async Task<Dictionary<Guid, Dictionary<string, Dictionary<string, double>>>> MarginsAsync(IReadOnlyCollection<Guid>? districtIds, CancellationToken ct = default)
    {
        var q = db.DistrictMargins.AsNoTracking();
        if (districtIds is not null) q = q.Where(m => districtIds.Contains(m.DistrictId));
        var rows = await q.ToListAsync(ct);
        return rows.GroupBy(m => m.DistrictId).ToDictionary(g => g.Key, g => g.GroupBy(m => m.Variable, StringComparer.Ordinal)
            .ToDictionary(v => v.Key, v => v.ToDictionary(m => m.Category, m => (double)m.Population, StringComparer.Ordinal), StringComparer.Ordinal));
    }

    /// <summary>
    /// One district's indices from its respondents' categories and index values (null where a respondent answered no
    /// item of the index). Pure: the statistics tests call it with hand-worked data. When an age band has population
    /// but no respondent it is merged with the nearest band that has respondents (collapsing cells, Kalton &amp;
    /// Flores-Cervantes 2003, §4); when one sex has no respondent, raking uses age alone. Both are noted.
    /// </summary>
    public static AreaIndices Compute(SurveyPeriod period, IReadOnlyList<string> ageBands, IReadOnlyList<string> sexes,
        IReadOnlyList<double?> safety, IReadOnlyList<double?> trust, Dictionary<string, Dictionary<string, double>>? margins,
        double minEffectiveN, double? maxWeightRatio)
    {
        var n = ageBands.Count;
        var notes = new List<(string Key, object[] Args)>();
        if (n == 0) return NoResponses(period);
        if (margins is null || !margins.TryGetValue(SurveyCategories.AgeVariable, out var ageMargin) || !margins.TryGetValue(SurveyCategories.SexVariable, out var sexMargin)
            || ageMargin.Values.Sum() <= 0)
        {
            return Failed(period, n, "Survey.NoMargins");
        }

        // Collapse empty age bands into the nearest band with respondents.
        var present = ageBands.ToHashSet(StringComparer.Ordinal);
        var bandMap = SurveyCategories.AgeBands.ToDictionary(b => b, b => b, StringComparer.Ordinal);
        var bands = SurveyCategories.AgeBands;
        for (var i = 0; i < bands.Length; i++)
        {
            if (present.Contains(bands[i]) || ageMargin.GetValueOrDefault(bands[i]) <= 0) continue;
            var target = Enumerable.Range(1, bands.Length).SelectMany(d => new[] { i - d, i + d })
                .Where(j => j >= 0 && j < bands.Length && present.Contains(bands[j])).Select(j => bands[j]).FirstOrDefault();
            if (target is null) break;
            bandMap[bands[i]] = target;
            notes.Add(("Survey.NoteAgeCollapsed", [bands[i], target]));
        }
        var collapsedMargin = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (band, pop) in ageMargin)
        {
            var to = bandMap.GetValueOrDefault(band, band);
            collapsedMargin[to] = collapsedMargin.GetValueOrDefault(to) + pop;
        }
        var variables = new List<RakingVariable> { RakingVariable.FromLabels(SurveyCategories.AgeVariable, ageBands, collapsedMargin) };
        var sexPresent = sexes.Distinct(StringComparer.Ordinal).Count();
        var ageTotal = collapsedMargin.Values.Sum();
        if (sexPresent >= 2 || sexMargin.Count(kv => kv.Value > 0) < 2)
        {
            // Margins from a census file may not add up exactly across variables: scale sex to the age total.
            var sexTotal = sexMargin.Values.Sum();
            var scaled = sexMargin.ToDictionary(kv => kv.Key, kv => sexTotal > 0 ? kv.Value * ageTotal / sexTotal : kv.Value, StringComparer.Ordinal);
            variables.Add(RakingVariable.FromLabels(SurveyCategories.SexVariable, sexes, scaled));
        }
        else
        {
            notes.Add(("Survey.NoteSexDropped", [sexes[0]]));
        }

        var raked = Raking.Rake(variables, options: new RakingOptions { MaximumWeightRatio = maxWeightRatio, TotalsConsistencyTolerance = 1e-6 });
        if (!raked.Succeeded)
        {
            var e = raked.Errors[0];
            return Failed(period, n, e.Kind switch
            {
                RakingErrorKind.CategoryMissingFromMargins => "Survey.RakeMissingCategory",
                RakingErrorKind.ZeroPopulationWithResponses => "Survey.RakeZeroPopulation",
                RakingErrorKind.PopulationWithoutResponses => "Survey.RakeNoResponses",
                RakingErrorKind.NotConverged or RakingErrorKind.TrimmingNotConverged => "Survey.RakeNotConverged",
                _ => "Survey.RakeFailed",
            }, e.Variable ?? "", e.Category ?? "");
        }
        if (raked.TrimmedResponses > 0) notes.Add(("Survey.NoteTrimmed", [raked.TrimmedResponses, maxWeightRatio ?? 0]));

        IndexFigure Figure(IReadOnlyList<double?> index)
        {
            var v = new List<double>(n);
            var w = new List<double>(n);
            for (var i = 0; i < n; i++)
            {
                if (index[i] is not double x) continue;
                v.Add(x);
                w.Add(raked.Weights[i]);
            }
            if (v.Count == 0) return IndexFigure.Empty("Survey.NoResponses");
            var est = SurveyEstimates.WeightedMean(v.ToArray(), w.ToArray());
            var suppressed = est.EffectiveSampleSize < minEffectiveN;
            return new IndexFigure(est.Estimate, est.StandardError, est.Lower, est.Upper, est.Count, est.EffectiveSampleSize, suppressed,
                suppressed ? "Survey.NotEnough" : null, suppressed ? [Math.Round(est.EffectiveSampleSize, 1), minEffectiveN] : null);
        }

        return new AreaIndices(period, Figure(safety), Figure(trust), n, raked.DesignEffect, notes);
    }

    private static AreaIndices Failed(SurveyPeriod period, int n, string key, params object[] args)
    {
        var f = new IndexFigure(0, 0, 0, 0, n, 0, true, key, args);
        return new AreaIndices(period, f, f, n, 0, []);
    }

    /// <summary>Population of each district: its margins' total, else its recorded population.</summary>
    public async Task<Dictionary<Guid, double>> PopulationsAsync(CancellationToken ct = default)
    {
        var fromMargins = await db.DistrictMargins.AsNoTracking().Where(m => m.Variable == SurveyCategories.AgeVariable)
            .GroupBy(m => m.DistrictId).Select(g => new { g.Key, Total = g.Sum(m => m.Population) }).ToListAsync(ct);
        var result = fromMargins.ToDictionary(x => x.Key, x => (double)x.Total);
        foreach (var d in await directory.AllAsync(ct))
        {
            if (!result.ContainsKey(d.Id) && d.Population is > 0) result[d.Id] = d.Population.Value;
        }
        return result;
    }

    /// <summary>Combines districts' figures into one area's, weighted by population. Districts whose responses
    /// could not be weighted (or with fewer than two responses) are left out; the covered population share says how much of the area is in.</summary>
    public AreaIndices Combine(SurveyPeriod period, IEnumerable<Guid> areaDistricts, IReadOnlyDictionary<Guid, AreaIndices> figures, IReadOnlyDictionary<Guid, double> populations)
    {
        var ids = areaDistricts.ToList();
        var total = ids.Sum(id => populations.GetValueOrDefault(id));
        IndexFigure One(SurveyIndexKind kind, out double covered)
        {
            var strata = new List<Stratum>();
            covered = 0;
            foreach (var id in ids)
            {
                if (!figures.TryGetValue(id, out var f) || !populations.TryGetValue(id, out var pop) || pop <= 0) continue;
                var x = f.Get(kind);
                if (x.NEff <= 0 || x.N < 2) continue;
                strata.Add(new Stratum(pop, new MeanEstimate(x.Estimate, x.StandardError, x.Lower, x.Upper, x.N, x.NEff, x.N / x.NEff)));
                covered += pop;
            }
            if (strata.Count == 0) return IndexFigure.Empty("Survey.NoResponses");
            var c = SurveyEstimates.Combine(strata);
            var suppressed = c.EffectiveSampleSize < _o.MinEffectiveN;
            return new IndexFigure(c.Estimate, c.StandardError, c.Lower, c.Upper, c.Count, c.EffectiveSampleSize, suppressed,
                suppressed ? "Survey.NotEnough" : null, suppressed ? [Math.Round(c.EffectiveSampleSize, 1), _o.MinEffectiveN] : null);
        }
        var safety = One(SurveyIndexKind.Safety, out var coveredSafety);
        var trust = One(SurveyIndexKind.Trust, out _);
        var responses = ids.Sum(id => figures.TryGetValue(id, out var f) ? f.Responses : 0);
        return new AreaIndices(period, safety, trust, responses, 0, [], total > 0 ? coveredSafety / total : null);
    }

    /// <summary>The change from the previous period of the same kind, when both figures are published.</summary>
    public static IndexChange? Change(AreaIndices before, AreaIndices after, SurveyIndexKind kind)
    {
        var b = before.Get(kind);
        var a = after.Get(kind);
        if (b.Suppressed || a.Suppressed) return null;
        return new IndexChange(before.Period, after.Period, ChangeTest.Compare(b.Estimate, b.StandardError, a.Estimate, a.StandardError));
    }

    /// <summary>The periods of the waves that have responses in the district, oldest first (the district's history).</summary>
    public async Task<IReadOnlyList<SurveyPeriod>> HistoryAsync(Guid? districtId, CancellationToken ct = default)
    {
        var q = db.SurveyResponses.AsNoTracking();
        if (districtId is { } id) q = q.Where(r => r.DistrictId == id);
        var waveIds = await q.Select(r => r.WaveId).Distinct().ToListAsync(ct);
        var waves = await db.SurveyWaves.AsNoTracking().Where(w => waveIds.Contains(w.Id)).ToListAsync(ct);
        return [.. waves.Select(SurveyPeriod.OfWave).DistinctBy(p => p.Code).OrderBy(p => p.Start)];
    }

    /// <summary>The default period on pages: the latest closed wave's period with responses, else the latest wave
    /// with responses, else the current month.</summary>
    public async Task<SurveyPeriod> LatestAsync(DateOnly today, CancellationToken ct = default)
    {
        var waves = await db.SurveyWaves.AsNoTracking().Where(w => db.SurveyResponses.Any(r => r.WaveId == w.Id)).ToListAsync(ct);
        var pick = waves.Where(w => w.Status == WaveStatus.Closed).MaxBy(w => w.PeriodEnd) ?? waves.MaxBy(w => w.PeriodEnd);
        return pick is null ? SurveyPeriod.Month(today.Year, today.Month) : SurveyPeriod.OfWave(pick);
    }

    public static string Format(double value) => value.ToString("0.0", CultureInfo.CurrentCulture);
}
