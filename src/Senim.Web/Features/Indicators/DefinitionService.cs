using System.Text.RegularExpressions;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Indicators;

/// <summary>A refusal: the field it concerns ("" for the whole form), a resource key and its arguments.</summary>
public sealed record DefinitionError(string Field, string Key, params object[] Args);

/// <summary>
/// Indicator definitions and scorecards as versioned, effective-dated data: national analysts and administrators
/// create drafts, edit them (validated: three languages, a scale within the source's range, a target within the
/// scale, thresholds in order, weights that sum to a positive number), preview the effect on the last period's results,
/// and activate them from a date. Activation holds the recompute lock, retires the previous version from that date,
/// and recomputes every stored period whose definitions change, all in one transaction. A scorecard giving weight to a
/// statistical count is never activated (the no-quota rule). Every step is audited.
/// </summary>
public sealed partial class DefinitionService(SenimDb db, SourceCatalog sources, ScorecardRecompute recompute, ScorecardCache cache, AuditLog audit, TimeProvider clock)
{
    [GeneratedRegex("^[A-Z][A-Z0-9_]{1,39}$")]
    private static partial Regex CodePattern();

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    /// <summary>The earliest start a new version of an existing definition may have: closed months are never rewritten.</summary>
    public DateOnly EarliestStart => new(Today.Year, Today.Month, 1);

    public Task<List<IndicatorDefinition>> IndicatorsAsync(CancellationToken ct) =>
        db.IndicatorDefinitions.AsNoTracking().OrderBy(d => d.Code).ThenByDescending(d => d.Version).ToListAsync(ct);

    public Task<List<Scorecard>> ScorecardsAsync(CancellationToken ct) =>
        db.Scorecards.AsNoTracking().Include(s => s.Items).OrderBy(d => d.Code).ThenByDescending(d => d.Version).ToListAsync(ct);

    // ---------------------------------------------------------------- indicators

    public List<DefinitionError> Validate(IndicatorDefinition d)
    {
        var e = new List<DefinitionError>();
        if (!CodePattern().IsMatch(d.Code ?? "")) e.Add(new(nameof(d.Code), "Indicator.CodeInvalid"));
        foreach (var (field, value) in new[] { (nameof(d.NameKk), d.NameKk), (nameof(d.NameRu), d.NameRu), (nameof(d.NameEn), d.NameEn) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 200) e.Add(new(field, "Indicator.NameRequired", 200));
        }
        foreach (var (field, value) in new[] { (nameof(d.DescriptionKk), d.DescriptionKk), (nameof(d.DescriptionRu), d.DescriptionRu), (nameof(d.DescriptionEn), d.DescriptionEn) })
        {
            if ((value ?? "").Length > 1000) e.Add(new(field, "Indicator.DescriptionTooLong", 1000));
        }
        var source = sources.Find(d.Source);
        if (source is null)
        {
            e.Add(new(nameof(d.Source), "Indicator.SourceUnknown"));
            return e;
        }
        if (!source.Levels.Contains(d.Level)) e.Add(new(nameof(d.Level), "Indicator.LevelNotOffered"));
        if (source.UsesCriterion && (d.Criterion is not { } c || !Enum.IsDefined(c))) e.Add(new(nameof(d.Criterion), "Indicator.CriterionRequired"));
        if (source.IsStatisticalCount && d.Kind != IndicatorKind.StatisticalCount) e.Add(new(nameof(d.Kind), "Indicator.SourceIsCount"));
        if (!Enum.IsDefined(d.Direction)) e.Add(new(nameof(d.Direction), "Indicator.DirectionInvalid"));
        var max = source.NaturalMax;
        string F(double x) => x.ToString("0.##", CultureInfo.CurrentCulture);
        var rangeText = max is { } mx ? $"{F(source.NaturalMin)}–{F(mx)}" : $"≥ {F(source.NaturalMin)}";
        if (!double.IsFinite(d.ScaleMin) || !double.IsFinite(d.ScaleMax) || d.ScaleMin < source.NaturalMin || (max is { } m1 && d.ScaleMax > m1))
        {
            e.Add(new(nameof(d.ScaleMin), "Indicator.ScaleOutsideSource", rangeText));
            return e;
        }
        if (d.ScaleMin >= d.ScaleMax)
        {
            e.Add(new(nameof(d.ScaleMax), "Indicator.ScaleOrder"));
            return e;
        }
        var scale = $"{F(d.ScaleMin)}–{F(d.ScaleMax)}";
        bool Outside(double x) => !double.IsFinite(x) || x < d.ScaleMin || x > d.ScaleMax;
        if (d.Target is { } t)
        {
            if (Outside(t)) e.Add(new(nameof(d.Target), "Indicator.TargetOutOfRange", F(t), scale));
            else if (t == d.Worst) e.Add(new(nameof(d.Target), "Indicator.TargetAtWorst"));
        }
        else if (d.Kind == IndicatorKind.Evaluative)
        {
            e.Add(new(nameof(d.Target), "Indicator.TargetRequired"));
        }
        if (d.GreenFrom is null != d.AmberFrom is null || (d.Kind == IndicatorKind.Evaluative && d.GreenFrom is null))
        {
            e.Add(new(nameof(d.GreenFrom), "Indicator.ThresholdsRequired"));
        }
        else if (d.GreenFrom is { } g && d.AmberFrom is { } a)
        {
            if (Outside(g)) e.Add(new(nameof(d.GreenFrom), "Indicator.ThresholdOutOfRange", F(g), scale));
            if (Outside(a)) e.Add(new(nameof(d.AmberFrom), "Indicator.ThresholdOutOfRange", F(a), scale));
            if (!Outside(g) && !Outside(a) && (d.HigherIsBetter ? g < a : g > a))
                e.Add(new(nameof(d.AmberFrom), d.HigherIsBetter ? "Indicator.ThresholdsOrderHigher" : "Indicator.ThresholdsOrderLower"));
        }
        return e;
    }

