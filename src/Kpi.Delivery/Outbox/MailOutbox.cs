using Kpi.Delivery.Mail;
using Kpi.Delivery.Subscriptions;
using Kpi.Reporting.Mail;
using Kpi.Storage;
using Kpi.Storage.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Delivery.Outbox;

/// <summary>
/// A mail that is not a report, for the outbox to send once: an appraisal reminder, say. <paramref name="Kind"/> names
/// what it is (<c>appraisal_reminder</c>); <paramref name="Key"/> says which one (<c>cycle:12:employee:HC0042:reminder:1</c>):
/// the same kind and key are the same mail, created and sent once however often it is asked for.
/// </summary>
public sealed record OutboxMail(string Kind, string Key, MailRecipient To, RenderedMail Body);

/// <summary>An outbox row as its caller needs to know it: which row, its Message-ID, where it stands, and whether this call made it.</summary>
public sealed record OutboxEntry(long Id, string MessageId, string Status, bool Created);

/// <summary>
/// The outbox for any mail that is not a report (reports are planned from subscriptions by <see cref="OutboxPlanner"/>):
/// <see cref="EnqueueAsync"/> stores the mail's words under a Message-ID derived from its kind and key, and queues it.
/// From there it is sent like every other row: claimed once, retried with backoff on transient failures, never resent
/// automatically when its fate is unknown, listed in <c>GET /api/deliveries</c>.
/// </summary>
public sealed class MailOutbox(KpiDbContext db, MailComposer composer, IOutboxQueue queue, TimeProvider clock)
{
    public async Task<OutboxEntry> EnqueueAsync(OutboxMail mail, CancellationToken ct = default)
    {
        var messageId = Checked(mail);
        if (await FindAsync(messageId, ct) is { } existing) return existing with { Created = false };
        var row = NewRow(mail, messageId);
        db.Outbox.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (StorageErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return (await FindAsync(messageId, ct))! with { Created = false };
        }
        db.ChangeTracker.Clear();
        queue.Send(row.Id);
        return new OutboxEntry(row.Id, messageId, Deliveries.StatusName(row.Status), true);
    }

    /// <summary>
    /// Adds the mail's row to the caller's unit of work, neither saved nor queued, so that it commits with the caller's
    /// own rows or not at all (the appraisal reminder job records the reminder and its mails together). Null when the mail
    /// exists already. Hand the rows to <see cref="Queue"/> after the commit: a send job queued before it could look for
    /// a row not yet there.
    /// </summary>
    public async Task<OutboxMessage?> StageAsync(OutboxMail mail, CancellationToken ct = default)
    {
        var messageId = Checked(mail);
        if (await FindAsync(messageId, ct) is not null) return null;
        var row = NewRow(mail, messageId);
        db.Outbox.Add(row);
        return row;
    }

    /// <summary>Queues the sending of staged rows once their transaction committed.</summary>
    public void Queue(IEnumerable<OutboxMessage> committed)
    {
        foreach (var row in committed) queue.Send(row.Id);
    }

    /// <summary>The mail's Message-ID, once its kind, key and address are ones the outbox takes.</summary>
    private string Checked(OutboxMail mail)
    {
        if (string.IsNullOrWhiteSpace(mail.Kind) || mail.Kind.Length > 32 || ReportKinds.All.Contains(mail.Kind))
            throw new ArgumentException($"'{mail.Kind}' is not a kind of mail the outbox takes from callers (1–32 characters, not a report).", nameof(mail));
        if (string.IsNullOrWhiteSpace(mail.Key) || mail.Key.Length > OutboxMessage.KeyLength)
            throw new ArgumentException($"A mail's key is 1–{OutboxMessage.KeyLength} characters.", nameof(mail));
        if (MailAddresses.Problem("to", mail.To.Address) is { } bad) throw new ArgumentException($"{bad.Field}: {bad.Reason}", nameof(mail));
        return composer.MessageId(mail.Kind, mail.Key);
    }

    private OutboxMessage NewRow(OutboxMail mail, string messageId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var address = MailAddresses.Parse(mail.To.Address);
        return new OutboxMessage
        {
            Kind = mail.Kind, RecipientKey = mail.Key, Trigger = mail.Kind, Address = address.Address,
            DisplayName = mail.To.DisplayName ?? (address.Name is { Length: > 0 } n ? n : null), MessageId = messageId,
            Subject = mail.Body.Subject, Html = mail.Body.Html, Text = mail.Body.Text, Status = OutboxStatus.Pending, NextAttemptAt = now,
            CreatedAt = now, UpdatedAt = now,
        };
    }

    private async Task<OutboxEntry?> FindAsync(string messageId, CancellationToken ct)
    {
        var row = await db.Outbox.AsNoTracking().Where(m => m.MessageId == messageId).Select(m => new { m.Id, m.Status }).FirstOrDefaultAsync(ct);
        return row is null ? null : new OutboxEntry(row.Id, messageId, Deliveries.StatusName(row.Status), false);
    }
}
