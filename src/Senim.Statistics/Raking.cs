using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Senim.Statistics;

/// <summary>
/// One raking variable: each response's category (as a code into <see cref="Categories"/>) and the population
/// total of each category. Create with <see cref="FromCodes"/> (fast, for large surveys) or <see cref="FromLabels"/>.
/// </summary>
public sealed class RakingVariable
{
    private RakingVariable(string name, ReadOnlyMemory<int> codes, IReadOnlyList<string> categories, IReadOnlyDictionary<string, double> populationTotals)
    {
        Name = name;
        Codes = codes;
        Categories = categories;
        PopulationTotals = populationTotals;
    }

    /// <summary>The variable's name (used in error messages), e.g. "age".</summary>
    public string Name { get; }

    /// <summary>Each response's category, as an index into <see cref="Categories"/>.</summary>
    public ReadOnlyMemory<int> Codes { get; }

    /// <summary>The labels the codes refer to.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The population margin: total per category label (ordinal comparison).</summary>
    public IReadOnlyDictionary<string, double> PopulationTotals { get; }

    /// <summary>A variable from integer codes (no per-response strings: the fast path for a million responses).</summary>
    /// <param name="name">The variable's name.</param>
    /// <param name="codes">Per response, an index into <paramref name="categories"/>.</param>
    /// <param name="categories">Category labels.</param>
    /// <param name="populationTotals">Population total per category label; finite and non-negative.</param>
    /// <returns>The variable.</returns>
    /// <exception cref="ArgumentException">A code is out of range, a label repeats, or a total is negative or not finite.</exception>
    public static RakingVariable FromCodes(string name, ReadOnlyMemory<int> codes, IReadOnlyList<string> categories, IReadOnlyDictionary<string, double> populationTotals)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(populationTotals);
        var labels = categories.ToArray();
        if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Variable '{name}' repeats a category label."), nameof(categories));
        }

        foreach (int code in codes.Span)
        {
            if (code < 0 || code >= labels.Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Variable '{name}' has a response code {code} outside 0..{labels.Length - 1}."), nameof(codes));
            }
        }

        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (label, total) in populationTotals)
        {
            if (!double.IsFinite(total) || total < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Variable '{name}', category '{label}': the population total must be finite and non-negative."), nameof(populationTotals));
            }

            totals[label] = total;
        }

        return new RakingVariable(name, codes, labels, totals);
    }

    /// <summary>A variable from one label per response.</summary>
    /// <param name="name">The variable's name.</param>
    /// <param name="responses">Each response's category label.</param>
    /// <param name="populationTotals">Population total per category label.</param>
    /// <returns>The variable.</returns>
    public static RakingVariable FromLabels(string name, IReadOnlyList<string> responses, IReadOnlyDictionary<string, double> populationTotals)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>();
        var codes = new int[responses.Count];
        for (int i = 0; i < responses.Count; i++)
        {
            string label = responses[i] ?? throw new ArgumentException("A response label is null.", nameof(responses));
            if (!index.TryGetValue(label, out int code))
            {
                code = labels.Count;
                index[label] = code;
                labels.Add(label);
            }

            codes[i] = code;
        }

        return FromCodes(name, codes, labels, populationTotals);
    }
}

/// <summary>Settings for <see cref="Raking.Rake"/>.</summary>
public sealed record RakingOptions
{
    /// <summary>
    /// Convergence: every margin must match its population total to this relative error, max |T − N| / N
    /// (default 1e-10, which puts the weights within about 1e-8 of R survey::rake run to full convergence).
    /// </summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Cap on full raking sweeps (over every variable) per raking run (default 1000).</summary>
    public int MaximumIterations { get; init; } = 1000;

    /// <summary>
    /// Weight trimming: no weight may exceed this multiple of the mean weight (e.g. 5). Null (default) trims nothing.
    /// Must exceed 1.
    /// </summary>
    public double? MaximumWeightRatio { get; init; }

