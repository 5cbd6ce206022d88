using System.Globalization;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Delivery.Outbox;

/// <summary>One attempt at a row, as the admin reads it.</summary>
public sealed record AttemptView(int Number, string Sender, DateTime StartedAt, DateTime? HandedOverAt, DateTime FinishedAt, string Outcome,
    int? SmtpCode, string Detail);

/// <summary>
/// One recipient's mail as the admin reads it (<c>GET /api/deliveries</c>): what it is, to whom, where it stands, every
/// attempt with its time and the server's answer or the error. <paramref name="Correction"/>: a revision after the
/// first, which the subject calls a correction.
/// </summary>
public sealed record DeliveryView(
    long Id, string Kind, long? Subscription, string? Period, int? Revision, bool Correction, string Recipient, string? Name, string? Role,
    string Status, string Trigger, int Attempts, DateTime? NextAttemptAt, DateTime CreatedAt, DateTime? SentAt, int? SmtpCode, string? Result,
    string MessageId, IReadOnlyList<AttemptView> AttemptLog);

/// <summary>The answer to a resend: the row queued again, or why not (not found, or still in the outbox's hands).</summary>
public sealed record ResendResult(DeliveryView? Delivery, string? Refusal, bool Found = true);

/// <summary>
/// The outbox as the admin (and the portal) reads and acts on it: rows with their attempts, filtered by period and
/// status; and the one way a mail is sent again on purpose, <see cref="ResendAsync"/> — audited, since it may put a
/// second copy in someone's inbox.
/// </summary>
public sealed class Deliveries(KpiDbContext db, IOutboxQueue queue, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Statuses = Enum.GetValues<OutboxStatus>().Select(StatusName).ToList();

    public static string StatusName(OutboxStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseStatus(string? text, out OutboxStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && !int.TryParse(text, out _);

    /// <summary>Newest first, at most <paramref name="limit"/> rows.</summary>
    public async Task<IReadOnlyList<DeliveryView>> ListAsync(string? period, OutboxStatus? status, long? subscription, int limit, CancellationToken ct = default)
    {
        var query = db.Outbox.AsNoTracking();
        if (period is not null) query = query.Where(m => m.Period == period);
        if (status is { } s) query = query.Where(m => m.Status == s);
        if (subscription is { } id) query = query.Where(m => m.SubscriptionId == id);
        var rows = await query.OrderByDescending(m => m.Id).Take(limit).Include(m => m.AttemptLog).AsSplitQuery().ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public async Task<DeliveryView?> GetAsync(long id, CancellationToken ct = default)
    {
        var row = await db.Outbox.AsNoTracking().Include(m => m.AttemptLog).FirstOrDefaultAsync(m => m.Id == id, ct);
        return row is null ? null : View(row);
    }

    /// <summary>
    /// Sends a row again, by hand: a row that is <c>failed</c>, <c>unknown</c> or even <c>sent</c> goes back to
    /// <c>pending</c> with a fresh budget of automatic retries, under the same Message-ID (clients that already hold the
    /// mail may recognise it). Refused for a row still pending or being sent. Audited with the row's state before.
    /// </summary>
    public async Task<ResendResult> ResendAsync(long id, string actor, CancellationToken ct = default)
    {
        var row = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (row is null) return new ResendResult(null, null, Found: false);
        if (row.Status is OutboxStatus.Pending or OutboxStatus.Sending)
            return new ResendResult(null, $"Delivery {id} is {StatusName(row.Status)}: the outbox is still sending it.");

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.Outbox.Where(m => m.Id == id && m.Status == row.Status && m.Attempts == row.Attempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.AttemptsAtResend, row.Attempts)
                .SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.HandedOverAt, (DateTime?)null)
                .SetProperty(m => m.LastResult, $"Resent by {actor}").SetProperty(m => m.UpdatedAt, now), ct);
        if (updated == 0) return new ResendResult(null, $"Delivery {id} changed meanwhile; look at it again.");
        db.Record(now, actor, "delivery.resent", "delivery", id.ToString(CultureInfo.InvariantCulture), new
        {
            before = new { status = StatusName(row.Status), attempts = row.Attempts, result = row.LastResult, smtp_code = row.SmtpCode },
            recipient = row.Address, kind = row.Kind, period = row.Period, revision = row.Revision, message_id = row.MessageId,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        queue.Send(id);
        return new ResendResult(await GetAsync(id, ct), null);
    }

    private static DeliveryView View(OutboxMessage m) => new(
        m.Id, m.Kind, m.SubscriptionId, m.Period.Length == 0 ? null : m.Period, m.Revision == 0 ? null : m.Revision, m.Revision > 1,
        m.Address, m.DisplayName, m.Role, StatusName(m.Status), m.Trigger, m.Attempts,
        m.Status == OutboxStatus.Pending ? m.NextAttemptAt : null, m.CreatedAt, m.SentAt, m.SmtpCode, m.LastResult, m.MessageId,
        m.AttemptLog.OrderBy(a => a.Id).Select(a => new AttemptView(a.Number, a.Sender, a.StartedAt, a.HandedOverAt, a.FinishedAt, a.Outcome,
            a.SmtpCode, a.Detail)).ToList());
}
