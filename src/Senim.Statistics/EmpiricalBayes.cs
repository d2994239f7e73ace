namespace Senim.Statistics;

/// <summary>The observed summary of one group (an employee, a unit) fed to <see cref="EmpiricalBayes"/>.</summary>
/// <param name="Mean">The group's observed (possibly weighted) mean; ignored when <paramref name="SampleSize"/> is 0.</param>
/// <param name="SampleSize">The number of observations n, or Kish's effective number n_eff for weighted data; ≥ 0.</param>
/// <param name="WithinVariance">The within-group sample variance s² of single observations; ≥ 0.</param>
public readonly record struct GroupSummary(double Mean, double SampleSize, double WithinVariance)
{
    /// <summary>A group summary from accumulated moments: mean, effective sample size and variance.</summary>
    /// <param name="moments">The group's moments.</param>
    /// <returns>The summary.</returns>
    public static GroupSummary FromMoments(Moments moments) =>
        new(moments.Mean, moments.EffectiveSampleSize, moments.Variance);
}

/// <summary>Where the within-group (noise) variance σ² comes from.</summary>
public enum WithinVarianceSource
{
    /// <summary>
    /// One pooled σ² for every group, Σ(n_i − 1)s_i² / Σ(n_i − 1): the usual choice, because a group with three
    /// identical ratings must not be treated as noise-free.
    /// </summary>
    Pooled = 0,

    /// <summary>Each group's own s²; a group with n ≤ 1 falls back to the pooled σ².</summary>
    PerGroup = 1,
}

/// <summary>How the between-group variance τ² was obtained.</summary>
public enum BetweenVarianceMethod
{
    /// <summary>DerSimonian &amp; Laird (1986) weighted method of moments.</summary>
    DerSimonianLaird = 0,

    /// <summary>Hedges' unweighted method of moments, used when some group has zero sampling variance.</summary>
    Hedges = 1,

    /// <summary>Supplied by the caller.</summary>
    Fixed = 2,

    /// <summary>Fewer than two groups have observations: τ² is the configured minimum.</summary>
    Minimum = 3,
}

/// <summary>Whether shrinkage could be carried out.</summary>
public enum ShrinkageStatus
{
    /// <summary>Estimates are defined.</summary>
    Ok = 0,

    /// <summary>No group has any observation.</summary>
    NoObservations = 1,

    /// <summary>σ² cannot be estimated: no group has more than one (effective) observation.</summary>
    WithinVarianceUnknown = 2,
}

/// <summary>Settings for <see cref="EmpiricalBayes.Shrink"/>.</summary>
public sealed record EmpiricalBayesOptions
{
    /// <summary>Floor for τ² (default 0). A positive floor limits how far any group can be pulled.</summary>
    public double MinimumBetweenGroupVariance { get; init; }

    /// <summary>Two-sided level of the reported interval (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Where σ² comes from (default pooled).</summary>
    public WithinVarianceSource WithinVariance { get; init; } = WithinVarianceSource.Pooled;

    /// <summary>A fixed peer mean to shrink toward; null (default) estimates it from the groups.</summary>
    public double? PeerMean { get; init; }

    /// <summary>A fixed τ² (e.g. carried from the previous period); null (default) estimates it.</summary>
    public double? BetweenGroupVariance { get; init; }
}

/// <summary>One group's shrunken (posterior) estimate.</summary>
/// <param name="ObservedMean">The group's own mean.</param>
/// <param name="SampleSize">n or n_eff.</param>
/// <param name="SamplingVariance">v = σ²/n, the noise variance of the observed mean (0 when n = 0).</param>
/// <param name="ShrinkageFactor">B = v / (v + τ²): 0 keeps the observed mean, 1 moves fully to the peer mean.</param>
/// <param name="Estimate">B·peerMean + (1 − B)·observedMean.</param>
/// <param name="StandardError">Posterior standard deviation.</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="Pull">Estimate − observed mean: how far shrinkage moved the score (0 for a group without observations).</param>
/// <param name="HasObservations">False when n = 0: the estimate is then the peer mean with the peer spread.</param>
/// <param name="IsDefined">False when the fit as a whole is undefined (see <see cref="EmpiricalBayesResult.Status"/>).</param>
public readonly record struct ShrunkEstimate(
    double ObservedMean,
    double SampleSize,
    double SamplingVariance,
    double ShrinkageFactor,
    double Estimate,
    double StandardError,
    double Lower,
    double Upper,
    double Pull,
    bool HasObservations,
    bool IsDefined)
{
    /// <summary>Upper − Lower.</summary>
    public double IntervalWidth => Upper - Lower;
}

