using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project bench/Senim.Benchmarks -- --job short --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Senim.Benchmarks.RakingBenchmark).Assembly).Run(args);
