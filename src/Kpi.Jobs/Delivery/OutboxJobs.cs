using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Kpi.Delivery.Outbox;
using Kpi.Delivery.Subscriptions;
using Kpi.Domain.Periods;
using Kpi.Jobs.Hosting;
using Kpi.Storage;
using Kpi.Storage.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kpi.Jobs.Delivery;

/// <summary>
/// The outbox's Hangfire jobs. They take ids, and each is safe to run twice, on any worker: planning creates each row
/// once, and sending claims a row before it sends. A mail that failed for good, or whose fate is unknown, leaves its
/// send job Failed in the dashboard with the reason; requeuing that job there sends nothing (the row is no longer
/// pending) — a resend is <c>POST /api/deliveries/{id}/resend</c>, audited.
/// </summary>
public sealed class OutboxJobs(OutboxPlanner planner, OutboxSender sender, OutboxRecovery recovery, KpiDbContext db, IOutboxQueue queue,
    CompanyTimeZone zone, TimeProvider clock, ILogger<OutboxJobs> log)
{
    /// <summary>How long a due pending row may wait before the sweep queues it again (its job went missing).</summary>
    public static readonly TimeSpan SweepGrace = TimeSpan.FromMinutes(5);

    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("Mail the reports of {0}, revision {1}")]
    public async Task AfterCloseAsync(string period, int revision, CancellationToken ct)
    {
        var outcome = await planner.AfterCloseAsync(period, revision, ct);
        if (!outcome.Planned) log.LogInformation("No mail after the close of {Period}: {Reason}", period, outcome.Refusal);
    }

    /// <summary>A cron subscription's run: the month before the one it fires in, in its time zone, when that month is closed.</summary>
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("Mail subscription {0} on its schedule")]
    public async Task OnScheduleAsync(long subscriptionId, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is not { Enabled: true, Cron: not null })
        {
            log.LogInformation("Subscription {Subscription} is gone, disabled or not on a schedule: nothing sent", subscriptionId);
            return;
        }
        var month = OutboxPlanner.MonthFor(clock.GetUtcNow().UtcDateTime, subscription.TimeZone ?? zone.Id);
        var outcome = await planner.SubscriptionAsync(subscriptionId, month.ToString(), Triggers.Cron, ct);
        if (!outcome.Planned) log.LogWarning("Subscription {Subscription} fired: {Reason}", subscriptionId, outcome.Refusal);
    }

    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // the outbox's own retries apply: OutboxRetry
    [OutboxRetry]
    [JobDisplayName("Mail {0}")]
    public async Task SendAsync(long messageId, CancellationToken ct)
    {
        switch (await sender.SendAsync(messageId, ct))
        {
            case SendResult.Retrying r:
                throw new OutboxRetryException(r.At, $"Mail {messageId}: attempt {r.Attempt} of {r.Attempts} failed, next at {r.At:yyyy-MM-dd HH:mm:ss}Z: {r.Reason}");
            case SendResult.NotDue d:
                throw new OutboxRetryException(d.At, $"Mail {messageId} is due at {d.At:yyyy-MM-dd HH:mm:ss}Z");
            case SendResult.Failed f:
                throw new OutboxDeliveryException($"Mail {messageId} failed: {f.Reason}");
            case SendResult.Unknown u:
                throw new OutboxDeliveryException($"Mail {messageId} may or may not have arrived: {u.Reason} " +
                                                  $"It is not resent automatically: POST /api/deliveries/{messageId}/resend sends it again.");
        }
    }

    /// <summary>Judges rows left sending by dead senders, and queues again due rows whose job went missing.</summary>
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Outbox sweep")]
    public async Task SweepAsync(CancellationToken ct)
    {
        var judged = await recovery.JudgeAbandonedAsync(ct);
        // Rows a dead sender left and that were just made pending again are due now: queue every due row then.
        var cutoff = clock.GetUtcNow().UtcDateTime - (judged > 0 ? TimeSpan.Zero : SweepGrace);
        var stale = await db.Outbox.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= cutoff)
            .OrderBy(m => m.Id).Select(m => m.Id).Take(1000).ToListAsync(ct);
        foreach (var id in stale) queue.Send(id);
        if (judged > 0 || stale.Count > 0) log.LogInformation("Outbox sweep: judged {Judged} abandoned rows, queued {Queued} pending rows again", judged, stale.Count);
    }
}

/// <summary>A transient failure of one recipient's mail: <see cref="OutboxRetryAttribute"/> schedules the job for <see cref="At"/>.</summary>
public sealed class OutboxRetryException(DateTime at, string message) : Exception(message)
{
    public DateTime At { get; } = at;
}

/// <summary>A mail that failed for good or whose fate is unknown: its job ends Failed, so the dashboard shows it.</summary>
public sealed class OutboxDeliveryException(string message) : Exception(message);

/// <summary>
/// Retries a recipient's mail when the outbox says, and only that recipient's: the send job throws
/// <see cref="OutboxRetryException"/> with the row's next attempt time (backoff per row, counted in the row), and this
/// filter turns the failure into a Scheduled state at that time. Any other failure stays Failed.
/// </summary>
public sealed class OutboxRetryAttribute : JobFilterAttribute, IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is FailedState { Exception: OutboxRetryException retry })
            context.CandidateState = new ScheduledState(retry.At) { Reason = retry.Message };
    }
}
