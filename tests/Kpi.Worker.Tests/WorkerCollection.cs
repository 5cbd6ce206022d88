namespace Kpi.Worker.Tests;

/// <summary>
/// Tests that start worker processes and enqueue through a Hangfire client run one at a time: Hangfire's client
/// configuration is process-wide, and each test wants the machine's two cores for its own workers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerCollection
{
    public const string Name = "worker processes";
}
