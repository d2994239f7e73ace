using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Surveys;

/// <summary>One area's figures in a period and its change from the previous period of the same kind.</summary>
public sealed record AreaRow(string Code, string Name, string? RegionCode, Guid? DistrictId, AreaIndices Current, AreaIndices Previous)
{
    public IndexChange? SafetyChange => SurveyIndices.Change(Previous, Current, SurveyIndexKind.Safety);
    public IndexChange? TrustChange => SurveyIndices.Change(Previous, Current, SurveyIndexKind.Trust);
    public IndexChange? ChangeOf(SurveyIndexKind kind) => kind == SurveyIndexKind.Safety ? SafetyChange : TrustChange;
}

public sealed record Overview(SurveyPeriod Period, IReadOnlyList<AreaRow> Districts, IReadOnlyList<AreaRow> Regions, AreaRow National);

/// <summary>Every district, region and the country in one period (and the previous one), computed in two passes.</summary>
public sealed class SurveyOverviewBuilder(SurveyIndices indices, DistrictDirectory directory)
{
    public async Task<Overview> BuildAsync(SurveyPeriod period, CancellationToken ct = default)
    {
        var all = await directory.AllAsync(ct);
        var regions = await directory.RegionsAsync(ct);
        var populations = await indices.PopulationsAsync(ct);
        var previousPeriod = period.Previous();
        var current = await indices.DistrictsAsync(period, null, ct);
        var previous = await indices.DistrictsAsync(previousPeriod, null, ct);
        AreaIndices Of(Dictionary<Guid, AreaIndices> map, Guid id, SurveyPeriod p) => map.GetValueOrDefault(id) ?? SurveyIndices.NoResponses(p);
        var districtRows = all.Select(d => new AreaRow(d.Code, d.Name, d.RegionCode, d.Id, Of(current, d.Id, period), Of(previous, d.Id, previousPeriod))).ToList();
        var regionRows = regions.Select(r =>
        {
            var ids = all.Where(d => d.RegionCode == r.Code).Select(d => d.Id).ToList();
            return new AreaRow(r.Code, Common.SenimCultures.Pick(r.NameKk, r.NameRu, r.NameEn), r.Code, null,
                indices.Combine(period, ids, current, populations), indices.Combine(previousPeriod, ids, previous, populations));
        }).ToList();
        var everyone = all.Select(d => d.Id).ToList();
        var national = new AreaRow("kz", "", null, null, indices.Combine(period, everyone, current, populations), indices.Combine(previousPeriod, everyone, previous, populations));
        return new Overview(period, districtRows, regionRows, national);
    }

    /// <summary>Server-side sort of overview rows: "name", "safety", "trust", "safety-change", "trust-change";
    /// suppressed figures and missing changes always sort last.</summary>
    public static IReadOnlyList<AreaRow> Sort(IEnumerable<AreaRow> rows, string? sort, bool descending)
    {
        double? Key(AreaRow r) => sort switch
        {
            "safety" => r.Current.Safety.Suppressed ? null : r.Current.Safety.Estimate,
            "trust" => r.Current.Trust.Suppressed ? null : r.Current.Trust.Estimate,
            "safety-change" => r.SafetyChange?.Test.Difference,
            "trust-change" => r.TrustChange?.Test.Difference,
            _ => null,
        };
        if (sort is not ("safety" or "trust" or "safety-change" or "trust-change"))
            return descending ? [.. rows.OrderByDescending(r => r.Name, StringComparer.CurrentCulture)] : [.. rows.OrderBy(r => r.Name, StringComparer.CurrentCulture)];
        var list = rows.ToList();
        var withKey = list.Where(r => Key(r) is not null);
        var ordered = descending ? withKey.OrderByDescending(r => Key(r)) : withKey.OrderBy(r => Key(r));
        return [.. ordered.ThenBy(r => r.Name, StringComparer.CurrentCulture), .. list.Where(r => Key(r) is null).OrderBy(r => r.Name, StringComparer.CurrentCulture)];
    }
}
