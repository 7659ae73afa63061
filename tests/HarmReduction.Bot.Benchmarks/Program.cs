using BenchmarkDotNet.Running;
using HarmReduction.Bot.Benchmarks;

// dotnet run -c Release --project tests/HarmReduction.Bot.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(RankerBenchmarks).Assembly).Run(args);