/// <summary>The result of <see cref="EmpiricalBayes.Shrink"/>.</summary>
/// <param name="Estimates">One estimate per input group, in input order.</param>
/// <param name="PeerMean">The mean every group is shrunk toward.</param>
/// <param name="PeerMeanVariance">The variance of the estimated peer mean, 1 / Σ 1/(v_i + τ²) (0 when fixed).</param>
/// <param name="BetweenGroupVariance">τ², after the floor.</param>
/// <param name="WithinVariance">The pooled σ² (0 when unknown).</param>
/// <param name="Method">How τ² was obtained.</param>
/// <param name="GroupsWithObservations">How many groups have n &gt; 0.</param>
/// <param name="Status">Whether the estimates are defined.</param>
public sealed record EmpiricalBayesResult(
    IReadOnlyList<ShrunkEstimate> Estimates,
    double PeerMean,
    double PeerMeanVariance,
    double BetweenGroupVariance,
    double WithinVariance,
    BetweenVarianceMethod Method,
    int GroupsWithObservations,
    ShrinkageStatus Status)
{
    /// <summary>True when <see cref="Status"/> is <see cref="ShrinkageStatus.Ok"/>.</summary>
    public bool IsDefined => Status == ShrinkageStatus.Ok;
}

/// <summary>
/// Normal–normal empirical Bayes shrinkage of group means toward the peer mean (Morris, C. N., "Parametric empirical
/// Bayes inference: theory and applications", JASA 78(381):47–55, 1983). Model: ȳ_i | θ_i ~ N(θ_i, v_i) with
/// v_i = σ²/n_i, and θ_i ~ N(μ, τ²). Then θ_i | ȳ_i ~ N(B_i μ + (1 − B_i) ȳ_i, (1 − B_i) v_i) with
/// B_i = v_i / (v_i + τ²) (Morris 1983, §1–2, the normal–normal model and its shrinkage factor).
/// </summary>
public static class EmpiricalBayes
{
    /// <summary>Shrinks every group's mean toward the peer mean.</summary>
    /// <param name="groups">The groups; any number, including none.</param>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <returns>Per-group estimates and the fitted peer distribution.</returns>
    /// <exception cref="ArgumentException">A group has a non-finite mean, a negative size or a negative variance, or an option is out of range.</exception>
    public static EmpiricalBayesResult Shrink(IReadOnlyList<GroupSummary> groups, EmpiricalBayesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        options ??= new EmpiricalBayesOptions();
        ValidateOptions(options);
        for (int i = 0; i < groups.Count; i++)
        {
            ValidateGroup(groups[i], i);
        }

        double z = NormalDistribution.TwoSidedCriticalValue(options.ConfidenceLevel);
        int observed = 0;
        double pooledNumerator = 0.0;
        double pooledDegrees = 0.0;
        foreach (var g in groups)
        {
            if (g.SampleSize > 0)
            {
                observed++;
            }

            if (g.SampleSize > 1)
            {
                pooledNumerator += (g.SampleSize - 1.0) * g.WithinVariance;
                pooledDegrees += g.SampleSize - 1.0;
            }
        }

        if (observed == 0)
        {
            return Undefined(groups, options, 0.0, observed, ShrinkageStatus.NoObservations);
        }

        if (pooledDegrees <= 0)
        {
            return Undefined(groups, options, 0.0, observed, ShrinkageStatus.WithinVarianceUnknown);
        }

        double pooled = pooledNumerator / pooledDegrees;

        // Sampling variance of each observed mean, v_i = σ_i² / n_i.
        var samplingVariance = new double[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            if (g.SampleSize <= 0)
            {
                continue;
            }

            double sigma2 = options.WithinVariance == WithinVarianceSource.PerGroup && g.SampleSize > 1 ? g.WithinVariance : pooled;
            samplingVariance[i] = sigma2 / g.SampleSize;
        }

        var (tau2, method) = BetweenGroupVariance(groups, samplingVariance, observed, options);
        var (peerMean, peerMeanVariance) = PeerMean(groups, samplingVariance, tau2, options);

        var estimates = new ShrunkEstimate[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            if (g.SampleSize <= 0)
            {
                // No data: the prior predictive for a new member of the peer group.
                double sdEmpty = Math.Sqrt(tau2 + peerMeanVariance);
                estimates[i] = new ShrunkEstimate(g.Mean, 0.0, 0.0, 1.0, peerMean, sdEmpty,
                    peerMean - (z * sdEmpty), peerMean + (z * sdEmpty), 0.0, HasObservations: false, IsDefined: true);
                continue;
            }

            double v = samplingVariance[i];
            double b = v + tau2 > 0 ? v / (v + tau2) : 0.0;
            double estimate = (b * peerMean) + ((1.0 - b) * g.Mean);

            // Posterior variance given τ², integrating over the estimated peer mean (Gelman, Carlin, Stern, Dunson,
            // Vehtari & Rubin, Bayesian Data Analysis, 3rd ed., 2013, §5.4, the hierarchical normal model):
            // Var(θ_i | y, τ) = (1 − B_i) v_i + B_i² Var(μ̂). With a fixed peer mean the second term is 0 and this is
            // Morris's (1983) conditional posterior variance. Uncertainty in τ² itself is not propagated (Morris 1983, §4, discusses the
            // correction; it matters only with very few groups).
            double variance = ((1.0 - b) * v) + (b * b * peerMeanVariance);
            double sd = Math.Sqrt(Math.Max(0.0, variance));
            estimates[i] = new ShrunkEstimate(g.Mean, g.SampleSize, v, b, estimate, sd,
                estimate - (z * sd), estimate + (z * sd), estimate - g.Mean, HasObservations: true, IsDefined: true);
        }

        return new EmpiricalBayesResult(estimates, peerMean, peerMeanVariance, tau2, pooled, method, observed, ShrinkageStatus.Ok);
    }

