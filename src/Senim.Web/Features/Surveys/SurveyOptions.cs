using System.ComponentModel.DataAnnotations;

namespace Senim.Web.Features.Surveys;

public sealed class SurveyOptions
{
    public const string Section = "Surveys";

    /// <summary>Figures whose effective sample size is below this are not published ("not enough responses").</summary>
    [Range(2, 100_000)] public double MinEffectiveN { get; set; } = 100;

    /// <summary>Weight trimming: no raked weight may exceed this multiple of the mean weight (then re-raked).</summary>
    [Range(1.5, 100)] public double MaxWeightRatio { get; set; } = 5;

    /// <summary>Rows allowed in one interviewer file.</summary>
    [Range(1, 1_000_000)] public int MaxImportRows { get; set; } = 50_000;

}
