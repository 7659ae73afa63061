namespace HarmReduction.Bot.Tests.Harness;

/// <summary>
/// Tests that measure the whole process (its heap, its resident memory, its allocations). xUnit runs a collection that
/// disables parallelization after the parallel ones, so no other test's work is counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "Measures the whole process";
}