    private static (double Tau2, BetweenVarianceMethod Method) BetweenGroupVariance(
        IReadOnlyList<GroupSummary> groups, double[] samplingVariance, int observed, EmpiricalBayesOptions options)
    {
        double floor = options.MinimumBetweenGroupVariance;
        if (options.BetweenGroupVariance is double fixedTau2)
        {
            return (Math.Max(fixedTau2, floor), BetweenVarianceMethod.Fixed);
        }

        if (observed < 2)
        {
            return (floor, BetweenVarianceMethod.Minimum);
        }

        bool anyExact = false;
        for (int i = 0; i < groups.Count; i++)
        {
            if (groups[i].SampleSize > 0 && samplingVariance[i] <= 0)
            {
                anyExact = true;
            }
        }

        if (!anyExact)
        {
            // DerSimonian & Laird, "Meta-analysis in clinical trials", Controlled Clinical Trials 7:177–188, 1986,
            // the method-of-moments estimator: with w_i = 1/v_i and Q = Σ w_i (ȳ_i − ȳ_w)²,
            // τ² = max(0, (Q − (k − 1)) / (Σw − Σw²/Σw)).
            double sumW = 0.0;
            double sumW2 = 0.0;
            double sumWY = 0.0;
            for (int i = 0; i < groups.Count; i++)
            {
                if (groups[i].SampleSize <= 0)
                {
                    continue;
                }

                double w = 1.0 / samplingVariance[i];
                sumW += w;
                sumW2 += w * w;
                sumWY += w * groups[i].Mean;
            }

            double weightedMean = sumWY / sumW;
            double q = 0.0;
            for (int i = 0; i < groups.Count; i++)
            {
                if (groups[i].SampleSize <= 0)
                {
                    continue;
                }

                double d = groups[i].Mean - weightedMean;
                q += d * d / samplingVariance[i];
            }

            double denominator = sumW - (sumW2 / sumW);
            double tau2 = denominator > 0 ? Math.Max(0.0, (q - (observed - 1)) / denominator) : 0.0;
            return (Math.Max(tau2, floor), BetweenVarianceMethod.DerSimonianLaird);
        }

        // Some group's mean is known exactly (v_i = 0), so inverse-variance weights do not exist. Hedges' unweighted
        // method-of-moments estimator (Hedges, L. V., "A random effects model for effect sizes", Psychological
        // Bulletin 93(2):388–395, 1983): τ² = max(0, s²_ȳ − mean(v_i)), s²_ȳ the sample variance of the means.
        double meanOfMeans = 0.0;
        double meanOfV = 0.0;
        for (int i = 0; i < groups.Count; i++)
        {
            if (groups[i].SampleSize > 0)
            {
                meanOfMeans += groups[i].Mean;
                meanOfV += samplingVariance[i];
            }
        }

        meanOfMeans /= observed;
        meanOfV /= observed;
        double spread = 0.0;
        for (int i = 0; i < groups.Count; i++)
        {
            if (groups[i].SampleSize > 0)
            {
                double d = groups[i].Mean - meanOfMeans;
                spread += d * d;
            }
        }

        double hedges = Math.Max(0.0, (spread / (observed - 1)) - meanOfV);
        return (Math.Max(hedges, floor), BetweenVarianceMethod.Hedges);
    }

