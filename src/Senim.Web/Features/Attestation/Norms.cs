using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation;

/// <summary>The result of one exercise against its norm. <see cref="Passed"/> is null when the exercise is not
/// required (no norm for this sex and age band).</summary>
public sealed record ExerciseEvaluation(Exercise Exercise, double? Value, double? Threshold, bool LowerIsBetter, int? AgeFrom, int? AgeTo, bool? Passed);

/// <summary>All exercises of a candidate. Passed only when every required exercise has a value that meets its norm.</summary>
public sealed record StandardsEvaluation(int Age, IReadOnlyList<ExerciseEvaluation> Exercises)
{
    public bool Passed => Exercises.All(e => e.Passed != false);
    public bool Complete => Exercises.All(e => e.Passed is null || e.Value is not null);
}

/// <summary>Stage 1 norms: evaluation of results against a campaign's table (by sex and age band), the default table
/// a new campaign starts from, and the formats results are typed in.</summary>
public static class Norms
{
    public static readonly Exercise[] Exercises = [Exercise.Run3Km, Exercise.Run100M, Exercise.PullUps, Exercise.Firearms];

    /// <summary>Times: the lower the better (a result passes when it is at most the norm). Counts and scores: at least the norm.</summary>
    public static bool LowerIsBetter(Exercise e) => e is Exercise.Run3Km or Exercise.Run100M;

    /// <summary>Age bands of the default table, in full years on the day of the exercises (inclusive bounds).</summary>
    public static readonly (int From, int To)[] AgeBands = [(0, 29), (30, 34), (35, 39), (40, 44), (45, 49), (50, 150)];

    /// <summary>The starting table of a new campaign. These are example values for a demonstration, not the
    /// ministry's order: the secretary sets the campaign's real norms on the norms page before results are entered.</summary>
    public static IEnumerable<Norm> Defaults(Guid campaignId)
    {
        double[] menRun3 = [780, 810, 840, 885, 930, 990];
        double[] menRun100 = [14.4, 14.8, 15.4, 16.0, 17.0, 18.0];
        double[] menPullUps = [10, 9, 8, 6, 5, 3];
        double[] womenRun3 = [1020, 1050, 1080, 1110, 1140, 1200];
        double[] womenRun100 = [17.5, 18.0, 18.8, 19.5, 20.5, 21.5];
        for (var i = 0; i < AgeBands.Length; i++)
        {
            var (from, to) = AgeBands[i];
            Norm N(Exercise e, Sex s, double v) => new() { CampaignId = campaignId, Exercise = e, Sex = s, AgeFrom = from, AgeTo = to, Threshold = v };
            yield return N(Exercise.Run3Km, Sex.Male, menRun3[i]);
            yield return N(Exercise.Run100M, Sex.Male, menRun100[i]);
            yield return N(Exercise.PullUps, Sex.Male, menPullUps[i]);
            yield return N(Exercise.Firearms, Sex.Male, 30);
            yield return N(Exercise.Run3Km, Sex.Female, womenRun3[i]);
            yield return N(Exercise.Run100M, Sex.Female, womenRun100[i]);
            yield return N(Exercise.Firearms, Sex.Female, 30);
        }
    }

    /// <summary>Full years of age on a date.</summary>
    public static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        if (on < birth.AddYears(age)) age--;
        return age;
    }

    public static StandardsEvaluation Evaluate(IEnumerable<Norm> norms, Sex sex, int age, double? run3Km, double? run100M, int? pullUps, int? firearms)
    {
        var list = norms as IReadOnlyCollection<Norm> ?? [.. norms];
        var results = new List<ExerciseEvaluation>();
        foreach (var e in Exercises)
        {
            double? value = e switch
            {
                Exercise.Run3Km => run3Km,
                Exercise.Run100M => run100M,
                Exercise.PullUps => pullUps,
                _ => firearms,
            };
            var norm = list.FirstOrDefault(n => n.Exercise == e && n.Sex == sex && age >= n.AgeFrom && age <= n.AgeTo);
            var lower = LowerIsBetter(e);
            bool? passed = norm is null ? null : value is { } v && (lower ? v <= norm.Threshold : v >= norm.Threshold);
            results.Add(new ExerciseEvaluation(e, value, norm?.Threshold, lower, norm?.AgeFrom, norm?.AgeTo, passed));
        }
        return new StandardsEvaluation(age, results);
    }

    /// <summary>A time typed as "m:ss", "m:ss.f" or plain seconds "14.2" (point or comma); null when blank.
    /// Returns false for anything else, or a time outside 1 s .. 2 h.</summary>
    public static bool TryParseTime(string? text, out double? seconds)
    {
        seconds = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var s = text.Trim().Replace(',', '.');
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        double value;
        if (colon >= 0)
        {
            if (!int.TryParse(s[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
                || !double.TryParse(s[(colon + 1)..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var secs)
                || secs >= 60 || s[(colon + 1)..].Split('.')[0].Length != 2)
                return false;
            value = minutes * 60 + secs;
        }
        else if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        if (value is < 1 or > 7200) return false;
        seconds = Math.Round(value, 2);
        return true;
    }

    /// <summary>A count or score typed as a whole number 0..1000; null when blank.</summary>
    public static bool TryParseCount(string? text, out int? count)
    {
        count = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v > 1000) return false;
        count = v;
        return true;
    }

    /// <summary>"12:35" for times of a minute or more, "14.2" below; counts as whole numbers.</summary>
    public static string Format(Exercise e, double? value)
    {
        if (value is not { } v) return "—";
        if (!LowerIsBetter(e)) return v.ToString("0", CultureInfo.InvariantCulture);
        if (v < 60) return v.ToString("0.0#", CultureInfo.InvariantCulture);
        var minutes = (int)(v / 60);
        var secs = v - minutes * 60;
        return minutes.ToString(CultureInfo.InvariantCulture) + ":" + secs.ToString(secs % 1 == 0 ? "00" : "00.0#", CultureInfo.InvariantCulture);
    }

    /// <summary>"≤29", "30–34", "50+".</summary>
    public static string Band(int from, int to) =>
        from <= 0 ? "≤" + to.ToString(CultureInfo.InvariantCulture)
        : to >= 100 ? from.ToString(CultureInfo.InvariantCulture) + "+"
        : from.ToString(CultureInfo.InvariantCulture) + "–" + to.ToString(CultureInfo.InvariantCulture);
}
