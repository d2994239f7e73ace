using Microsoft.AspNetCore.Mvc.ModelBinding;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Indicators.Pages.Indicators;

/// <summary>The indicator form. Numbers are read in the reader's culture (4,5 in Kazakh and Russian, 4.5 in English).</summary>
public sealed class IndicatorInput
{
    public string? Code { get; set; }
    public string? NameKk { get; set; }
    public string? NameRu { get; set; }
    public string? NameEn { get; set; }
    public string? DescriptionKk { get; set; }
    public string? DescriptionRu { get; set; }
    public string? DescriptionEn { get; set; }
    public string? Source { get; set; }
    public Criterion? Criterion { get; set; }
    public IndicatorKind Kind { get; set; }
    public IndicatorLevel Level { get; set; }
    public IndicatorDirection Direction { get; set; }
    public double? ScaleMin { get; set; }
    public double? ScaleMax { get; set; }
    public double? Target { get; set; }
    public double? GreenFrom { get; set; }
    public double? AmberFrom { get; set; }
    public List<PositionCategory> Categories { get; set; } = [];
    public List<UnitKind> UnitKinds { get; set; } = [];
    public string? Note { get; set; }

    public static IndicatorInput From(IndicatorDefinition d) => new()
    {
        Code = d.Code, NameKk = d.NameKk, NameRu = d.NameRu, NameEn = d.NameEn, DescriptionKk = d.DescriptionKk, DescriptionRu = d.DescriptionRu,
        DescriptionEn = d.DescriptionEn, Source = d.Source, Criterion = d.Criterion, Kind = d.Kind, Level = d.Level, Direction = d.Direction,
        ScaleMin = d.ScaleMin, ScaleMax = d.ScaleMax, Target = d.Target, GreenFrom = d.GreenFrom, AmberFrom = d.AmberFrom,
        Categories = [.. d.CategoryList], UnitKinds = [.. d.UnitKindList], Note = d.Note,
    };

    public IndicatorDefinition ToDefinition() => new()
    {
        Code = Code ?? "", NameKk = NameKk ?? "", NameRu = NameRu ?? "", NameEn = NameEn ?? "", DescriptionKk = DescriptionKk ?? "",
        DescriptionRu = DescriptionRu ?? "", DescriptionEn = DescriptionEn ?? "", Source = Source ?? "", Criterion = Criterion, Kind = Kind, Level = Level,
        Direction = Direction, ScaleMin = ScaleMin ?? double.NaN, ScaleMax = ScaleMax ?? double.NaN, Target = Target, GreenFrom = GreenFrom,
        AmberFrom = AmberFrom, Categories = IndicatorDefinition.JoinList(Categories), UnitKinds = IndicatorDefinition.JoinList(UnitKinds), Note = Note,
        CreatedBy = "",
    };
}

public sealed class ItemRow
{
    public string? Code { get; set; }
    public double? Weight { get; set; }
}

/// <summary>The scorecard form. The minimum share of weight with data is entered in per cent.</summary>
public sealed class ScorecardInput
{
    public string? Code { get; set; }
    public IndicatorLevel Level { get; set; }
    public PositionCategory? Category { get; set; }
    public UnitKind? UnitKind { get; set; }
    public string? NameKk { get; set; }
    public string? NameRu { get; set; }
    public string? NameEn { get; set; }
    public double? MinimumDataSharePercent { get; set; }
    public double? GreenFrom { get; set; }
    public double? AmberFrom { get; set; }
    public string? Note { get; set; }
    public List<ItemRow> Items { get; set; } = [];

    public static ScorecardInput From(Scorecard s) => new()
    {
        Code = s.Code, Level = s.Level, Category = s.Category, UnitKind = s.UnitKind, NameKk = s.NameKk, NameRu = s.NameRu, NameEn = s.NameEn,
        MinimumDataSharePercent = Math.Round(s.MinimumDataShare * 100, 4), GreenFrom = s.GreenFrom, AmberFrom = s.AmberFrom, Note = s.Note,
        Items = [.. s.Items.OrderBy(i => i.Order).Select(i => new ItemRow { Code = i.IndicatorCode, Weight = i.Weight })],
    };

    public Scorecard ToScorecard() => new()
    {
        Code = Code ?? "", Level = Level, Category = Category, UnitKind = UnitKind, NameKk = NameKk ?? "", NameRu = NameRu ?? "", NameEn = NameEn ?? "",
        MinimumDataShare = (MinimumDataSharePercent ?? double.NaN) / 100, GreenFrom = GreenFrom ?? double.NaN, AmberFrom = AmberFrom ?? double.NaN, Note = Note,
        CreatedBy = "",
    };

    public IEnumerable<DefinitionService.ItemInput> ItemInputs() =>
        Items.Where(i => !string.IsNullOrWhiteSpace(i.Code)).Select(i => new DefinitionService.ItemInput(i.Code!, i.Weight ?? double.NaN));
}

public static class DefinitionPages
{
    public static bool CanEdit(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.NationalAnalyst);

    /// <summary>Puts a service's refusals into the model state under the form's field names, in the reader's language.</summary>
    public static void AddErrors(ModelStateDictionary state, string prefix, IEnumerable<DefinitionError> errors, IText text)
    {
        foreach (var e in errors)
        {
            var key = e.Field.Length == 0 ? "" : $"{prefix}.{e.Field}";
            if (e.Field == "MinimumDataShare") key = $"{prefix}.MinimumDataSharePercent";
            if (e.Field == "EffectiveFrom") key = "EffectiveFrom";
            var message = text.Format(e.Key, e.Args);
            if (state.TryGetValue(key, out var entry) && entry.Errors.Any(x => x.ErrorMessage == message)) continue;
            state.AddModelError(key, message);
        }
    }
}
