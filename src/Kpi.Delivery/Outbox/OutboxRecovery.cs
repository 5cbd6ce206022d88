using Kpi.Delivery.Mail;
using Kpi.Storage;
using Kpi.Storage.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kpi.Delivery.Outbox;

/// <summary>
/// Judges rows left <c>sending</c> by a sender that died (its <see cref="SenderLease"/> lock is free). The row itself
/// says how far the dead sender got, because the sender writes <see cref="OutboxMessage.HandedOverAt"/> durably before
/// it gives the mail to the transport:
/// <list type="bullet">
/// <item>not handed over: the mail never reached a transport, so nothing can have left — back to <c>pending</c>, sent by
/// whoever claims it next;</item>
/// <item>handed over: it may have been delivered. The pickup folder can be asked (a complete <c>.eml</c> under the
/// row's Message-ID means it was written: <c>sent</c>); an SMTP server cannot, so the row is <c>unknown</c> and is never
/// sent again automatically — an admin may resend it by hand.</item>
/// </list>
/// Every update is conditional on the row still being the dead sender's same attempt, so two judges (or a judge and a
/// sender) never both act on it.
/// </summary>
public sealed class OutboxRecovery(KpiDbContext db, SenderLease lease, MailTransports transports, TimeProvider clock, ILogger<OutboxRecovery> log)
{
    public const string InterruptedReason = "The sender stopped (killed, crashed or lost) before handing the mail over; nothing was sent. It goes out with the next attempt.";

    public const string UnknownReason = "The sender stopped (killed, crashed or lost) after handing the mail over and before it heard back: it may have been " +
                                        "delivered. It is not sent again automatically; resend it by hand if it did not arrive.";

    /// <summary>Judges every row in flight whose sender is dead; returns how many it judged.</summary>
    public async Task<int> JudgeAbandonedAsync(CancellationToken ct)
    {
        var inFlight = await db.Outbox.AsNoTracking().Where(m => m.Status == OutboxStatus.Sending).OrderBy(m => m.Id).Take(10_000).ToListAsync(ct);
        var judged = 0;
        var alive = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var row in inFlight)
        {
            if (row.Sender is null) continue;
            if (!alive.TryGetValue(row.Sender, out var living)) alive[row.Sender] = living = await lease.IsAliveAsync(db, row.Sender, ct);
            if (!living && await JudgeAsync(row, ct)) judged++;
        }
        return judged;
    }

    /// <summary>Judges <paramref name="row"/> (read as <c>sending</c>) if its sender is dead; true when it did.</summary>
    public async Task<bool> JudgeIfAbandonedAsync(OutboxMessage row, CancellationToken ct) =>
        row is { Status: OutboxStatus.Sending, Sender: { } sender } && !await lease.IsAliveAsync(db, sender, ct) && await JudgeAsync(row, ct);

    private async Task<bool> JudgeAsync(OutboxMessage row, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var same = db.Outbox.Where(m => m.Id == row.Id && m.Status == OutboxStatus.Sending && m.Sender == row.Sender && m.Attempts == row.Attempts);
        (string Outcome, string Detail) judged;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        int updated;
        if (row.HandedOverAt is null)
        {
            updated = await same.Where(m => m.HandedOverAt == null).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LastResult, InterruptedReason).SetProperty(m => m.UpdatedAt, now), ct);
            judged = ("interrupted", InterruptedReason);
        }
        else if (await WrittenToPickupFolderAsync(row, ct) is { } file)
        {
            var found = $"Found in the pickup folder after its sender stopped: {file}";
            updated = await same.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.LastResult, found).SetProperty(m => m.UpdatedAt, now), ct);
            judged = ("sent", found);
        }
        else
        {
            updated = await same.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Unknown).SetProperty(m => m.LastResult, UnknownReason).SetProperty(m => m.UpdatedAt, now), ct);
            judged = ("unknown", UnknownReason);
        }
        if (updated == 0) return false;
        db.OutboxAttempts.Add(new OutboxAttempt
        {
            OutboxMessageId = row.Id, Number = row.Attempts, Sender = row.Sender ?? "", StartedAt = row.ClaimedAt ?? now, HandedOverAt = row.HandedOverAt,
            FinishedAt = now, Outcome = judged.Outcome, Detail = judged.Detail,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        log.LogWarning("Outbox row {Row} to {Address} was left sending by {Sender}, which stopped: {Outcome}", row.Id, row.Address, row.Sender, judged.Outcome);
        return true;
    }

    /// <summary>The <c>.eml</c> file of the row when mail goes to the pickup folder and it is there; null otherwise (SMTP cannot be asked).</summary>
    private async Task<string?> WrittenToPickupFolderAsync(OutboxMessage row, CancellationToken ct)
    {
        try
        {
            return await transports.CurrentAsync(ct) is PickupFolderTransport folder && folder.Holds(row.MessageId)
                ? Path.Combine(folder.Folder, PickupFolderTransport.FileName(row.MessageId))
                : null;
        }
        catch (SmtpSettingsException)
        {
            return null;
        }
    }
}
