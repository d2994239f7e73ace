using System.Runtime.CompilerServices;
using Senim.Web.Features.Audit;

namespace Senim.Web.Features.Organisation;

public sealed record ImportResult(int Inserted, int Updated, IReadOnlyList<LineError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>Loads regions and districts from CSV (the format of shared/data). A file is checked line by line
/// first; if any line is wrong nothing is written and every wrong line is reported.</summary>
public sealed class ReferenceDataImporter(SenimDb db, TimeProvider clock, AuditLog? audit = null)
{
    private static readonly string[] RegionHeader = ["code", "kind", "name_kk", "name_ru", "name_en", "population", "population_note"];
    private static readonly string[] DistrictHeader = ["region_code", "kind", "name_kk", "name_ru", "name_en"];

    private sealed record RegionRow(int Line, string Code, RegionKind Kind, string Kk, string Ru, string En, long Population, string? Note);
    private sealed record DistrictRow(int Line, string RegionCode, DistrictKind Kind, string Kk, string Ru, string En, long? Population);

    public async Task<ImportResult> ImportRegionsAsync(Stream csv, CancellationToken ct = default)
    {
        var errors = new List<LineError>();
        var rows = new List<RegionRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var f in ReadRows(csv, RegionHeader, errors, ct))
        {
            var line = f.Line;
            var code = f["code"];
            if (!IsCode(code)) { errors.Add(new(line, "Import.BadCode", code)); continue; }
            if (!seen.Add(code)) { errors.Add(new(line, "Import.Duplicate", code)); continue; }
            RegionKind kind;
            switch (f["kind"])
            {
                case "region": kind = RegionKind.Region; break;
                case "city": kind = RegionKind.City; break;
                default: errors.Add(new(line, "Import.BadKind", f.Raw("kind"))); continue;
            }
            if (!long.TryParse(f["population"], NumberStyles.None, CultureInfo.InvariantCulture, out var pop) || pop <= 0)
            {
                errors.Add(new(line, "Import.BadPopulation", f.Raw("population"))); continue;
            }
            if (!Names(f, line, errors, out var kk, out var ru, out var en)) continue;
            rows.Add(new(line, code, kind, kk, ru, en, pop, f.Value("population_note")));
        }
        if (errors.Count > 0) return new(0, 0, errors);
        if (rows.Count == 0) return new(0, 0, [new LineError(1, "Import.Empty")]);

        var existing = await db.Regions.ToDictionaryAsync(r => r.Code, ct);
        int inserted = 0, updated = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var r in rows)
        {
            if (existing.TryGetValue(r.Code, out var e))
            {
                e.Kind = r.Kind; e.NameKk = r.Kk; e.NameRu = r.Ru; e.NameEn = r.En; e.Population = r.Population; e.PopulationNote = r.Note; e.UpdatedAt = now;
                updated++;
            }
            else
            {
                db.Regions.Add(new Region { Code = r.Code, Kind = r.Kind, NameKk = r.Kk, NameRu = r.Ru, NameEn = r.En, Population = r.Population, PopulationNote = r.Note, UpdatedAt = now });
                inserted++;
            }
        }
        audit?.Record("reference.regions.load", "region", null, null, new { inserted, updated });
        await db.SaveChangesAsync(ct);
        return new(inserted, updated, []);
    }

    public async Task<ImportResult> ImportDistrictsAsync(Stream csv, CancellationToken ct = default)
    {
        var errors = new List<LineError>();
        var rows = new List<DistrictRow>();
        var regions = (await db.Regions.Select(r => r.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        await foreach (var f in ReadRows(csv, DistrictHeader, errors, ct))
        {
            var line = f.Line;
            var region = f["region_code"];
            if (!regions.Contains(region)) { errors.Add(new(line, "Import.UnknownRegion", region)); continue; }
            DistrictKind kind;
            switch (f["kind"])
            {
                case "city-district": kind = DistrictKind.CityDistrict; break;
                case "district": case "rural-district": kind = DistrictKind.RuralDistrict; break;
                case "city": case "town": kind = DistrictKind.City; break; // a town of regional significance is a city district-level unit
                default: errors.Add(new(line, "Import.BadKind", f.Raw("kind"))); continue;
            }
            long? pop = null;
            if (f.Raw("population") is var p && !string.IsNullOrWhiteSpace(p))
            {
                if (!long.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v <= 0)
                {
                    errors.Add(new(line, "Import.BadPopulation", p)); continue;
                }
                pop = v;
            }
            if (!Names(f, line, errors, out var kk, out var ru, out var en)) continue;
            if (!seen.Add((region, en))) { errors.Add(new(line, "Import.Duplicate", en)); continue; }
            rows.Add(new(line, region, kind, kk, ru, en, pop));
        }
        if (errors.Count > 0) return new(0, 0, errors);
        if (rows.Count == 0) return new(0, 0, [new LineError(1, "Import.Empty")]);

        var existing = await db.Districts.ToDictionaryAsync(d => (d.RegionCode, d.NameEn), ct);
        int inserted = 0, updated = 0;
        foreach (var r in rows)
        {
            if (existing.TryGetValue((r.RegionCode, r.En), out var e))
            {
                e.Kind = r.Kind; e.NameKk = r.Kk; e.NameRu = r.Ru; e.Population = r.Population ?? e.Population;
                updated++;
            }
            else
            {
                db.Districts.Add(new District { RegionCode = r.RegionCode, Kind = r.Kind, NameKk = r.Kk, NameRu = r.Ru, NameEn = r.En, Population = r.Population });
                inserted++;
            }
        }
        audit?.Record("reference.districts.load", "district", null, null, new { inserted, updated });
        await db.SaveChangesAsync(ct);
        return new(inserted, updated, []);
    }

    private static bool IsCode(string code) =>
        code.Length is > 0 and <= 40 && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static bool Names(CsvRow f, int line, List<LineError> errors, out string kk, out string ru, out string en)
    {
        kk = f["name_kk"]; ru = f["name_ru"]; en = f["name_en"];
        foreach (var (col, v) in new[] { ("name_kk", kk), ("name_ru", ru), ("name_en", en) })
        {
            if (v.Length == 0) { errors.Add(new(line, "Import.MissingValue", col)); return false; }
            if (v.Length > 200) { errors.Add(new(line, "Import.TooLong", col, 200)); return false; }
        }
        return true;
    }

    /// <summary>Reads a CSV with a header; reports a missing column once, a wrong column count per line.</summary>
    private static async IAsyncEnumerable<CsvRow> ReadRows(Stream csv, string[] required, List<LineError> errors, [EnumeratorCancellation] CancellationToken ct)
    {
        using var table = await CsvTable.OpenAsync(csv, errors, new() { SameColumnCount = true });
        if (table is null) yield break;
        if (table.Missing(required) is { Count: > 0 } missing) { errors.Add(new(1, "Import.MissingColumns", string.Join(", ", missing))); yield break; }
        await foreach (var row in table.RowsAsync(errors, ct)) yield return row;
    }
}