    /// <summary>Creates version 1 of a new indicator as a draft.</summary>
    public async Task<(IndicatorDefinition? Draft, List<DefinitionError> Errors)> CreateIndicatorAsync(IndicatorDefinition input, string user, CancellationToken ct)
    {
        Normalise(input);
        var errors = Validate(input);
        if (await db.IndicatorDefinitions.AnyAsync(d => d.Code == input.Code, ct)) errors.Add(new(nameof(input.Code), "Indicator.CodeTaken"));
        if (errors.Count > 0) return (null, errors);
        input.Id = Guid.CreateVersion7();
        input.Version = 1;
        input.Status = DefinitionStatus.Draft;
        input.CreatedBy = user;
        input.CreatedAt = clock.GetUtcNow().UtcDateTime;
        input.EffectiveFrom = EarliestStart;
        input.Measure = sources.Find(input.Source)!.Measure;
        db.IndicatorDefinitions.Add(input);
        audit.Record("indicator.draft", "indicator", $"{input.Code}/v{input.Version}", null, Snapshot(input));
        await db.SaveChangesAsync(ct);
        return (input, []);
    }

    /// <summary>A new draft version copied from the latest version.</summary>
    public async Task<IndicatorDefinition?> NewIndicatorVersionAsync(string code, string user, CancellationToken ct)
    {
        var versions = await db.IndicatorDefinitions.Where(d => d.Code == code).ToListAsync(ct);
        if (versions.Count == 0) return null;
        if (versions.FirstOrDefault(v => v.Status == DefinitionStatus.Draft) is { } existing) return existing;
        var latest = versions.MaxBy(v => v.Version)!;
        var draft = latest.CopyAsDraft(latest.Version + 1, user, clock.GetUtcNow().UtcDateTime);
        draft.EffectiveFrom = EarliestStart > latest.EffectiveFrom ? EarliestStart : latest.EffectiveFrom.AddDays(1);
        db.IndicatorDefinitions.Add(draft);
        audit.Record("indicator.draft", "indicator", $"{draft.Code}/v{draft.Version}", null, new { From = latest.Version });
        await db.SaveChangesAsync(ct);
        return draft;
    }

