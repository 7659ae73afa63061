using BenchmarkDotNet.Running;
using HarmReduction.Bot.Benchmarks;

// dotnet run -c Release --project tests/HarmReduction.Bot.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/HarmReduction.Bot.Benchmarks -- breakdown   (where one message's time goes)
if (args is ["breakdown"])
{
    Breakdown.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RankerBenchmarks).Assembly).Run(args);