    /// <summary>Cap on trim-then-rerake rounds (default 100).</summary>
    public int MaximumTrimmingRounds { get; init; } = 100;

    /// <summary>
    /// When set, each variable's margin is rescaled to sum to this total (so margins may be given as proportions).
    /// When null (default) the margins must already share one total, which the weights then sum to.
    /// </summary>
    public double? PopulationTotal { get; init; }

    /// <summary>Largest relative disagreement allowed between the margins' totals when they are not rescaled (default 1e-9).</summary>
    public double TotalsConsistencyTolerance { get; init; } = 1e-9;
}

/// <summary>Why raking could not produce usable weights.</summary>
public enum RakingErrorKind
{
    /// <summary>There are no responses.</summary>
    EmptyInput = 0,

    /// <summary>A response's category has no population total in the margins.</summary>
    CategoryMissingFromMargins = 1,

    /// <summary>A category's population total is zero but it has responses.</summary>
    ZeroPopulationWithResponses = 2,

    /// <summary>A category has population but no response with positive weight, so it cannot be fitted.</summary>
    PopulationWithoutResponses = 3,

    /// <summary>The margins of different variables sum to different totals.</summary>
    InconsistentMarginTotals = 4,

    /// <summary>Raking did not meet the tolerance within the iteration cap.</summary>
    NotConverged = 5,

    /// <summary>Trimming and re-raking did not both hold within the round cap.</summary>
    TrimmingNotConverged = 6,
}

/// <summary>One raking error, naming the variable and category where there is one.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Variable">The variable concerned, if any.</param>
/// <param name="Category">The category concerned, if any.</param>
/// <param name="Message">A readable explanation.</param>
public sealed record RakingError(RakingErrorKind Kind, string? Variable, string? Category, string Message);

