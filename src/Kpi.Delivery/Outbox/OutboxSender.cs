using System.Diagnostics;
using Kpi.Delivery.Mail;
using Kpi.Storage;
using Kpi.Storage.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kpi.Delivery.Outbox;

/// <summary>
/// Sends one outbox row, at most once however often and wherever it is asked to (a retried job, a job queued twice, two
/// workers): claim, compose, mark handed over, hand over, record — each step where it is for the reason given below.
/// <list type="number">
/// <item><b>Claim</b>: a conditional update from <c>pending</c> (and due, and at the attempt count just read) to
/// <c>sending</c> under this process's sender id, after taking the process's <see cref="SenderLease"/>. Only one
/// update can match, so only one sender goes on.</item>
/// <item><b>Compose</b> the mail (<see cref="OutboxMailBuilder"/>): nothing has left yet; a failure here is recorded.</item>
/// <item><b>Mark handed over</b>: a conditional update of <see cref="OutboxMessage.HandedOverAt"/>, committed before
/// the transport is called. If it matches nothing, this sender lost its claim (it was judged dead): it stops, sends
/// nothing.</item>
/// <item><b>Hand over</b> to the transport: one attempt, whose <see cref="SendOutcome"/> is <c>sent</c>, <c>failed</c>
/// (transient or permanent) or <c>unknown</c>.</item>
/// <item><b>Record</b> the outcome and the attempt in one transaction: <c>sent</c>; a transient failure back to
/// <c>pending</c> with a backoff for this row alone while attempts remain, else <c>failed</c>; <c>failed</c>;
/// <c>unknown</c>, which is never retried.</item>
/// </list>
/// A process killed between 3 and 5 leaves the row <c>sending</c> and handed over: <see cref="OutboxRecovery"/> makes
/// it <c>unknown</c>; killed before 3, <c>pending</c> again.
/// </summary>
public sealed class OutboxSender(KpiDbContext db, OutboxMailBuilder builder, MailTransports transports, OutboxRecovery recovery, SenderLease lease,
    IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxSender> log)
{
    private const int MaxText = 2000;

    /// <summary>Where the time of the last <see cref="SendAsync"/> went, for the benchmark: the outbox's own work, composing, the transport.</summary>
    internal (TimeSpan Outbox, TimeSpan Compose, TimeSpan Transport) LastTimings { get; private set; }

    public async Task<SendResult> SendAsync(long id, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var row = await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (row is null) return new SendResult.Skipped($"There is no outbox row {id}.");
        if (row.Status == OutboxStatus.Sending && row.Sender != lease.Id)
        {
            if (!await recovery.JudgeIfAbandonedAsync(row, ct)) return new SendResult.Skipped($"Row {id} is being sent by {row.Sender}.");
            row = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct);
        }
        if (row.Status != OutboxStatus.Pending) return new SendResult.Skipped($"Row {id} is {row.Status.ToString().ToLowerInvariant()}.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (row.NextAttemptAt > now) return new SendResult.NotDue(row.NextAttemptAt);

        // 1. Claim.
        await lease.EnsureHeldAsync(ct);
        var attempt = row.Attempts + 1;
        var claimed = await db.Outbox
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.Attempts == row.Attempts && m.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.Sender, lease.Id).SetProperty(m => m.ClaimedAt, now)
                .SetProperty(m => m.Attempts, attempt).SetProperty(m => m.HandedOverAt, (DateTime?)null).SetProperty(m => m.UpdatedAt, now), ct);
        if (claimed == 0) return new SendResult.Skipped($"Row {id} was claimed by another sender.");
        var outboxTime = watch.Elapsed;

        // 2. Compose.
        var composing = Stopwatch.StartNew();
        ComposedMail mail;
        IMailTransport transport;
        try
        {
            mail = await builder.BuildAsync(row, ct);
            transport = await transports.CurrentAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ReleaseAsync(row, attempt, now, "The sender was stopped before handing the mail over; nothing was sent.");
            throw;
        }
        catch (OutboxContentException e)
        {
            return await RecordAsync(row, attempt, now, null, new SendOutcome.Failed(FailureKind.Permanent, null, e.Message), ct);
        }
        catch (SmtpSettingsException e)
        {
            return await RecordAsync(row, attempt, now, null, new SendOutcome.Failed(FailureKind.Transient, null, e.Message), ct);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            log.LogError(e, "Outbox row {Row}: the mail could not be made", id);
            return await RecordAsync(row, attempt, now, null, new SendOutcome.Failed(FailureKind.Transient, null, $"The mail could not be made: {e.Message}"), ct);
        }
        var composeTime = composing.Elapsed;

        // 3. Mark handed over, durably, before anything leaves.
        watch.Restart();
        var handedAt = clock.GetUtcNow().UtcDateTime;
        var marked = await Claim(id, attempt).ExecuteUpdateAsync(s => s.SetProperty(m => m.HandedOverAt, handedAt).SetProperty(m => m.UpdatedAt, handedAt), ct);
        if (marked == 0) return new SendResult.Skipped($"Row {id}: this sender lost its claim before handing the mail over; nothing was sent.");
        outboxTime += watch.Elapsed;

        // 4. Hand over.
        var sending = Stopwatch.StartNew();
        SendOutcome outcome;
        try
        {
            outcome = await transport.SendAsync(mail, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A transport gives up on cancellation only before the whole message was handed over: nothing left.
            await ReleaseAsync(row, attempt, now, "The sender was stopped while handing the mail over, before the message was complete; nothing was delivered.");
            throw;
        }
        catch (Exception e)
        {
            // A transport answers with an outcome; an exception after the mail was given to it may have come after delivery.
            log.LogError(e, "Outbox row {Row}: the transport failed", id);
            outcome = new SendOutcome.Unknown($"The transport failed after the mail was given to it: {e.Message}");
        }
        var transportTime = sending.Elapsed;

        // 5. Record.
        watch.Restart();
        var result = await RecordAsync(row, attempt, now, handedAt, outcome, ct);
        LastTimings = (outboxTime + watch.Elapsed, composeTime, transportTime);
        return result;
    }

    private IQueryable<OutboxMessage> Claim(long id, int attempt) =>
        db.Outbox.Where(m => m.Id == id && m.Status == OutboxStatus.Sending && m.Sender == lease.Id && m.Attempts == attempt);

    private async Task<SendResult> RecordAsync(OutboxMessage row, int attempt, DateTime started, DateTime? handedAt, SendOutcome outcome,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var o = options.Value;
        var tried = attempt - row.AttemptsAtResend;
        var (status, next, code, text, word, result) = outcome switch
        {
            SendOutcome.Sent s => (OutboxStatus.Sent, row.NextAttemptAt, (int?)null, s.Response, "sent", (SendResult)new SendResult.Sent(s.Response)),
            SendOutcome.Failed { MayRetry: true } f when tried < o.Attempts =>
                (OutboxStatus.Pending, now + o.DelayAfter(tried), f.StatusCode, f.Message, "retry",
                    new SendResult.Retrying(now + o.DelayAfter(tried), tried, o.Attempts, f.Message)),
            SendOutcome.Failed { MayRetry: true } f =>
                (OutboxStatus.Failed, row.NextAttemptAt, f.StatusCode, $"{f.Message} (gave up after {tried} attempts)", "failed",
                    new SendResult.Failed($"{f.Message} (gave up after {tried} attempts)")),
            SendOutcome.Failed f => (OutboxStatus.Failed, row.NextAttemptAt, f.StatusCode, f.Message, "failed", new SendResult.Failed(f.Message)),
            SendOutcome.Unknown u => (OutboxStatus.Unknown, row.NextAttemptAt, null, u.Message, "unknown", new SendResult.Unknown(u.Message)),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome}."),
        };
        text = Short(text);

        // Recorded even when the caller is stopping: what happened to the mail must not be lost.
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var updated = await db.Outbox
            .Where(m => m.Id == row.Id && m.Sender == lease.Id && m.Attempts == attempt && (m.Status == OutboxStatus.Sending || m.Status == OutboxStatus.Unknown))
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(m => m.Status, status).SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.SmtpCode, code)
                    .SetProperty(m => m.LastResult, text).SetProperty(m => m.UpdatedAt, now);
                if (status == OutboxStatus.Sent) s.SetProperty(m => m.SentAt, now);
                // Back to pending: the next claim starts a new attempt, not yet handed over.
                if (status == OutboxStatus.Pending) s.SetProperty(m => m.HandedOverAt, (DateTime?)null);
            }, CancellationToken.None);
        db.OutboxAttempts.Add(new OutboxAttempt
        {
            OutboxMessageId = row.Id, Number = attempt, Sender = lease.Id, StartedAt = started, HandedOverAt = handedAt, FinishedAt = now, Outcome = word,
            SmtpCode = code, Detail = text,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        if (updated == 0)
            log.LogWarning("Outbox row {Row} changed while {Sender} was sending it (judged by another process); the attempt ended {Outcome}: {Detail}",
                row.Id, lease.Id, word, text);
        else if (status is OutboxStatus.Failed or OutboxStatus.Unknown)
            log.LogWarning("Mail {Row} to {Address} {Outcome}: {Detail}", row.Id, row.Address, word, text);
        return result;
    }

    /// <summary>Gives a claimed row back as pending, when this sender stops before anything could have left.</summary>
    private async Task ReleaseAsync(OutboxMessage row, int attempt, DateTime started, string why)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var updated = await Claim(row.Id, attempt).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.HandedOverAt, (DateTime?)null).SetProperty(m => m.NextAttemptAt, now)
            .SetProperty(m => m.LastResult, why).SetProperty(m => m.UpdatedAt, now), CancellationToken.None);
        if (updated > 0)
        {
            db.OutboxAttempts.Add(new OutboxAttempt
            {
                OutboxMessageId = row.Id, Number = attempt, Sender = lease.Id, StartedAt = started, FinishedAt = now, Outcome = "interrupted", Detail = why,
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        await tx.CommitAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    private static string Short(string text) => text.Length <= MaxText ? text : text[..(MaxText - 1)] + "…";
}
