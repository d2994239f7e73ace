using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Surveys;

/// <summary>A district as the survey pages show it.</summary>
/// <param name="Code">The code used in files and links: its police directorate's unit code without the "up-" prefix
/// (e.g. "almaty-city-01"), or the district id when it has no directorate.</param>
public sealed record DistrictInfo(Guid Id, string Code, string RegionCode, string NameKk, string NameRu, string NameEn,
    string RegionKk, string RegionRu, string RegionEn, long? Population)
{
    public string Name => SenimCultures.Pick(NameKk, NameRu, NameEn);
    public string RegionName => SenimCultures.Pick(RegionKk, RegionRu, RegionEn);
}

/// <summary>Reads the Organisation feature's districts, regions and directorates (read only) for the survey feature.</summary>
public sealed class DistrictDirectory(SenimDb db)
{
    private List<DistrictInfo>? _all;

    public async Task<IReadOnlyList<DistrictInfo>> AllAsync(CancellationToken ct = default)
    {
        if (_all is not null) return _all;
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, ct);
        var districts = await db.Districts.AsNoTracking().ToListAsync(ct);
        var directorates = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.DistrictDirectorate && u.DistrictId != null)
            .Select(u => new { u.DistrictId, u.Code }).ToListAsync(ct);
        var codeOf = directorates.GroupBy(u => u.DistrictId!.Value).ToDictionary(g => g.Key, g => g.Select(u => u.Code).Order(StringComparer.Ordinal).First());
        _all = [.. districts.Select(d =>
            {
                var r = regions.GetValueOrDefault(d.RegionCode);
                var code = codeOf.TryGetValue(d.Id, out var c) ? (c.StartsWith("up-", StringComparison.Ordinal) ? c[3..] : c) : d.Id.ToString("N");
                return new DistrictInfo(d.Id, code, d.RegionCode, d.NameKk, d.NameRu, d.NameEn, r?.NameKk ?? d.RegionCode, r?.NameRu ?? d.RegionCode,
                    r?.NameEn ?? d.RegionCode, d.Population);
            })
            .OrderBy(d => d.RegionCode, StringComparer.Ordinal).ThenBy(d => d.Code, StringComparer.Ordinal)];
        return _all;
    }

    public async Task<DistrictInfo?> FindAsync(Guid id, CancellationToken ct = default) => (await AllAsync(ct)).FirstOrDefault(d => d.Id == id);

    /// <summary>By code, by code with the "up-" prefix, or by id; case-insensitive.</summary>
    public async Task<Dictionary<string, DistrictInfo>> ByCodeAsync(CancellationToken ct = default)
    {
        var map = new Dictionary<string, DistrictInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in await AllAsync(ct))
        {
            map[d.Code] = d;
            map["up-" + d.Code] = d;
            map[d.Id.ToString()] = d;
            map[d.Id.ToString("N")] = d;
        }
        return map;
    }

    public async Task<IReadOnlyList<Region>> RegionsAsync(CancellationToken ct = default) =>
        await db.Regions.AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Code).ToListAsync(ct);

    /// <summary>Whether the person's organisation scope covers the district: the whole country, its region, or a
    /// subtree holding one of the district's units (a district chief).</summary>
    public async Task<bool> CoversAsync(OrganisationScope scope, DistrictInfo district, CancellationToken ct = default) => scope.Kind switch
    {
        ScopeKind.National => true,
        ScopeKind.Region => district.RegionCode == scope.RegionCode,
        ScopeKind.Subtree => await db.Units.AnyAsync(u => u.DistrictId == district.Id && u.Path.StartsWith(scope.UnitPath!), ct),
        _ => false,
    };

    /// <summary>The districts the scope covers.</summary>
    public async Task<IReadOnlyList<DistrictInfo>> CoveredAsync(OrganisationScope scope, CancellationToken ct = default)
    {
        var all = await AllAsync(ct);
        switch (scope.Kind)
        {
            case ScopeKind.National: return all;
            case ScopeKind.Region: return [.. all.Where(d => d.RegionCode == scope.RegionCode)];
            case ScopeKind.Subtree:
                var ids = await db.Units.Where(u => u.DistrictId != null && u.Path.StartsWith(scope.UnitPath!)).Select(u => u.DistrictId!.Value).Distinct().ToListAsync(ct);
                return [.. all.Where(d => ids.Contains(d.Id))];
            default: return [];
        }
    }
}
