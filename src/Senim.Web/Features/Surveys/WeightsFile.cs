using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Senim.Statistics;

namespace Senim.Web.Features.Surveys;

/// <summary>One district's weighting outcome.</summary>
public sealed record DistrictWeighting(string District, int Responses, bool Succeeded, bool Converged, int Iterations,
    double DesignEffect, double EffectiveSampleSize, IReadOnlyList<string> Errors);

/// <summary>Rakes survey responses to population margins district by district, from CSV files: the analysts'
/// `surveys weights` command. Responses: id,district,age_band,sex (other columns are ignored). Margins:
/// district,variable,category,population with variable "age_band" or "sex". Output: id,district,weight.
/// The raking itself is Senim.Statistics.Raking (Deming &amp; Stephan 1940), equal to R's survey::rake.</summary>
public static class WeightsFile
{
    public static readonly string[] Variables = ["age_band", "sex"];

    public sealed record Response(int Line, string Id, string District, string AgeBand, string Sex);

    public static (List<Response> Rows, List<string> Errors) ReadResponses(TextReader reader)
    {
        var rows = new List<Response>();
        var errors = new List<string>();
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null });
        if (!csv.Read()) { errors.Add("line 1: the file is empty"); return (rows, errors); }
        var header = csv.Record!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        int id = header.IndexOf("id"), district = header.IndexOf("district"), age = header.IndexOf("age_band"), sex = header.IndexOf("sex");
        if (id < 0 || district < 0 || age < 0 || sex < 0) { errors.Add("line 1: the header needs id, district, age_band and sex"); return (rows, errors); }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var r = csv.Record!;
            var line = csv.RawRow;
            if (r.Length == 1 && string.IsNullOrWhiteSpace(r[0])) continue;
            string Get(int i) => i < r.Length ? r[i].Trim() : "";
            var values = new[] { Get(id), Get(district), Get(age), Get(sex) };
            if (values.Any(v => v.Length == 0)) { errors.Add($"line {line}: id, district, age_band and sex must all be filled"); continue; }
            if (!ids.Add(values[0])) { errors.Add($"line {line}: id \"{values[0]}\" appears twice"); continue; }
            rows.Add(new Response(line, values[0], values[1], values[2], values[3]));
        }
        return (rows, errors);
    }

    /// <summary>district → variable → category → population.</summary>
    public static (Dictionary<string, Dictionary<string, Dictionary<string, double>>> Margins, List<string> Errors) ReadMargins(TextReader reader)
    {
        var margins = new Dictionary<string, Dictionary<string, Dictionary<string, double>>>(StringComparer.Ordinal);
        var errors = new List<string>();
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null });
        if (!csv.Read()) { errors.Add("line 1: the file is empty"); return (margins, errors); }
        var header = csv.Record!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        int district = header.IndexOf("district"), variable = header.IndexOf("variable"), category = header.IndexOf("category"), population = header.IndexOf("population");
        if (district < 0 || variable < 0 || category < 0 || population < 0) { errors.Add("line 1: the header needs district, variable, category and population"); return (margins, errors); }
        while (csv.Read())
        {
            var r = csv.Record!;
            var line = csv.RawRow;
            if (r.Length == 1 && string.IsNullOrWhiteSpace(r[0])) continue;
            string Get(int i) => i < r.Length ? r[i].Trim() : "";
            var v = Get(variable);
            if (!Variables.Contains(v)) { errors.Add($"line {line}: variable must be age_band or sex, not \"{v}\""); continue; }
            if (!double.TryParse(Get(population), NumberStyles.Float, CultureInfo.InvariantCulture, out var pop) || pop < 0 || !double.IsFinite(pop))
            {
                errors.Add($"line {line}: population \"{Get(population)}\" is not a non-negative number"); continue;
            }
            var d = margins.TryGetValue(Get(district), out var dm) ? dm : margins[Get(district)] = new(StringComparer.Ordinal);
            var m = d.TryGetValue(v, out var vm) ? vm : d[v] = new(StringComparer.Ordinal);
            if (!m.TryAdd(Get(category), pop)) errors.Add($"line {line}: {Get(district)} {v} \"{Get(category)}\" appears twice");
        }
        return (margins, errors);
    }

    /// <summary>Rakes each district separately; a district with a problem is reported by name and gets no weights.</summary>
    public static (Dictionary<string, double> Weights, List<DistrictWeighting> Report) Rake(
        IReadOnlyList<Response> responses, IReadOnlyDictionary<string, Dictionary<string, Dictionary<string, double>>> margins, double? maximumWeightRatio)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var report = new List<DistrictWeighting>();
        foreach (var group in responses.GroupBy(r => r.District, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToList();
            if (!margins.TryGetValue(group.Key, out var dm) || Variables.Any(v => !dm.ContainsKey(v)))
            {
                report.Add(new(group.Key, rows.Count, false, false, 0, 0, 0, [$"district {group.Key}: no age_band and sex margins"]));
                continue;
            }
            var result = Raking.Rake(
                [RakingVariable.FromLabels("age_band", [.. rows.Select(r => r.AgeBand)], dm["age_band"]),
                 RakingVariable.FromLabels("sex", [.. rows.Select(r => r.Sex)], dm["sex"])],
                options: new RakingOptions { MaximumWeightRatio = maximumWeightRatio });
            var errors = result.Errors.Select(e => $"district {group.Key}: {e.Message}").ToList();
            report.Add(new(group.Key, rows.Count, result.Succeeded, result.Converged, result.Iterations, result.DesignEffect, result.EffectiveSampleSize, errors));
            if (!result.Succeeded) continue;
            for (var i = 0; i < rows.Count; i++) weights[rows[i].Id] = result.Weights[i];
        }
        return (weights, report);
    }

    public static void Write(TextWriter writer, IReadOnlyList<Response> responses, IReadOnlyDictionary<string, double> weights)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.WriteField("id"); csv.WriteField("district"); csv.WriteField("weight"); csv.NextRecord();
        foreach (var r in responses.Where(r => weights.ContainsKey(r.Id)))
        {
            csv.WriteField(r.Id); csv.WriteField(r.District); csv.WriteField(weights[r.Id].ToString("R", CultureInfo.InvariantCulture)); csv.NextRecord();
        }
    }
}
