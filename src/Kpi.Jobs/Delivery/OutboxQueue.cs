using Hangfire;
using Hangfire.Storage;
using Kpi.Delivery.Outbox;
using Kpi.Domain.Periods;
using Kpi.Jobs.Hosting;
using Kpi.Storage.Delivery;

namespace Kpi.Jobs.Delivery;

/// <summary>
/// The outbox's background work on Hangfire: one <see cref="OutboxJobs.SendAsync"/> job per row, and for each enabled
/// cron subscription a recurring job <c>subscription:{id}</c> in the subscription's time zone (Hangfire reads the cron
/// in that zone, daylight saving included).
/// </summary>
public sealed class OutboxQueue(IBackgroundJobClient jobs, IRecurringJobManager recurring, JobStorage storage) : IOutboxQueue
{
    public const string RecurringPrefix = "subscription:";

    public static string RecurringJobId(long subscriptionId) => $"{RecurringPrefix}{subscriptionId}";

    public void Send(long messageId) => jobs.Enqueue<OutboxJobs>(j => j.SendAsync(messageId, CancellationToken.None));

    public void Schedule(MailSubscription subscription)
    {
        if (subscription.Cron is null || !subscription.Enabled)
        {
            Unschedule(subscription.Id);
            return;
        }
        var id = subscription.Id;
        var zone = CompanyTimeZone.FromId(subscription.TimeZone ?? CompanyTimeZone.DefaultId).Zone;
        recurring.AddOrUpdate<OutboxJobs>(RecurringJobId(id), JobQueues.Default, j => j.OnScheduleAsync(id, CancellationToken.None), subscription.Cron,
            new RecurringJobOptions { TimeZone = zone });
    }

    public void Unschedule(long subscriptionId) => recurring.RemoveIfExists(RecurringJobId(subscriptionId));

    public DateTime? NextRun(long subscriptionId)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([RecurringJobId(subscriptionId)]).FirstOrDefault()?.NextExecution;
    }
}
