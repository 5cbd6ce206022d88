using Hangfire;
using Hangfire.Server;
using Kpi.Ingestion.Sources;
using Kpi.Jobs.Hosting;

namespace Kpi.Jobs.Sources;

/// <summary>
/// The Hangfire job behind every scheduled and manual pull of a source: it tells <see cref="SourceRunner"/> who asked
/// and which attempt this is, and hands the source's retry settings to <see cref="SourceRetryAttribute"/>.
/// </summary>
public sealed class SourceRunJob(SourceRunner runner)
{
    /// <param name="source">The source's name; a source deleted since the job was queued is skipped.</param>
    /// <param name="context">Given by Hangfire (pass null when enqueuing); null when called outside Hangfire.</param>
    /// <param name="ct">Hangfire's shutdown token.</param>
    [Queue(JobQueues.Imports)]
    [AutomaticRetry(Attempts = 0)] // the source's own retry settings apply instead: SourceRetry
    [SourceRetry]
    [JobDisplayName("Pull source {0}")]
    public Task<long?> RunAsync(string source, PerformContext? context, CancellationToken ct)
    {
        var request = new SourceRunRequest(
            source,
            context?.GetJobParameter<string>("RecurringJobId") is null ? "manual" : "schedule",
            context?.BackgroundJob.Id,
            (context?.GetJobParameter<int>(SourceRetryAttribute.RetryCountParameter) ?? 0) + 1);
        return runner.RunAsync(request, definition =>
        {
            context?.SetJobParameter(SourceRetryAttribute.AttemptsParameter, definition.RetryAttempts);
            context?.SetJobParameter(SourceRetryAttribute.DelayParameter, definition.RetryDelaySeconds);
        }, ct);
    }
}
