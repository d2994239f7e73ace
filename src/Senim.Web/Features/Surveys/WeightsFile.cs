using CsvHelper;
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
        var errors = new List<LineError>();
        using var csv = CsvTable.Open(reader, errors);
        if (csv is null) return (rows, Describe(errors));
        if (csv.Missing("id", "district", "age_band", "sex").Count > 0) return (rows, Describe([new(1, NeedsResponseColumns)]));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in csv.Rows(errors))
        {
            string[] values = [r["id"], r["district"], r["age_band"], r["sex"]];
            if (values.Any(v => v.Length == 0)) { errors.Add(new(r.Line, MustBeFilled)); continue; }
            if (!ids.Add(values[0])) { errors.Add(new(r.Line, IdTwice, values[0])); continue; }
            rows.Add(new Response(r.Line, values[0], values[1], values[2], values[3]));
        }
        return (rows, Describe(errors));
    }

    /// <summary>district → variable → category → population.</summary>
    public static (Dictionary<string, Dictionary<string, Dictionary<string, double>>> Margins, List<string> Errors) ReadMargins(TextReader reader)
    {
        var margins = new Dictionary<string, Dictionary<string, Dictionary<string, double>>>(StringComparer.Ordinal);
        var errors = new List<LineError>();
        using var csv = CsvTable.Open(reader, errors);
        if (csv is null) return (margins, Describe(errors));
        if (csv.Missing("district", "variable", "category", "population").Count > 0) return (margins, Describe([new(1, NeedsMarginColumns)]));
        foreach (var r in csv.Rows(errors))
        {
            var v = r["variable"];
            if (!Variables.Contains(v)) { errors.Add(new(r.Line, BadVariable, v)); continue; }
            if (!double.TryParse(r["population"], NumberStyles.Float, CultureInfo.InvariantCulture, out var pop) || pop < 0 || !double.IsFinite(pop))
            {
                errors.Add(new(r.Line, BadPopulation, r["population"])); continue;
            }
            var d = margins.TryGetValue(r["district"], out var dm) ? dm : margins[r["district"]] = new(StringComparer.Ordinal);
            var m = d.TryGetValue(v, out var vm) ? vm : d[v] = new(StringComparer.Ordinal);
            if (!m.TryAdd(r["category"], pop)) errors.Add(new(r.Line, CategoryTwice, r["district"], v, r["category"]));
        }
        return (margins, Describe(errors));
    }

    // The analysts' command line speaks English; its messages are templates here rather than page resources.
    private const string NeedsResponseColumns = "the header needs id, district, age_band and sex";
    private const string NeedsMarginColumns = "the header needs district, variable, category and population";
    private const string MustBeFilled = "id, district, age_band and sex must all be filled";
    private const string IdTwice = "id \"{0}\" appears twice";
    private const string BadVariable = "variable must be age_band or sex, not \"{0}\"";
    private const string BadPopulation = "population \"{0}\" is not a non-negative number";
    private const string CategoryTwice = "{0} {1} \"{2}\" appears twice";

    private static readonly Dictionary<string, string> Shared = new(StringComparer.Ordinal)
    {
        ["Import.Empty"] = "the file is empty",
        ["Import.Unreadable"] = "the line cannot be read (broken quotes)",
    };

    private static List<string> Describe(IEnumerable<LineError> errors) =>
        [.. errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"line {e.Line}: ") + string.Format(CultureInfo.InvariantCulture, Shared.GetValueOrDefault(e.MessageKey, e.MessageKey), e.Args))];

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
