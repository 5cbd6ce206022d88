using Hangfire;

namespace Kpi.Jobs.Delivery;

/// <summary>
/// The close's one call into delivery: when a period's close has finished (frozen, every pack and the summary rendered),
/// queue the after-close planning of that revision. Called every time the close reaches its end, including a close that
/// changed nothing: planning a revision is done once (<c>DeliveryRound</c>), so later calls only queue what is pending.
/// </summary>
public static class CloseDeliveries
{
    public static void PeriodClosed(IBackgroundJobClient jobs, string period, int revision) =>
        jobs.Enqueue<OutboxJobs>(j => j.AfterCloseAsync(period, revision, CancellationToken.None));
}
