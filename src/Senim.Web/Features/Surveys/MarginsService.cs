using Senim.Web.Features.Audit;

namespace Senim.Web.Features.Surveys;

/// <summary>District population margins by age band and sex: loaded by an administrator from a CSV file
/// (district,variable,category,population; every line checked, nothing written if any is wrong), or derived for
/// demo data from a district's population and the national age/sex structure.</summary>
public sealed class MarginsService(SenimDb db, DistrictDirectory directory, TimeProvider clock, AuditLog? audit = null)
{
    /// <summary>
    /// Share of residents aged 18 and over in the whole population (about two thirds) and the adult age/sex
    /// structure in ReferenceData/age-sex-structure.csv: approximate, rounded shares derived from the 2021 national
    /// census of the Republic of Kazakhstan (Bureau of National Statistics, "Results of the 2021 National Population
    /// Census", population by sex and age). Used only to derive demo margins; real margins are loaded from a file.
    /// </summary>
    public const double AdultShare = 0.665;

    public static IReadOnlyList<(string AgeBand, string Sex, double Share)> NationalStructure()
    {
        using var stream = typeof(MarginsService).Assembly.GetManifestResourceStream("Senim.Surveys.age-sex-structure.csv")
            ?? throw new InvalidOperationException("Embedded file missing: age-sex-structure.csv");
        var errors = new List<LineError>();
        using var csv = CsvTable.Open(new StreamReader(stream), errors) ?? throw new InvalidOperationException("Embedded file empty: age-sex-structure.csv");
        var rows = csv.Rows(errors).Select(f => (f.Field(0), f.Field(1), double.Parse(f.Field(2), CultureInfo.InvariantCulture))).ToList();
        return errors.Count == 0 ? rows : throw new InvalidOperationException("Embedded file unreadable: age-sex-structure.csv");
    }

    /// <summary>Margins of a district of the given total population (all ages), from the national adult structure.</summary>
    public static IReadOnlyList<(string Variable, string Category, long Population)> Derive(long population)
    {
        var structure = NationalStructure();
        var adults = population * AdultShare;
        var total = structure.Sum(s => s.Share);
        var result = new List<(string, string, long)>();
        foreach (var band in SurveyCategories.AgeBands)
            result.Add((SurveyCategories.AgeVariable, band, (long)Math.Round(adults * structure.Where(s => s.AgeBand == band).Sum(s => s.Share) / total)));
        var ageTotal = result.Sum(r => r.Item3);
        var female = (long)Math.Round(ageTotal * structure.Where(s => s.Sex == "F").Sum(s => s.Share) / total);
        result.Add((SurveyCategories.SexVariable, "F", female));
        result.Add((SurveyCategories.SexVariable, "M", ageTotal - female));
        return result;
    }

