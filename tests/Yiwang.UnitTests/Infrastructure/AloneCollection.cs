namespace Yiwang.UnitTests.Infrastructure;

/// <summary>
/// Tests that measure the whole process (live memory) run alone, after the parallel ones: another test's
/// allocations would otherwise count against them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
