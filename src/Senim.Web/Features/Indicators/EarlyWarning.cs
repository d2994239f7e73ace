using System.Text.Json;
using Microsoft.Extensions.Options;
using Senim.Statistics;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Indicators;

/// <summary>
/// Early-warning rules, evaluated for employees and units by every scorecard recompute (the best early-intervention
/// systems compare with peers, not with bare counts):
/// (1) a weighted indicator lies beyond the funnel limit of its peer group on the worse side (Spiegelhalter 2005, at
/// <see cref="IndicatorOptions.FlagConfidence"/>, 99.8% by default);
/// (2) it dropped significantly since the previous period of the same kind (the z-test for the difference of two
/// independent estimates, Altman &amp; Bland 2003, Senim.Statistics.ChangeTest, at the same level);
/// (3) more contested ratings were upheld in the rolling window than the configured count.
/// Counts are exact and not tested against peers or history. A recompute raises new flags, updates the data of open
/// ones, withdraws open flags whose condition no longer holds, and never touches a flag with an action. Each flag
/// records when it was raised and withdrawn; the recompute itself is audited with its counts, the head's action per flag.
/// </summary>
public sealed class EarlyWarning(SenimDb db, IOptions<IndicatorOptions> options)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public sealed record Outcome(int Raised, int Updated, int Withdrawn);

    private readonly record struct Key(IndicatorLevel Level, Guid Subject, FlagRule Rule, string Indicator);

    /// <summary>The previous period of the same kind ("2026-10" → "2026-09", "2026-Q3" → "2026-Q2"); none for rolling 12 months.</summary>
    public static string? PreviousPeriod(ScorePeriod period)
    {
        if (period.Label == "rolling12") return null;
        var months = period.End.Month - period.Start.Month + (12 * (period.End.Year - period.Start.Year));
        var start = period.Start.AddMonths(-months);
        return months == 3
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{start.Year}-Q{((start.Month - 1) / 3) + 1}")
            : start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static bool IsWorse(FunnelZone? zone, IndicatorDefinition def) =>
        zone == (def.HigherIsBetter ? FunnelZone.Below : FunnelZone.Above);

    public async Task<Outcome> ApplyAsync(ComputedPeriod computed, IndicatorContext ctx, CancellationToken ct)
    {
        var o = options.Value;
        var candidates = new Dictionary<Key, (Guid Unit, FlagEvidence Evidence)>();
        var employees = ctx.Subjects.Employees.ToDictionary(e => e.Key, StringComparer.Ordinal);

        // Rules 1 and 2: the weighted evaluative indicators of employees and units.
        var previousLabel = PreviousPeriod(ctx.Period);
        var previous = previousLabel is null ? [] : (await db.IndicatorResults.AsNoTracking()
                .Where(r => r.Period == previousLabel && (r.Level == IndicatorLevel.Employee || r.Level == IndicatorLevel.Unit) && r.HasData && r.Weight > 0
                            && r.Value != null && r.StandardError != null)
                .Select(r => new { r.Level, r.SubjectKey, r.IndicatorCode, r.Value, r.StandardError }).ToListAsync(ct))
            .ToDictionary(r => (r.Level, r.SubjectKey, r.IndicatorCode), r => (Value: r.Value!.Value, Se: r.StandardError!.Value));
        foreach (var r in computed.Indicators)
        {
            if (r.Level is not (IndicatorLevel.Employee or IndicatorLevel.Unit) || r.Weight <= 0 || !r.HasData || r.Value is not { } value) continue;
            if (!computed.Definitions.Indicators.TryGetValue(r.IndicatorCode, out var def) || def.Measure == MeasureUnit.Count || def.Kind != IndicatorKind.Evaluative) continue;
            var subject = Guid.Parse(r.SubjectKey);
            var unit = r.Level == IndicatorLevel.Unit ? subject : employees.TryGetValue(r.SubjectKey, out var e) ? e.UnitId!.Value : Guid.Empty;
            if (unit == Guid.Empty) continue;
            if (IsWorse(r.PeerZone, def))
            {
                candidates[new Key(r.Level, subject, FlagRule.BelowPeers, r.IndicatorCode)] = (unit, new FlagEvidence
                {
                    Value = value, Lower = r.Lower, Upper = r.Upper, PeerTarget = r.PeerTarget, Limit = r.PeerLimit, LimitLevel = o.FlagConfidence,
                    IndicatorVersion = r.IndicatorVersion, Measure = def.Measure,
                });
            }
            if (previous.TryGetValue((r.Level, r.SubjectKey, r.IndicatorCode), out var before) && r.StandardError is { } se)
            {
                var test = ChangeTest.Compare(before.Value, before.Se, value, se, o.FlagConfidence);
                var worse = def.HigherIsBetter ? test.Difference < 0 : test.Difference > 0;
                if (test.IsDefined && test.IsSignificant && worse)
                {
                    candidates[new Key(r.Level, subject, FlagRule.DropAgainstHistory, r.IndicatorCode)] = (unit, new FlagEvidence
                    {
                        Value = value, Lower = r.Lower, Upper = r.Upper, PreviousPeriod = previousLabel, Previous = before.Value, Difference = test.Difference,
                        DifferenceLower = test.Lower, DifferenceUpper = test.Upper, PValue = test.PValue, LimitLevel = o.FlagConfidence,
                        IndicatorVersion = r.IndicatorVersion, Measure = def.Measure,
                    });
                }
            }
        }

        // Rule 3: upheld contests in the rolling window ending with the period.
        var to = ctx.AsOf;
        var perEmployee = await ContestsUpheldSource.PerEmployeeAsync(db, to.AddDays(-o.ContestWindowDays), to, ct);
        foreach (var (employeeId, n) in perEmployee)
        {
            var key = Subject.KeyOf(employeeId);
            if (n <= o.EmployeeContestsAbove || !employees.TryGetValue(key, out var e)) continue;
            candidates[new Key(IndicatorLevel.Employee, employeeId, FlagRule.ContestsUpheld, "")] =
                (e.UnitId!.Value, new FlagEvidence { Count = n, WindowDays = o.ContestWindowDays, Threshold = o.EmployeeContestsAbove });
        }
        foreach (var (unitKey, n) in ContestsUpheldSource.Aggregate(perEmployee, ctx.Subjects, IndicatorLevel.Unit))
        {
            if (n <= o.UnitContestsAbove) continue;
            var unitId = Guid.Parse(unitKey);
            candidates[new Key(IndicatorLevel.Unit, unitId, FlagRule.ContestsUpheld, "")] =
                (unitId, new FlagEvidence { Count = n, WindowDays = o.ContestWindowDays, Threshold = o.UnitContestsAbove });
        }

        // Raise, update, reopen, withdraw.
        var now = ctx.Now;
        // Read without tracking: at scale most flags stay as they are; only the changed and new ones are written.
        var existing = await db.EarlyWarningFlags.AsNoTracking().Where(f => f.Period == computed.Period).ToListAsync(ct);
        var changed = new List<EarlyWarningFlag>();
        var byKey = existing.ToDictionary(f => new Key(f.Level, f.SubjectId, f.Rule, f.IndicatorCode));
        int raised = 0, updated = 0, withdrawn = 0;
        foreach (var (key, (unit, evidence)) in candidates)
        {
            var json = JsonSerializer.Serialize(evidence, Json);
            if (!byKey.TryGetValue(key, out var flag))
            {
                flag = new EarlyWarningFlag
                {
                    Level = key.Level, SubjectId = key.Subject, UnitId = unit, Period = computed.Period, Rule = key.Rule, IndicatorCode = key.Indicator,
                    Evidence = json, RaisedAt = now, DueAt = now.AddDays(o.ActionDueDays), Status = FlagStatus.Open,
                };
                db.EarlyWarningFlags.Add(flag);
                raised++;
            }
            else if (flag.Status == FlagStatus.Open)
            {
                if (flag.Evidence != json) { flag.Evidence = json; changed.Add(flag); updated++; }
            }
            else if (flag.Status == FlagStatus.Withdrawn)
            {
                flag.Status = FlagStatus.Open;
                flag.Evidence = json;
                flag.RaisedAt = now;
                flag.DueAt = now.AddDays(o.ActionDueDays);
                flag.WithdrawnAt = null;
                changed.Add(flag);
                raised++;
            }
        }
        foreach (var flag in existing.Where(f => f.Status == FlagStatus.Open && !candidates.ContainsKey(new Key(f.Level, f.SubjectId, f.Rule, f.IndicatorCode))))
        {
            flag.Status = FlagStatus.Withdrawn;
            flag.WithdrawnAt = now;
            changed.Add(flag);
            withdrawn++;
        }
        db.EarlyWarningFlags.UpdateRange(changed);
        await db.SaveChangesAsync(ct);
        return new Outcome(raised, updated, withdrawn);
    }
}
