using Hangfire;
using Hangfire.Storage;
using Kpi.Delivery.Outbox;
using Kpi.Delivery.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kpi.Jobs.Delivery;

/// <summary>
/// On start: the outbox sweep's recurring job; every cron subscription's recurring job as the subscriptions table says
/// (the table is the truth: a process may have died between saving a subscription and scheduling it), and no job for a
/// subscription that is gone; and one sweep at once, so rows a killed process left behind are judged now rather than at
/// the next sweep. Registering is idempotent, so every host may do it.
/// </summary>
public sealed class DeliverySchedule(IServiceScopeFactory scopes, IRecurringJobManager recurring, IBackgroundJobClient jobs, JobStorage storage,
    IOptions<OutboxOptions> options, ILogger<DeliverySchedule> log) : IHostedService
{
    public const string SweepId = "outbox-sweep";

    public async Task StartAsync(CancellationToken ct)
    {
        recurring.AddOrUpdate<OutboxJobs>(SweepId, j => j.SweepAsync(CancellationToken.None), options.Value.SweepCron);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var wanted = (await scope.ServiceProvider.GetRequiredService<MailSubscriptions>().SyncSchedulesAsync(ct))
                .Select(OutboxQueue.RecurringJobId).ToHashSet();
            using var connection = storage.GetConnection();
            foreach (var job in connection.GetRecurringJobs())
                if (job.Id.StartsWith(OutboxQueue.RecurringPrefix, StringComparison.Ordinal) && !wanted.Contains(job.Id)) recurring.RemoveIfExists(job.Id);
        }
        jobs.Enqueue<OutboxJobs>(j => j.SweepAsync(CancellationToken.None));
        log.LogDebug("Outbox sweep at '{Cron}'", options.Value.SweepCron);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