    public async Task<List<DefinitionError>> UpdateIndicatorDraftAsync(Guid id, IndicatorDefinition input, string user, CancellationToken ct)
    {
        var draft = await db.IndicatorDefinitions.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (draft is null || draft.Status != DefinitionStatus.Draft) return [new("", "Indicator.NotDraft")];
        input.Code = draft.Code;
        // The level is part of an indicator's identity: scorecards of that level name it by code.
        if (draft.Version > 1) input.Level = draft.Level;
        Normalise(input);
        var errors = Validate(input);
        if (errors.Count > 0) return errors;
        var before = Snapshot(draft);
        draft.NameKk = input.NameKk; draft.NameRu = input.NameRu; draft.NameEn = input.NameEn;
        draft.DescriptionKk = input.DescriptionKk; draft.DescriptionRu = input.DescriptionRu; draft.DescriptionEn = input.DescriptionEn;
        draft.Kind = input.Kind; draft.Source = input.Source; draft.Criterion = input.Criterion; draft.Level = input.Level; draft.Direction = input.Direction;
        draft.Measure = sources.Find(input.Source)!.Measure;
        draft.ScaleMin = input.ScaleMin; draft.ScaleMax = input.ScaleMax; draft.Target = input.Target; draft.GreenFrom = input.GreenFrom; draft.AmberFrom = input.AmberFrom;
        draft.Categories = input.Categories; draft.UnitKinds = input.UnitKinds; draft.Note = input.Note;
        audit.Record("indicator.edit", "indicator", $"{draft.Code}/v{draft.Version}", before, Snapshot(draft));
        await db.SaveChangesAsync(ct);
        return [];
    }

    private void Normalise(IndicatorDefinition d)
    {
        d.Code = (d.Code ?? "").Trim().ToUpperInvariant();
        d.NameKk = (d.NameKk ?? "").Trim(); d.NameRu = (d.NameRu ?? "").Trim(); d.NameEn = (d.NameEn ?? "").Trim();
        d.DescriptionKk = (d.DescriptionKk ?? "").Trim(); d.DescriptionRu = (d.DescriptionRu ?? "").Trim(); d.DescriptionEn = (d.DescriptionEn ?? "").Trim();
        d.Note = string.IsNullOrWhiteSpace(d.Note) ? null : d.Note.Trim();
        var source = sources.Find(d.Source);
        if (source is not null && !source.UsesCriterion) d.Criterion = null;
        if (d.Level != IndicatorLevel.Employee) d.Categories = "";
        if (d.Level != IndicatorLevel.Unit) d.UnitKinds = "";
    }

    public static object Snapshot(IndicatorDefinition d) => new
    {
        d.Code, d.Version, d.Kind, d.Source, d.Criterion, d.Level, d.Direction, d.Measure, d.ScaleMin, d.ScaleMax, d.Target, d.GreenFrom, d.AmberFrom,
        d.Categories, d.UnitKinds, d.NameKk, d.NameRu, d.NameEn, d.EffectiveFrom, d.Note,
    };

    /// <summary>Errors of the effective date of a version.</summary>
    private List<DefinitionError> EffectiveDateErrors(int version, DateOnly from, DateOnly? previousStart)
    {
        var e = new List<DefinitionError>();
        if (version > 1 && from < EarliestStart) e.Add(new("EffectiveFrom", "Indicator.EffectiveTooEarly", EarliestStart.ToString("d", CultureInfo.CurrentCulture)));
        if (previousStart is { } p && from <= p) e.Add(new("EffectiveFrom", "Indicator.EffectiveBeforePrevious", p.ToString("d", CultureInfo.CurrentCulture)));
        if (from.Year < 2000) e.Add(new("EffectiveFrom", "Indicator.EffectiveTooEarly", new DateOnly(2000, 1, 1).ToString("d", CultureInfo.CurrentCulture)));
        return e;
    }

    /// <summary>Activates a draft from <paramref name="from"/>: in one transaction under the recompute lock.</summary>
    public async Task<(List<DefinitionError> Errors, int Recomputed)> ActivateIndicatorAsync(Guid id, DateOnly from, string user, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ScorecardRecompute.LockAsync(db, ct);
        var draft = await db.IndicatorDefinitions.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (draft is null || draft.Status != DefinitionStatus.Draft) return ([new("", "Indicator.NotDraft")], 0);
        var errors = Validate(draft);
        var previous = await db.IndicatorDefinitions.Where(d => d.Code == draft.Code && d.Status != DefinitionStatus.Draft).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        errors.AddRange(EffectiveDateErrors(draft.Version, from, previous?.EffectiveFrom));
        if (draft.Kind == IndicatorKind.StatisticalCount)
        {
            // The no-quota rule from the other side: a count may not become one while a scorecard weights it.
            var start = from;
            var weighting = await (from s in db.Scorecards
                                   where s.Status != DefinitionStatus.Draft && (s.EffectiveTo == null || s.EffectiveTo > start)
                                   from i in s.Items
                                   where i.IndicatorCode == draft.Code && i.Weight > 0
                                   select s.Code).FirstOrDefaultAsync(ct);
            if (weighting is not null) errors.Add(new("Kind", "Indicator.CountWeightedIn", weighting));
        }
        if (errors.Count > 0) return (errors, 0);
        return ([], await ActivateAsync("indicator", draft, previous, from, user, tx, ct));
    }

