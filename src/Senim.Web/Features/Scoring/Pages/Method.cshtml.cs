using Senim.Statistics;

namespace Senim.Web.Features.Scoring.Pages;

/// <summary>The public explanation of how scores are computed, with a worked example computed by the same library
/// that computes real scores. Anonymous.</summary>
public sealed class MethodModel : PageModel
{
    public double PeerMean => 4.2;
    public double WithinVariance => 0.64;
    public double BetweenVariance => 0.04;

    /// <summary>Two officers with the same own mean 4.80, one with 10 ratings and one with 100: σ² = 0.64, τ² = 0.04, μ = 4.20.
    /// By hand for A: v = 0.64/10 = 0.064, B = 0.064/0.104 = 0.615, estimate = 0.615·4.20 + 0.385·4.80 = 4.43.</summary>
    public EmpiricalBayesResult Example { get; } = EmpiricalBayes.Shrink(
        [new GroupSummary(4.8, 10, 0.64), new GroupSummary(4.8, 100, 0.64)],
        new EmpiricalBayesOptions { PeerMean = 4.2, BetweenGroupVariance = 0.04 });
}