    /// <summary>Derives margins for every district that has none: its recorded population, else an equal share of its region's.</summary>
    public async Task<int> DeriveMissingAsync(CancellationToken ct = default)
    {
        var have = await db.DistrictMargins.Select(m => m.DistrictId).Distinct().ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Population, ct);
        var districts = await db.Districts.AsNoTracking().ToListAsync(ct);
        var perRegion = districts.GroupBy(d => d.RegionCode).ToDictionary(g => g.Key, g => g.Count());
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var d in districts.Where(d => !have.Contains(d.Id)))
        {
            var population = d.Population ?? (regions.TryGetValue(d.RegionCode, out var rp) ? rp / Math.Max(1, perRegion[d.RegionCode]) : 0);
            if (population <= 0) continue;
            foreach (var (variable, category, pop) in Derive(population))
                db.DistrictMargins.Add(new DistrictMargin { DistrictId = d.Id, Variable = variable, Category = category, Population = pop, UpdatedAt = now });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    public sealed record MarginImportResult(int Districts, int Rows, IReadOnlyList<LineError> Errors)
    {
        public bool Ok => Errors.Count == 0;
    }

    /// <summary>Replaces the margins of every district named in the file. Each district must give all six age bands
    /// and both sexes, every population a whole number ≥ 0, age and sex totals positive and within 1% of each other.</summary>
    public async Task<MarginImportResult> ImportAsync(Stream stream, CancellationToken ct = default)
    {
        var errors = new List<LineError>();
        var byCode = await directory.ByCodeAsync(ct);
        var rows = new List<(int Line, DistrictInfo District, string Variable, string Category, long Population)>();
        using var csv = await CsvTable.OpenAsync(stream, errors);
        if (csv is null) return new(0, 0, errors);
        if (csv.Missing("district", "variable", "category", "population").Count > 0)
            return new(0, 0, [new LineError(1, "Import.MissingColumns", "district, variable, category, population")]);
        var seen = new HashSet<(Guid, string, string)>();
        await foreach (var r in csv.RowsAsync(errors, ct))
        {
            var line = r.Line;
            var before = errors.Count;
            if (!byCode.TryGetValue(r["district"], out var district)) errors.Add(new LineError(line, "Survey.UnknownDistrict", r["district"]));
            var variable = r["variable"].ToLowerInvariant();
            var category = r["category"];
            if (variable == SurveyCategories.SexVariable) category = SurveyCategories.NormaliseSex(category) ?? category;
            if (variable == SurveyCategories.AgeVariable) category = SurveyCategories.NormaliseAgeBand(category) ?? category;
            if (!SurveyCategories.Variables.Contains(variable)) errors.Add(new LineError(line, "Survey.UnknownVariable", r["variable"]));
            else if (!SurveyCategories.IsValid(variable, category)) errors.Add(new LineError(line, "Survey.UnknownCategory", variable, r["category"]));
            if (!long.TryParse(r["population"], NumberStyles.None, CultureInfo.InvariantCulture, out var population)) errors.Add(new LineError(line, "Survey.BadPopulation", r["population"]));
            if (errors.Count > before) continue;
            if (!seen.Add((district!.Id, variable, category))) { errors.Add(new LineError(line, "Import.Duplicate", $"{r["district"]} {variable} {category}")); continue; }
            rows.Add((line, district, variable, category, population));
        }
        if (errors.Count == 0 && rows.Count == 0) errors.Add(new LineError(1, "Import.Empty"));
        foreach (var g in rows.GroupBy(x => x.District.Id))
        {
            var d = g.First().District;
            var line = g.Last().Line;
            foreach (var band in SurveyCategories.AgeBands.Where(b => !g.Any(x => x.Variable == SurveyCategories.AgeVariable && x.Category == b)))
                errors.Add(new LineError(line, "Survey.MarginMissing", d.Code, SurveyCategories.AgeVariable, band));
            foreach (var sex in SurveyCategories.Sexes.Where(s => !g.Any(x => x.Variable == SurveyCategories.SexVariable && x.Category == s)))
                errors.Add(new LineError(line, "Survey.MarginMissing", d.Code, SurveyCategories.SexVariable, sex));
            long age = g.Where(x => x.Variable == SurveyCategories.AgeVariable).Sum(x => x.Population), sexTotal = g.Where(x => x.Variable == SurveyCategories.SexVariable).Sum(x => x.Population);
            if (age <= 0 || sexTotal <= 0) errors.Add(new LineError(line, "Survey.MarginZero", d.Code));
            else if (Math.Abs(age - sexTotal) > 0.01 * Math.Max(age, sexTotal)) errors.Add(new LineError(line, "Survey.MarginTotals", d.Code, age, sexTotal));
        }
        if (errors.Count > 0) return new(0, 0, [.. errors.OrderBy(e => e.Line)]);

        var ids = rows.Select(r => r.District.Id).Distinct().ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.DistrictMargins.Where(m => ids.Contains(m.DistrictId)).ExecuteDeleteAsync(ct);
        db.DistrictMargins.AddRange(rows.Select(r => new DistrictMargin { DistrictId = r.District.Id, Variable = r.Variable, Category = r.Category, Population = r.Population, UpdatedAt = now }));
        audit?.Record("survey.margins-import", "DistrictMargin", null, null, new { districts = ids.Count, rows = rows.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(ids.Count, rows.Count, []);
    }
}