/// <summary>The outcome of raking.</summary>
/// <param name="Weights">One final weight per response (empty when input validation failed).</param>
/// <param name="Errors">Every problem found; empty on success.</param>
/// <param name="Converged">True when every margin matches and (with trimming) every weight is within the cap.</param>
/// <param name="Iterations">Raking sweeps performed, over all trimming rounds.</param>
/// <param name="TrimmingRounds">Trim-then-rerake rounds performed (0 without trimming).</param>
/// <param name="MaximumRelativeMarginError">The final max |T − N| / N over all margins.</param>
/// <param name="SumOfWeights">Σw (equals the population total on success).</param>
/// <param name="DesignEffect">Kish's design effect due to weighting, n Σw² / (Σw)².</param>
/// <param name="EffectiveSampleSize">(Σw)² / Σw² = n / deff.</param>
/// <param name="TrimmedResponses">Responses whose weight sits at the trimming cap at the end.</param>
/// <param name="Cells">Distinct weighting cells (responses sharing every category and design weight share a weight).</param>
public sealed record RakingResult(
    ImmutableArray<double> Weights,
    IReadOnlyList<RakingError> Errors,
    bool Converged,
    int Iterations,
    int TrimmingRounds,
    double MaximumRelativeMarginError,
    double SumOfWeights,
    double DesignEffect,
    double EffectiveSampleSize,
    int TrimmedResponses,
    int Cells)
{
    /// <summary>True when there are no errors.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Raking (iterative proportional fitting) of survey weights to population margins on two or more categorical
/// variables (Deming, W. E. &amp; Stephan, F. F., "On a least squares adjustment of a sampled frequency table when the
/// expected marginal totals are known", Annals of Mathematical Statistics 11(4):427–444, 1940; Kalton, G. &amp;
/// Flores-Cervantes, I., "Weighting methods", Journal of Official Statistics 19(2):81–97, 2003, on raking and on
/// trimming followed by re-raking). Each step multiplies the weights in category k of one variable by N_k / T_k; sweeps repeat until every
/// margin holds. The result sums to the population total, as R's survey::rake does.
/// Responses that agree on every variable (and on design weight) always receive the same factor, so the fit runs on
/// aggregated cells rather than on responses.
/// </summary>
public static class Raking
{
    private const int DenseCellLimit = 1 << 24;

    /// <summary>Rakes unit (or given design) weights to the margins of <paramref name="variables"/>.</summary>
    /// <param name="variables">At least one variable, every one with one code per response.</param>
    /// <param name="designWeights">Optional design weights, one per response, finite and non-negative; default all 1.</param>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <returns>Weights and diagnostics, or typed errors.</returns>
    /// <exception cref="ArgumentException">No variables, variables of different lengths, invalid design weights or options.</exception>
    public static RakingResult Rake(IReadOnlyList<RakingVariable> variables, ReadOnlyMemory<double>? designWeights = null, RakingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        options ??= new RakingOptions();
        ValidateOptions(options);
        if (variables.Count == 0)
        {
            throw new ArgumentException("Raking needs at least one variable.", nameof(variables));
        }

        int n = variables[0].Codes.Length;
        foreach (var v in variables)
        {
            if (v.Codes.Length != n)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Variable '{v.Name}' has {v.Codes.Length} responses; '{variables[0].Name}' has {n}."), nameof(variables));
            }
        }

        ReadOnlySpan<double> design = designWeights is { } dw ? dw.Span : default;
        if (designWeights is not null)
        {
            if (design.Length != n)
            {
                throw new ArgumentException("Every response needs exactly one design weight.", nameof(designWeights));
            }

            foreach (double d in design)
            {
                if (!double.IsFinite(d) || d < 0)
                {
                    throw new ArgumentException("Design weights must be finite and non-negative.", nameof(designWeights));
                }
            }
        }

        var errors = new List<RakingError>();
        if (n == 0)
        {
            errors.Add(new RakingError(RakingErrorKind.EmptyInput, null, null, "There are no responses to weight."));
            return Failed(errors, 0);
        }

        var targets = Targets(variables, design, options, errors);
        if (errors.Count > 0)
        {
            return Failed(errors, 0);
        }

        var cells = Cells.Build(variables, design);
        var state = new Fit(cells, targets);
        double mean = state.TotalTarget / n;
        double? cap = options.MaximumWeightRatio is double ratio ? ratio * mean : null;

        int iterations = 0;
        int rounds = 0;
        bool converged;
        double error;
        while (true)
        {
            (converged, error, int used) = state.Rake(options.Tolerance, options.MaximumIterations);
            iterations += used;
            if (!converged || cap is not double limit || state.MaximumWeight() <= limit * (1.0 + options.Tolerance))
            {
                break;
            }

            if (rounds == options.MaximumTrimmingRounds)
            {
                converged = false;
                errors.Add(new RakingError(RakingErrorKind.TrimmingNotConverged, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"After {rounds} trim-and-rerake rounds some weight still exceeds {options.MaximumWeightRatio} times the mean weight.")));
                break;
            }

            state.Trim(limit);
            rounds++;
        }

        if (!converged && errors.Count == 0)
        {
            errors.Add(new RakingError(RakingErrorKind.NotConverged, null, null, string.Create(CultureInfo.InvariantCulture,
                $"Raking did not reach a relative margin error of {options.Tolerance} within {options.MaximumIterations} iterations (last error {error}); some combination of categories may have no responses.")));
        }

        var weights = new double[n];
        var cellWeights = state.Weights;
        var cellOf = cells.CellOfResponse;
        for (int i = 0; i < n; i++)
        {
            weights[i] = cellWeights[cellOf[i]];
        }

        double sumW = 0.0;
        double sumW2 = 0.0;
        int trimmed = 0;
        for (int g = 0; g < cells.Count; g++)
        {
            double w = cellWeights[g];
            sumW += cells.Size[g] * w;
            sumW2 += cells.Size[g] * w * w;
            if (cap is double c && w >= c * (1.0 - 1e-9))
            {
                trimmed += (int)cells.Size[g];
            }
        }

        // Kish's design effect due to unequal weighting, deff = n Σw² / (Σw)² (Kish, L., "Weighting for unequal
        // P_i", Journal of Official Statistics 8(2):183–200, 1992, the weighting design effect), and n_eff = n / deff.
        double deff = sumW > 0 ? n * sumW2 / (sumW * sumW) : 0.0;
        double neff = sumW2 > 0 ? sumW * sumW / sumW2 : 0.0;
        return new RakingResult(ImmutableCollectionsMarshal.AsImmutableArray(weights), errors, converged, iterations, rounds,
            error, sumW, deff, neff, trimmed, cells.Count);
    }

    private static RakingResult Failed(List<RakingError> errors, int iterations) =>
        new([], errors, false, iterations, 0, 0.0, 0.0, 0.0, 0.0, 0, 0);

    // Validates the margins against the responses and returns, per variable and code, the population target
    // (scaled when a population total is given).
    private static double[][] Targets(IReadOnlyList<RakingVariable> variables, ReadOnlySpan<double> design, RakingOptions options, List<RakingError> errors)
    {
        var targets = new double[variables.Count][];
        var marginTotals = new double[variables.Count];
        for (int j = 0; j < variables.Count; j++)
        {
            var v = variables[j];
            var counts = new int[v.Categories.Count];
            var weighted = new double[v.Categories.Count];
            var codes = v.Codes.Span;
            for (int i = 0; i < codes.Length; i++)
            {
                counts[codes[i]]++;
                weighted[codes[i]] += design.IsEmpty ? 1.0 : design[i];
            }

            targets[j] = new double[v.Categories.Count];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int k = 0; k < v.Categories.Count; k++)
            {
                string label = v.Categories[k];
                if (counts[k] == 0)
                {
                    continue;
                }

                seen.Add(label);
                if (!v.PopulationTotals.TryGetValue(label, out double total))
                {
                    errors.Add(new RakingError(RakingErrorKind.CategoryMissingFromMargins, v.Name, label, string.Create(CultureInfo.InvariantCulture,
                        $"Variable '{v.Name}': {counts[k]} responses are in category '{label}', which the population margins do not list.")));
                    continue;
                }

                if (total == 0)
                {
                    errors.Add(new RakingError(RakingErrorKind.ZeroPopulationWithResponses, v.Name, label, string.Create(CultureInfo.InvariantCulture,
                        $"Variable '{v.Name}': category '{label}' has population 0 but {counts[k]} responses.")));
                    continue;
                }

                if (weighted[k] <= 0)
                {
                    errors.Add(new RakingError(RakingErrorKind.PopulationWithoutResponses, v.Name, label, string.Create(CultureInfo.InvariantCulture,
                        $"Variable '{v.Name}': category '{label}' has population {total} but every response in it has design weight 0, so it cannot be fitted.")));
                    continue;
                }

                targets[j][k] = total;
            }

            double sum = 0.0;
            foreach (var (label, total) in v.PopulationTotals.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                sum += total;
                if (total > 0 && !seen.Contains(label))
                {
                    errors.Add(new RakingError(RakingErrorKind.PopulationWithoutResponses, v.Name, label, string.Create(CultureInfo.InvariantCulture,
                        $"Variable '{v.Name}': category '{label}' has population {total} but no responses, so it cannot be fitted.")));
                }
            }

            marginTotals[j] = sum;
        }

        if (errors.Count > 0)
        {
            return targets;
        }

        if (options.PopulationTotal is double populationTotal)
        {
            for (int j = 0; j < variables.Count; j++)
            {
                double scale = populationTotal / marginTotals[j];
                for (int k = 0; k < targets[j].Length; k++)
                {
                    targets[j][k] *= scale;
                }
            }

            return targets;
        }

        for (int j = 1; j < variables.Count; j++)
        {
            double reference = marginTotals[0];
            if (Math.Abs(marginTotals[j] - reference) > options.TotalsConsistencyTolerance * reference)
            {
                errors.Add(new RakingError(RakingErrorKind.InconsistentMarginTotals, variables[j].Name, null, string.Create(CultureInfo.InvariantCulture,
                    $"The margin of '{variables[j].Name}' sums to {marginTotals[j]} but that of '{variables[0].Name}' to {reference}; set a population total to rescale them.")));
            }
        }

        return targets;
    }

    private static void ValidateOptions(RakingOptions options)
    {
        if (!(options.Tolerance > 0) || !double.IsFinite(options.Tolerance))
        {
            throw new ArgumentException("The tolerance must be positive.", nameof(options));
        }

        if (options.MaximumIterations < 1 || options.MaximumTrimmingRounds < 0)
        {
            throw new ArgumentException("The iteration caps must be positive.", nameof(options));
        }

        if (options.MaximumWeightRatio is double r && (!double.IsFinite(r) || r <= 1))
        {
            throw new ArgumentException("The maximum weight ratio must exceed 1 (no weight can be capped below the mean).", nameof(options));
        }

        if (options.PopulationTotal is double t && (!double.IsFinite(t) || t <= 0))
        {
            throw new ArgumentException("The population total must be positive.", nameof(options));
        }

        if (!(options.TotalsConsistencyTolerance >= 0))
        {
            throw new ArgumentException("The totals consistency tolerance must be non-negative.", nameof(options));
        }
    }

    // Weighting cells: responses with the same category on every variable and the same design weight.
    private sealed class Cells
    {
        private Cells(int[] cellOfResponse, double[] size, double[] design, int[][] codes)
        {
            CellOfResponse = cellOfResponse;
            Size = size;
            Design = design;
            Codes = codes;
        }

        public int[] CellOfResponse { get; }

        public double[] Size { get; }

        public double[] Design { get; }

        // Codes[j][g]: the category of cell g on variable j.
        public int[][] Codes { get; }

        public int Count => Size.Length;

        public static Cells Build(IReadOnlyList<RakingVariable> variables, ReadOnlySpan<double> design)
        {
            int n = variables[0].Codes.Length;
            var cellOf = new int[n];
            int cellCount = 1;
            foreach (var v in variables)
            {
                cellCount = Combine(cellOf, cellCount, v.Codes.Span, v.Categories.Count);
            }

            if (!design.IsEmpty)
            {
                cellCount = SplitByDesignWeight(cellOf, design);
            }

            var size = new double[cellCount];
            var cellDesign = new double[cellCount];
            var codes = new int[variables.Count][];
            for (int j = 0; j < variables.Count; j++)
            {
                codes[j] = new int[cellCount];
            }

            for (int i = 0; i < n; i++)
            {
                int g = cellOf[i];
                size[g] += 1.0;
                cellDesign[g] = design.IsEmpty ? 1.0 : design[i];
            }

            for (int j = 0; j < variables.Count; j++)
            {
                var span = variables[j].Codes.Span;
                var target = codes[j];
                for (int i = 0; i < n; i++)
                {
                    target[cellOf[i]] = span[i];
                }
            }

            return new Cells(cellOf, size, cellDesign, codes);
        }

        // Refines the cell of every response by one more variable; returns the new number of cells. Keys stay below
        // cellCount × categories, so they never overflow.
        private static int Combine(int[] cellOf, int cellCount, ReadOnlySpan<int> codes, int categories)
        {
            long keySpace = (long)cellCount * categories;
            int next = 0;
            if (keySpace <= Math.Max(DenseCellLimit, 4L * cellOf.Length))
            {
                var map = new int[keySpace];
                for (int i = 0; i < cellOf.Length; i++)
                {
                    int key = (cellOf[i] * categories) + codes[i];
                    int id = map[key] - 1;
                    if (id < 0)
                    {
                        id = next++;
                        map[key] = id + 1;
                    }

                    cellOf[i] = id;
                }

                return next;
            }

            var sparse = new Dictionary<long, int>();
            for (int i = 0; i < cellOf.Length; i++)
            {
                long key = ((long)cellOf[i] * categories) + codes[i];
                if (!sparse.TryGetValue(key, out int id))
                {
                    id = next++;
                    sparse[key] = id;
                }

                cellOf[i] = id;
            }

            return next;
        }

        private static int SplitByDesignWeight(int[] cellOf, ReadOnlySpan<double> design)
        {
            var map = new Dictionary<(int Cell, double Design), int>();
            int next = 0;
            for (int i = 0; i < cellOf.Length; i++)
            {
                var key = (cellOf[i], design[i]);
                if (!map.TryGetValue(key, out int id))
                {
                    id = next++;
                    map[key] = id;
                }

                cellOf[i] = id;
            }

            return next;
        }
    }

    // The iterative proportional fitting state over cells: the current per-response weight of each cell.
    private sealed class Fit
    {
        private readonly Cells cells;
        private readonly double[][] targets;
        private readonly double[][] totals;

        public Fit(Cells cells, double[][] targets)
        {
            this.cells = cells;
            this.targets = targets;
            Weights = (double[])cells.Design.Clone();
            totals = new double[targets.Length][];
            for (int j = 0; j < targets.Length; j++)
            {
                totals[j] = new double[targets[j].Length];
            }

            TotalTarget = targets[0].Sum();
        }

        public double[] Weights { get; }

        public double TotalTarget { get; }

        // Sweeps until every margin is within the tolerance; returns (converged, error, sweeps used).
        public (bool Converged, double Error, int Sweeps) Rake(double tolerance, int maximumSweeps)
        {
            double error = MarginError();
            if (error <= tolerance)
            {
                return (true, error, 0);
            }

            for (int sweep = 1; sweep <= maximumSweeps; sweep++)
            {
                for (int j = 0; j < targets.Length; j++)
                {
                    // Deming & Stephan (1940); Kalton & Flores-Cervantes (2003), raking step: w ← w · N_jk / T_jk.
                    var total = Totals(j);
                    var target = targets[j];
                    var factor = new double[target.Length];
                    for (int k = 0; k < target.Length; k++)
                    {
                        factor[k] = total[k] > 0 ? target[k] / total[k] : 1.0;
                    }

                    var codes = cells.Codes[j];
                    for (int g = 0; g < Weights.Length; g++)
                    {
                        Weights[g] *= factor[codes[g]];
                    }
                }

                error = MarginError();
                if (error <= tolerance)
                {
                    return (true, error, sweep);
                }
            }

            return (false, error, maximumSweeps);
        }

        public double MaximumWeight()
        {
            double max = 0.0;
            foreach (double w in Weights)
            {
                max = Math.Max(max, w);
            }

            return max;
        }

        public void Trim(double cap)
        {
            for (int g = 0; g < Weights.Length; g++)
            {
                if (Weights[g] > cap)
                {
                    Weights[g] = cap;
                }
            }
        }

        private double[] Totals(int j)
        {
            var total = totals[j];
            Array.Clear(total);
            var codes = cells.Codes[j];
            var size = cells.Size;
            for (int g = 0; g < Weights.Length; g++)
            {
                total[codes[g]] += size[g] * Weights[g];
            }

            return total;
        }

        private double MarginError()
        {
            double error = 0.0;
            for (int j = 0; j < targets.Length; j++)
            {
                var total = Totals(j);
                var target = targets[j];
                for (int k = 0; k < target.Length; k++)
                {
                    if (target[k] > 0)
                    {
                        error = Math.Max(error, Math.Abs(total[k] - target[k]) / target[k]);
                    }
                }
            }

            return error;
        }
    }
}
