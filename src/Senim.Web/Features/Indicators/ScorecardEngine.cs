using Senim.Statistics;

namespace Senim.Web.Features.Indicators;

/// <summary>Everything one computation produced for a period.</summary>
public sealed class ComputedPeriod
{
    public required string Period { get; init; }
    public required DefinitionSet Definitions { get; init; }
    public List<ScorecardResult> Results { get; } = [];
    public List<IndicatorResult> Indicators { get; } = [];
}

/// <summary>Receives a computation's indicator lines card by card, as they are built.</summary>
public interface IIndicatorLineSink
{
    Task<IIndicatorLineStream> BeginAsync(CancellationToken ct);
}

/// <summary>One card's lines; <see cref="CompleteAsync"/> stores them, disposing without completing abandons them.</summary>
public interface IIndicatorLineStream : IAsyncDisposable
{
    void Write(IndicatorResult line);
    Task CompleteAsync(CancellationToken ct);
}

/// <summary>
/// Computes scorecards in memory: each subject gets the scorecard in force for its level and category / unit kind,
/// each indicator its value from its source, its points (distance from the worst goalpost to the target, 0–100), its
/// light against the thresholds; the composite is the weighted mean of the points of the indicators with enough data,
/// the weights renormalised over them (Senim.Statistics.Composite), insufficient when less than the scorecard's share
/// of the weight has data. Statistical counts are never weighted, whatever a definition says (the no-quota rule is
/// also enforced when a scorecard is activated). Peers — the same scorecard and the same position category or unit
/// kind — are ranked by composite with the range of ranks their intervals allow.
/// </summary>
public sealed class ScorecardEngine(SourceCatalog sources)
{
    private static readonly IndicatorLevel[] Levels = [IndicatorLevel.Employee, IndicatorLevel.Unit, IndicatorLevel.District, IndicatorLevel.Region];

    /// <param name="lines">Where to stream each card's indicator lines as they are built (the recompute's COPY on
    /// PostgreSQL, so that the database stores one card's lines while Senim builds them); they are also kept in
    /// <see cref="ComputedPeriod.Indicators"/>.</param>
    public async Task<ComputedPeriod> ComputeAsync(DefinitionSet definitions, IndicatorContext ctx, Func<Scorecard, bool>? only = null,
        IProgress<string>? progress = null, IIndicatorLineSink? lines = null, CancellationToken ct = default)
    {
        var output = new ComputedPeriod { Period = ctx.Period.Label, Definitions = definitions };
        ctx.Criteria ??= definitions.Indicators.Values.Where(d => sources.Find(d.Source)?.UsesCriterion == true)
            .Select(d => d.Criterion ?? Scoring.Criterion.Overall).Append(Scoring.Criterion.Overall).ToHashSet();
        foreach (var level in Levels)
        {
            if (!definitions.Scorecards.Any(c => c.Level == level)) continue;
            var assigned = ctx.Subjects.Of(level).Select(s => (Subject: s, Card: definitions.ScorecardFor(s))).Where(x => x.Card is not null)
                .GroupBy(x => x.Card!.Code, StringComparer.Ordinal);
            foreach (var group in assigned)
            {
                var card = group.First().Card!;
                if (only is not null && !only(card)) continue;
                progress?.Report(card.Code);
                await ComputeCardAsync(card, [.. group.Select(x => x.Subject)], definitions, ctx, output, lines, ct);
            }
        }
        return output;
    }