    private async Task<int> RecomputeAffectedAsync(DateOnly from, CancellationToken ct)
    {
        var periods = await recompute.AffectedPeriodsAsync(from, ct);
        foreach (var p in periods) await recompute.RunAsync(p, ct: ct);
        return periods.Count;
    }

    // ---------------------------------------------------------------- scorecards

    public sealed record ItemInput(string Code, double Weight);

    public async Task<List<DefinitionError>> ValidateScorecardAsync(Scorecard s, DateOnly? on, CancellationToken ct)
    {
        var e = new List<DefinitionError>();
        if (!CodePattern().IsMatch(s.Code ?? "")) e.Add(new(nameof(s.Code), "Indicator.CodeInvalid"));
        foreach (var (field, value) in new[] { (nameof(s.NameKk), s.NameKk), (nameof(s.NameRu), s.NameRu), (nameof(s.NameEn), s.NameEn) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 200) e.Add(new(field, "Indicator.NameRequired", 200));
        }
        if (!(s.MinimumDataShare > 0 && s.MinimumDataShare <= 1)) e.Add(new(nameof(s.MinimumDataShare), "Scorecard.MinimumShareRange"));
        if (!(s.GreenFrom is >= 0 and <= 100) || !(s.AmberFrom is >= 0 and <= 100)) e.Add(new(nameof(s.GreenFrom), "Scorecard.ThresholdsRange"));
        else if (s.GreenFrom < s.AmberFrom) e.Add(new(nameof(s.AmberFrom), "Indicator.ThresholdsOrderHigher"));
        if (s.Items.Count == 0) e.Add(new("Items", "Scorecard.NoItems"));
        if (s.Items.Any(i => !double.IsFinite(i.Weight) || i.Weight < 0 || i.Weight > 1000)) e.Add(new("Items", "Scorecard.WeightInvalid"));
        else if (s.Items.Count > 0 && !(s.Items.Sum(i => i.Weight) > 0)) e.Add(new("Items", "Scorecard.WeightsNotPositive"));
        if (s.Items.GroupBy(i => i.IndicatorCode, StringComparer.Ordinal).Any(g => g.Count() > 1)) e.Add(new("Items", "Scorecard.DuplicateItem"));
        var codes = s.Items.Select(i => i.IndicatorCode).ToList();
        var definitions = await db.IndicatorDefinitions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToListAsync(ct);
        foreach (var item in s.Items)
        {
            var versions = definitions.Where(d => d.Code == item.IndicatorCode).ToList();
            // The version that the scorecard would use: in force on its start, else the latest published, else a draft.
            var def = (on is { } day ? versions.FirstOrDefault(d => d.InForceOn(day)) : null)
                      ?? versions.Where(d => d.Status != DefinitionStatus.Draft).MaxBy(d => d.Version) ?? versions.MaxBy(d => d.Version);
            if (def is null) { e.Add(new("Items", "Scorecard.IndicatorUnknown", item.IndicatorCode)); continue; }
            if (on is not null && !versions.Any(d => d.InForceOn(on.Value))) e.Add(new("Items", "Scorecard.IndicatorNotInForce", def.Name, on.Value.ToString("d", CultureInfo.CurrentCulture)));
            if (def.Level != s.Level) e.Add(new("Items", "Scorecard.IndicatorLevel", def.Name));
            else if (!def.AppliesTo(s.Category, s.UnitKind)) e.Add(new("Items", "Scorecard.IndicatorNotApplicable", def.Name));
            // The no-quota rule: a statistical count may be shown, never weighted.
            if (def.Kind == IndicatorKind.StatisticalCount && item.Weight > 0) e.Add(new("Items", "Scorecard.NoQuota", def.Name));
        }
        return e;
    }

