using Kpi.Storage.Delivery;

namespace Kpi.Delivery.Outbox;

/// <summary>
/// The background work the outbox asks for, kept behind an interface so Kpi.Delivery needs no job library: one send job
/// per outbox row, and a recurring job per subscription on a cron. Implemented with Hangfire in
/// <c>Kpi.Jobs.Delivery.OutboxQueue</c>.
/// </summary>
public interface IOutboxQueue
{
    /// <summary>Queues the sending of one row. Queuing the same row twice is harmless: only one sender can claim it.</summary>
    void Send(long messageId);

    /// <summary>Keeps the subscription's recurring job in step with it: a cron subscription that is enabled has one, any other none.</summary>
    void Schedule(MailSubscription subscription);

    void Unschedule(long subscriptionId);

    /// <summary>When the recurring job of a cron subscription runs next (UTC), when it has one.</summary>
    DateTime? NextRun(long subscriptionId);
}