    private async Task ComputeCardAsync(Scorecard card, List<Subject> subjects, DefinitionSet definitions, IndicatorContext ctx, ComputedPeriod output,
        IIndicatorLineSink? sink, CancellationToken ct)
    {
        var items = card.Items.OrderBy(i => i.Order).ThenBy(i => i.IndicatorCode, StringComparer.Ordinal).ToList();
        var columns = new List<(ScorecardItem Item, IndicatorDefinition? Def, IReadOnlyDictionary<string, IndicatorValue> Values)>();
        foreach (var item in items)
        {
            var def = definitions.Indicators.GetValueOrDefault(item.IndicatorCode);
            var source = def is null || def.Level != card.Level ? null : sources.Find(def.Source);
            if (def is null || source is null)
            {
                columns.Add((item, def, new Dictionary<string, IndicatorValue>()));
                continue;
            }
            var applicable = subjects.Where(s => def.AppliesTo(s.Category, s.UnitKind)).ToList();
            columns.Add((item, def, await source.ValuesAsync(new IndicatorRequest(def, applicable), ctx, ct)));
        }

        var now = ctx.Now;
        // Every source has been read: the connection is free for the lines' COPY until the card is done.
        await using var stream = sink is null ? null : await sink.BeginAsync(ct);
        var results = new List<ScorecardResult>(subjects.Count);
        var inputs = new List<CompositeInput>(columns.Count);
        foreach (var s in subjects)
        {
            inputs.Clear();
            var order = 0;
            foreach (var (item, def, values) in columns)
            {
                order++;
                var r = new IndicatorResult
                {
                    Period = ctx.Period.Label, Level = card.Level, SubjectKey = s.Key, IndicatorCode = item.IndicatorCode, IndicatorVersion = def?.Version ?? 0,
                    Order = order, Weight = Weight(item, def), Light = TrafficLight.Insufficient,
                };
                if (def is null)
                {
                    r.Reason = "Indicator.ReasonNotInForce";
                }
                else if (!values.TryGetValue(s.Key, out var v))
                {
                    r.Reason = def.AppliesTo(s.Category, s.UnitKind) ? "Indicator.ReasonNoData" : "Indicator.ReasonNotApplicable";
                }
                else
                {
                    Fill(r, def, v);
                }
                output.Indicators.Add(r);
                stream?.Write(r);
                if (r.Weight > 0)
                {
                    var has = r.HasData && r.Points is not null;
                    inputs.Add(new CompositeInput(r.Weight, r.Points ?? 0, r.PointsLower ?? 0, r.PointsUpper ?? 0, has));
                }
            }
            var result = new ScorecardResult
            {
                Period = ctx.Period.Label, Level = card.Level, SubjectKey = s.Key, ScorecardCode = card.Code, ScorecardVersion = card.Version,
                PeerGroup = PeerGroup(card, s), Light = TrafficLight.Insufficient, ComputedAt = now,
            };
            if (inputs.Count > 0)
            {
                var c = Composite.Combine(inputs, card.MinimumDataShare);
                result.DataShare = c.WeightShareWithData;
                if (c.IsDefined)
                {
                    result.Composite = c.Estimate;
                    result.Lower = c.Lower;
                    result.Upper = c.Upper;
                }
                result.Sufficient = c.IsDefined && c.IsSufficient;
                if (result.Sufficient) result.Light = Composite.Light(c.Estimate, card.GreenFrom, card.AmberFrom, higherIsBetter: true);
            }
            results.Add(result);
        }

        if (stream is not null) await stream.CompleteAsync(ct);
        // Ranks among peers with enough data.
        foreach (var peers in results.GroupBy(r => r.PeerGroup, StringComparer.Ordinal))
        {
            var ranked = peers.Where(r => r.Sufficient).ToList();
            var ranks = Composite.Ranks([.. ranked.Select(r => (r.Composite!.Value, r.Lower!.Value, r.Upper!.Value))]);
            for (var i = 0; i < ranked.Count; i++)
            {
                ranked[i].Rank = ranks[i].Rank;
                ranked[i].RankBest = ranks[i].Best;
                ranked[i].RankWorst = ranks[i].Worst;
                ranked[i].Peers = ranks[i].Peers;
            }
            foreach (var r in peers.Where(r => !r.Sufficient)) r.Peers = ranked.Count;
        }
        output.Results.AddRange(results);
    }

    /// <summary>A statistical count never carries weight (the no-quota rule), whatever the item says.</summary>
    public static double Weight(ScorecardItem item, IndicatorDefinition? def) => def is null || def.Kind == IndicatorKind.StatisticalCount ? 0 : item.Weight;

    public static string PeerGroup(Scorecard card, Subject s) => card.Level switch
    {
        IndicatorLevel.Employee => $"{card.Code}/{s.Category}",
        IndicatorLevel.Unit => $"{card.Code}/{s.UnitKind}",
        _ => card.Code,
    };

    private static void Fill(IndicatorResult r, IndicatorDefinition def, IndicatorValue v)
    {
        r.Value = v.Value;
        r.Lower = v.Lower;
        r.Upper = v.Upper;
        r.StandardError = v.StandardError;
        r.N = v.N;
        r.HasData = v.HasData && v.Value is not null;
        r.Reason = v.Reason;
        r.PeerTarget = v.PeerTarget;
        r.PeerLimit = v.PeerLimit;
        r.PeerZone = v.PeerZone;
        if (!r.HasData)
        {
            r.Light = TrafficLight.Insufficient;
            return;
        }
        var x = v.Value!.Value;
        r.Light = def.GreenFrom is { } g && def.AmberFrom is { } a ? Composite.Light(x, g, a, def.HigherIsBetter) : TrafficLight.None;
        if (def.Target is { } target && target != def.Worst)
        {
            r.Points = Composite.Points(x, def.Worst, target);
            var (lo, hi) = Composite.PointsInterval(v.Lower ?? x, v.Upper ?? x, def.Worst, target);
            r.PointsLower = lo;
            r.PointsUpper = hi;
        }
    }
}