    /// <summary>The no-quota breaches of a scorecard: names of statistical counts given weight.</summary>
    public async Task<List<string>> QuotaBreachesAsync(Scorecard s, CancellationToken ct) =>
        [.. (await ValidateScorecardAsync(s, null, ct)).Where(e => e.Key == "Scorecard.NoQuota").Select(e => (string)e.Args[0])];

    private static void Normalise(Scorecard s)
    {
        s.Code = (s.Code ?? "").Trim().ToUpperInvariant();
        s.NameKk = (s.NameKk ?? "").Trim(); s.NameRu = (s.NameRu ?? "").Trim(); s.NameEn = (s.NameEn ?? "").Trim();
        s.Note = string.IsNullOrWhiteSpace(s.Note) ? null : s.Note.Trim();
        if (s.Level != IndicatorLevel.Employee) s.Category = null;
        if (s.Level != IndicatorLevel.Unit) s.UnitKind = null;
    }

    private static List<ScorecardItem> Items(Guid id, IEnumerable<ItemInput> items) =>
        [.. items.Where(i => !string.IsNullOrWhiteSpace(i.Code)).Select((i, n) => new ScorecardItem
        {
            ScorecardId = id, IndicatorCode = i.Code.Trim().ToUpperInvariant(), Weight = i.Weight, Order = n + 1,
        })];

    /// <summary>Saving a draft checks everything except the no-quota rule, which only refuses activation (the page says why).</summary>
    private static List<DefinitionError> ForSaving(List<DefinitionError> errors) => [.. errors.Where(e => e.Key != "Scorecard.NoQuota")];

    public async Task<(Scorecard? Draft, List<DefinitionError> Errors)> CreateScorecardAsync(Scorecard input, IEnumerable<ItemInput> items, string user, CancellationToken ct)
    {
        Normalise(input);
        input.Id = Guid.CreateVersion7();
        input.Items = Items(input.Id, items);
        var errors = ForSaving(await ValidateScorecardAsync(input, null, ct));
        if (await db.Scorecards.AnyAsync(d => d.Code == input.Code, ct)) errors.Add(new(nameof(input.Code), "Indicator.CodeTaken"));
        if (errors.Count > 0) return (null, errors);
        input.Version = 1;
        input.Status = DefinitionStatus.Draft;
        input.CreatedBy = user;
        input.CreatedAt = clock.GetUtcNow().UtcDateTime;
        input.EffectiveFrom = EarliestStart;
        db.Scorecards.Add(input);
        audit.Record("scorecard.draft", "scorecard", $"{input.Code}/v1", null, Snapshot(input));
        await db.SaveChangesAsync(ct);
        return (input, []);
    }

    public async Task<Scorecard?> NewScorecardVersionAsync(string code, string user, CancellationToken ct)
    {
        var versions = await db.Scorecards.Include(s => s.Items).Where(d => d.Code == code).ToListAsync(ct);
        if (versions.Count == 0) return null;
        if (versions.FirstOrDefault(v => v.Status == DefinitionStatus.Draft) is { } existing) return existing;
        var latest = versions.MaxBy(v => v.Version)!;
        var draft = latest.CopyAsDraft(latest.Version + 1, user, clock.GetUtcNow().UtcDateTime);
        draft.EffectiveFrom = EarliestStart > latest.EffectiveFrom ? EarliestStart : latest.EffectiveFrom.AddDays(1);
        db.Scorecards.Add(draft);
        audit.Record("scorecard.draft", "scorecard", $"{draft.Code}/v{draft.Version}", null, new { From = latest.Version });
        await db.SaveChangesAsync(ct);
        return draft;
    }

    public async Task<List<DefinitionError>> UpdateScorecardDraftAsync(Guid id, Scorecard input, IEnumerable<ItemInput> items, string user, CancellationToken ct)
    {
        var draft = await db.Scorecards.Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (draft is null || draft.Status != DefinitionStatus.Draft) return [new("", "Indicator.NotDraft")];
        input.Code = draft.Code;
        input.Level = draft.Level;
        Normalise(input);
        input.Items = Items(draft.Id, items);
        var errors = ForSaving(await ValidateScorecardAsync(input, null, ct));
        if (errors.Count > 0) return errors;
        var before = Snapshot(draft);
        draft.NameKk = input.NameKk; draft.NameRu = input.NameRu; draft.NameEn = input.NameEn; draft.Category = input.Category; draft.UnitKind = input.UnitKind;
        draft.MinimumDataShare = input.MinimumDataShare; draft.GreenFrom = input.GreenFrom; draft.AmberFrom = input.AmberFrom; draft.Note = input.Note;
        db.ScorecardItems.RemoveRange(draft.Items);
        await db.SaveChangesAsync(ct);
        draft.Items = input.Items;
        db.ScorecardItems.AddRange(input.Items);
        audit.Record("scorecard.edit", "scorecard", $"{draft.Code}/v{draft.Version}", before, Snapshot(draft));
        await db.SaveChangesAsync(ct);
        return [];
    }