    private static (double Mean, double Variance) PeerMean(
        IReadOnlyList<GroupSummary> groups, double[] samplingVariance, double tau2, EmpiricalBayesOptions options)
    {
        if (options.PeerMean is double fixedMean)
        {
            return (fixedMean, 0.0);
        }

        // Random-effects (precision-weighted) mean μ̂ = Σ w_i ȳ_i / Σ w_i with w_i = 1/(v_i + τ²), variance 1/Σw_i
        // (DerSimonian & Laird 1986, the random-effects weighted mean; Gelman et al. 2013, §5.4, μ̂ and V_μ).
        double sumW = 0.0;
        double sumWY = 0.0;
        int exactCount = 0;
        double exactSum = 0.0;
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            if (g.SampleSize <= 0)
            {
                continue;
            }

            double total = samplingVariance[i] + tau2;
            if (total <= 0)
            {
                exactCount++;
                exactSum += g.Mean;
                continue;
            }

            sumW += 1.0 / total;
            sumWY += g.Mean / total;
        }

        if (exactCount > 0)
        {
            // Limit of the weighted mean as those groups' weights grow without bound: their plain mean, known exactly.
            return (exactSum / exactCount, 0.0);
        }

        return (sumWY / sumW, 1.0 / sumW);
    }

    private static EmpiricalBayesResult Undefined(
        IReadOnlyList<GroupSummary> groups, EmpiricalBayesOptions options, double pooled, int observed, ShrinkageStatus status)
    {
        double target = options.PeerMean ?? 0.0;
        var estimates = new ShrunkEstimate[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            bool has = g.SampleSize > 0;
            double value = has ? g.Mean : target;
            estimates[i] = new ShrunkEstimate(g.Mean, g.SampleSize, 0.0, has ? 0.0 : 1.0, value, 0.0, value, value, 0.0, has, IsDefined: false);
        }

        double tau2 = options.BetweenGroupVariance ?? options.MinimumBetweenGroupVariance;
        return new EmpiricalBayesResult(estimates, target, 0.0, tau2, pooled, BetweenVarianceMethod.Minimum, observed, status);
    }

    private static void ValidateGroup(GroupSummary g, int index)
    {
        if (!double.IsFinite(g.Mean))
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Group {index} has a non-finite mean."), nameof(g));
        }

        if (!double.IsFinite(g.SampleSize) || g.SampleSize < 0)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Group {index} has an invalid sample size {g.SampleSize}."), nameof(g));
        }

        if (!double.IsFinite(g.WithinVariance) || g.WithinVariance < 0)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Group {index} has an invalid within-group variance {g.WithinVariance}."), nameof(g));
        }
    }

    private static void ValidateOptions(EmpiricalBayesOptions options)
    {
        if (!double.IsFinite(options.MinimumBetweenGroupVariance) || options.MinimumBetweenGroupVariance < 0)
        {
            throw new ArgumentException("The minimum between-group variance must be finite and non-negative.", nameof(options));
        }

        if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
        {
            throw new ArgumentException("The confidence level must lie strictly between 0 and 1.", nameof(options));
        }

        if (options.PeerMean is double m && !double.IsFinite(m))
        {
            throw new ArgumentException("A fixed peer mean must be finite.", nameof(options));
        }

        if (options.BetweenGroupVariance is double t && (!double.IsFinite(t) || t < 0))
        {
            throw new ArgumentException("A fixed between-group variance must be finite and non-negative.", nameof(options));
        }
    }
}
