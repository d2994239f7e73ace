using Senim.Statistics;

namespace Senim.Statistics.Tests;

public class SpecialFunctionsTests
{
    [Fact]
    public void LogGammaOfAHalfIsTheLogOfRootPi()
    {
        // Γ(½) = √π, so ln Γ(½) = ½ ln π = 0.5723649429247001.
        Assert.Equal(0.5 * Math.Log(Math.PI), SpecialFunctions.LogGamma(0.5), 1e-14);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.0)]
    [InlineData(5, 24.0)]
    [InlineData(10, 362880.0)]
    [InlineData(20, 121645100408832000.0)]
    public void LogGammaOfAnIntegerIsTheLogOfAFactorial(int n, double factorialOfNMinusOne)
    {
        // Γ(n) = (n − 1)!
        Assert.Equal(Math.Log(factorialOfNMinusOne), SpecialFunctions.LogGamma(n), 1e-12);
    }

    [Theory]
    [InlineData(100.0, 359.1342053695754)]
    [InlineData(1e-5, 11.512919692895826)]
    [InlineData(3.7, 1.4280723266653881)]
    public void LogGammaMatchesRsLgamma(double x, double expected)
    {
        // Reference: R 4.2.2 lgamma(x).
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-12 * Math.Max(1.0, Math.Abs(expected)));
    }

    [Fact]
    public void RegularizedGammaWithShapeOneIsTheExponentialCdf()
    {
        // P(1, x) = 1 − e^{−x}.
        foreach (double x in new[] { 0.01, 0.5, 1.0, 2.0, 10.0, 40.0 })
        {
            Assert.Equal(1.0 - Math.Exp(-x), SpecialFunctions.RegularizedGammaP(1.0, x), 1e-14);
            Assert.Equal(Math.Exp(-x), SpecialFunctions.RegularizedGammaQ(1.0, x), 1e-14 * Math.Max(Math.Exp(-x), 1e-300) + 1e-300);
        }
    }

    [Fact]
    public void RegularizedGammaMatchesRsPgamma()
    {
        // Reference: R 4.2.2 pgamma(2.5, 3.3) and pgamma(0.1, 0.2, lower = FALSE).
        Assert.Equal(0.38454531873871556, SpecialFunctions.RegularizedGammaP(3.3, 2.5), 1e-13);
        Assert.Equal(0.32395679618465678, SpecialFunctions.RegularizedGammaQ(0.2, 0.1), 1e-13);
    }

    [Fact]
    public void IncompleteBetaOfHalfWithShapesTwoAndThreeIsEleven_Sixteenths()
    {
        // By hand: B(2,3) = Γ(2)Γ(3)/Γ(5) = 2/24 = 1/12.
        // ∫₀^½ t(1 − t)² dt = ∫₀^½ (t − 2t² + t³) dt = 1/8 − 2/24 + 1/64 = 0.125 − 0.0833… + 0.015625 = 0.0572916…
        // I_½(2,3) = 12 × 0.0572916… = 0.6875.
        Assert.Equal(0.6875, SpecialFunctions.RegularizedIncompleteBeta(0.5, 2, 3), 1e-14);
    }

    [Fact]
    public void IncompleteBetaHasItsClosedFormsAndSymmetry()
    {
        var random = new Random(20261122);
        for (int i = 0; i < 200; i++)
        {
            double x = random.NextDouble();
            double a = 0.1 + (random.NextDouble() * 30);
            double b = 0.1 + (random.NextDouble() * 30);
            Assert.Equal(x, SpecialFunctions.RegularizedIncompleteBeta(x, 1, 1), 1e-13);                      // uniform
            Assert.Equal(Math.Pow(x, a), SpecialFunctions.RegularizedIncompleteBeta(x, a, 1), 1e-12);          // I_x(a,1) = x^a
            Assert.Equal(1 - Math.Pow(1 - x, b), SpecialFunctions.RegularizedIncompleteBeta(x, 1, b), 1e-12);  // I_x(1,b) = 1 − (1−x)^b
            Assert.Equal(1 - SpecialFunctions.RegularizedIncompleteBeta(1 - x, b, a), SpecialFunctions.RegularizedIncompleteBeta(x, a, b), 1e-12);
            Assert.Equal(0.5, SpecialFunctions.RegularizedIncompleteBeta(0.5, a, a), 1e-12);
        }
    }

    [Fact]
    public void IncompleteBetaMatchesRsPbeta()
    {
        // Reference: R 4.2.2 pbeta(0.3, 0.5, 20.5), pbeta(0.999, 500, 3).
        Assert.Equal(0.99985620203351777, SpecialFunctions.RegularizedIncompleteBeta(0.3, 0.5, 20.5), 1e-13);
        Assert.Equal(0.98551738013564083, SpecialFunctions.RegularizedIncompleteBeta(0.999, 500, 3), 1e-11);
    }

    [Fact]
    public void InverseIncompleteBetaUndoesTheIncompleteBeta()
    {
        var random = new Random(7);
        for (int i = 0; i < 300; i++)
        {
            double a = 0.5 + (random.NextDouble() * 200);
            double b = 0.5 + (random.NextDouble() * 200);
            double p = Math.Pow(10, -8 * random.NextDouble());
            if (random.Next(2) == 0)
            {
                p = 1 - p;
            }

            double x = SpecialFunctions.InverseRegularizedIncompleteBeta(p, a, b);
            Assert.InRange(x, 0.0, 1.0);
            Assert.Equal(p, SpecialFunctions.RegularizedIncompleteBeta(x, a, b), 1e-10);
        }
    }

    [Fact]
    public void BinomialCdfEqualsTheSumOfBinomialProbabilities()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 100; trial++)
        {
            int n = random.Next(1, 60);
            double theta = random.NextDouble();
            double cumulative = 0;
            for (int r = 0; r <= n; r++)
            {
                // C(n, r) θ^r (1 − θ)^(n − r), via logs.
                double logC = SpecialFunctions.LogGamma(n + 1) - SpecialFunctions.LogGamma(r + 1) - SpecialFunctions.LogGamma(n - r + 1);
                cumulative += Math.Exp(logC + (r * Math.Log(theta)) + ((n - r) * Math.Log(1 - theta)));
                Assert.Equal(Math.Min(1, cumulative), BinomialDistribution.Cdf(r, n, theta), 1e-11);
            }
        }
    }

    [Fact]
    public void BinomialCdfOfTenFairCoinsMatchesCountingByHand()
    {
        // P(R ≤ 1) = (1 + 10)/1024; P(R ≤ 2) = (1 + 10 + 45)/1024; P(R ≤ 7) = 968/1024; P(R ≤ 8) = 1013/1024.
        Assert.Equal(11.0 / 1024, BinomialDistribution.Cdf(1, 10, 0.5), 1e-15);
        Assert.Equal(56.0 / 1024, BinomialDistribution.Cdf(2, 10, 0.5), 1e-15);
        Assert.Equal(968.0 / 1024, BinomialDistribution.Cdf(7, 10, 0.5), 1e-15);
        Assert.Equal(1013.0 / 1024, BinomialDistribution.Cdf(8, 10, 0.5), 1e-15);
        Assert.Equal(0.0, BinomialDistribution.Cdf(-1, 10, 0.5));
        Assert.Equal(1.0, BinomialDistribution.Cdf(10, 10, 0.5));
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogGamma(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogGamma(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.RegularizedIncompleteBeta(1.5, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.RegularizedIncompleteBeta(0.5, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.InverseRegularizedIncompleteBeta(-0.1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.RegularizedGammaP(1, -1));
    }
}

public class NormalDistributionTests
{
    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.3, -0.52440051270804067)]
    [InlineData(1e-10, -6.3613409024040557)]
    public void QuantileMatchesPublishedValues(double p, double expected)
    {
        // Φ⁻¹(0.975) and Φ⁻¹(0.999) from standard tables; the others from R 4.2.2 qnorm.
        Assert.Equal(expected, NormalDistribution.Quantile(p), 1e-13);
    }

    [Theory]
    [InlineData(1.96, 0.97500210485177963)]
    [InlineData(-1.2345, 0.10850832336267018)]
    [InlineData(0.0, 0.5)]
    public void CdfMatchesPublishedValues(double z, double expected)
    {
        // Reference: R 4.2.2 pnorm.
        Assert.Equal(expected, NormalDistribution.Cdf(z), 1e-15);
    }

    [Fact]
    public void TheFarLowerTailKeepsRelativePrecision()
    {
        // R 4.2.2: pnorm(-8) = 6.2209605742717849e-16.
        Assert.Equal(6.2209605742717849e-16, NormalDistribution.Cdf(-8), 1e-28);
        Assert.Equal(6.2209605742717849e-16, NormalDistribution.UpperTail(8), 1e-28);
    }

    [Fact]
    public void RememberedQuantilesAreTheComputedOnesAcrossThreads()
    {
        // Quantile keeps its last few answers. Twenty probabilities (more than it keeps) asked over and over from
        // several threads must each give the published value every time, whichever answers were kept meanwhile.
        double[] ps = [.. Enumerable.Range(1, 20).Select(i => i / 21.0), 0.975, 0.025];
        var expected = new Dictionary<double, double> { [0.975] = 1.959963984540054, [0.025] = -1.959963984540054 };
        foreach (var p in ps.Where(p => !expected.ContainsKey(p)))
        {
            expected[p] = -NormalDistribution.Quantile(1 - p); // the other branch, computed independently of p's entry
        }

        Parallel.For(0, 4, t =>
        {
            var random = new Random(t);
            for (int i = 0; i < 5000; i++)
            {
                double p = ps[random.Next(ps.Length)];
                Assert.Equal(expected[p], NormalDistribution.Quantile(p), 1e-9);
            }
        });
        Assert.Equal(1.959963984540054, NormalDistribution.Quantile(0.975), 1e-13);
    }

    [Fact]
    public void QuantileUndoesTheCdf()
    {
        var random = new Random(3);
        for (int i = 0; i < 1000; i++)
        {
            double p = Math.Pow(10, -15 * random.NextDouble());
            Assert.Equal(p, NormalDistribution.Cdf(NormalDistribution.Quantile(p)), 1e-13 * p);
            if (p >= 1e-6)
            {
                // 1 − p is rounded to 1e-16 absolute, which moves the quantile by about 1e-16 / φ(x) ≤ 1e-10.
                Assert.Equal(-NormalDistribution.Quantile(p), NormalDistribution.Quantile(1 - p), 1e-9);
            }
        }
    }

    [Fact]
    public void QuantileRejectsProbabilitiesOutsideTheOpenUnitInterval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalDistribution.Quantile(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalDistribution.Quantile(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalDistribution.Quantile(double.NaN));
    }
}