    public static object Snapshot(Scorecard s) => new
    {
        s.Code, s.Version, s.Level, s.Category, s.UnitKind, s.NameKk, s.NameRu, s.NameEn, s.MinimumDataShare, s.GreenFrom, s.AmberFrom, s.EffectiveFrom, s.Note,
        Items = s.Items.OrderBy(i => i.Order).Select(i => new { i.IndicatorCode, i.Weight }).ToArray(),
    };

    public async Task<(List<DefinitionError> Errors, int Recomputed)> ActivateScorecardAsync(Guid id, DateOnly from, string user, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ScorecardRecompute.LockAsync(db, ct);
        var draft = await db.Scorecards.Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (draft is null || draft.Status != DefinitionStatus.Draft) return ([new("", "Indicator.NotDraft")], 0);
        var errors = await ValidateScorecardAsync(draft, from, ct);
        var previous = await db.Scorecards.Where(s => s.Code == draft.Code && s.Status != DefinitionStatus.Draft).OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);
        errors.AddRange(EffectiveDateErrors(draft.Version, from, previous?.EffectiveFrom));
        // One scorecard per level and category / unit kind at any time.
        var taken = await db.Scorecards.Where(s => s.Code != draft.Code && s.Status != DefinitionStatus.Draft && s.Level == draft.Level
                                                   && s.Category == draft.Category && s.UnitKind == draft.UnitKind && (s.EffectiveTo == null || s.EffectiveTo > from))
            .Select(s => s.Code).FirstOrDefaultAsync(ct);
        if (taken is not null) errors.Add(new("", "Scorecard.SlotTaken", taken));
        if (errors.Count > 0) return (errors, 0);
        return ([], await ActivateAsync("scorecard", draft, previous, from, user, tx, ct));
    }

    /// <summary>The validated activation: retire the previous version at <paramref name="from"/>, put the draft in force,
    /// audit, recompute every stored period the change reaches, commit, and drop this node's cached scorecards.</summary>
    private async Task<int> ActivateAsync(string kind, IVersionedDefinition draft, IVersionedDefinition? previous, DateOnly from, string user,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken ct)
    {
        if (previous is not null)
        {
            previous.EffectiveTo = from;
            previous.Status = DefinitionStatus.Retired;
        }
        draft.EffectiveFrom = from;
        draft.Status = DefinitionStatus.Active;
        draft.ActivatedBy = user;
        draft.ActivatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(kind + ".activate", kind, $"{draft.Code}/v{draft.Version}", new { Previous = previous?.Version }, new { draft.Version, EffectiveFrom = from });
        await db.SaveChangesAsync(ct);
        var recomputed = await RecomputeAffectedAsync(from, ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return recomputed;
    }

    /// <summary>Deletes a draft that was never activated.</summary>
    public async Task<bool> DiscardAsync(Guid id, CancellationToken ct)
    {
        if (await db.IndicatorDefinitions.FirstOrDefaultAsync(d => d.Id == id && d.Status == DefinitionStatus.Draft, ct) is { } d)
        {
            db.IndicatorDefinitions.Remove(d);
            audit.Record("indicator.discard", "indicator", $"{d.Code}/v{d.Version}", Snapshot(d), null);
        }
        else if (await db.Scorecards.Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id && s.Status == DefinitionStatus.Draft, ct) is { } s)
        {
            db.Scorecards.Remove(s);
            audit.Record("scorecard.discard", "scorecard", $"{s.Code}/v{s.Version}", Snapshot(s), null);
        }
        else
        {
            return false;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static string CategoryText(IEnumerable<PositionCategory> list) => IndicatorDefinition.JoinList(list);
}
