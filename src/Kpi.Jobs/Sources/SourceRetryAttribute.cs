using Kpi.Ingestion.Sources;
using Hangfire.Common;
using Hangfire.States;

namespace Kpi.Jobs.Sources;

/// <summary>
/// Retries a failed source run as its source is configured (<c>retry.attempts</c>, <c>retry.delay_seconds</c>, doubled
/// for each further attempt) rather than with one count for every job. The job writes the source's settings into its
/// job parameters when it starts; Hangfire's <c>RetryCount</c> parameter counts the attempts, as
/// <see cref="Hangfire.AutomaticRetryAttribute"/> does, so the dashboard shows retries the usual way. When the attempts
/// are spent the job stays Failed, visible in the dashboard and in the source's run history.
/// </summary>
public sealed class SourceRetryAttribute : JobFilterAttribute, IElectStateFilter
{
    public const string AttemptsParameter = "SourceRetryAttempts";
    public const string DelayParameter = "SourceRetryDelaySeconds";
    public const string RetryCountParameter = "RetryCount";

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed) return;
        var attempts = context.GetJobParameter<int?>(AttemptsParameter, allowStale: true) ?? 0;
        var delay = context.GetJobParameter<int?>(DelayParameter, allowStale: true) ?? SourceDefinitions.DefaultRetryDelaySeconds;
        var retry = context.GetJobParameter<int>(RetryCountParameter, allowStale: true) + 1;
        if (retry > attempts) return;

        context.SetJobParameter(RetryCountParameter, retry);
        var wait = TimeSpan.FromSeconds(Math.Min(delay * Math.Pow(2, retry - 1), TimeSpan.FromDays(1).TotalSeconds));
        context.CandidateState = new ScheduledState(wait)
        {
            Reason = $"Retry {retry} of {attempts} in {wait}: {failed.Exception.Message}",
        };
    }
}
