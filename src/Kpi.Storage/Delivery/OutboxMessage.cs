namespace Kpi.Storage.Delivery;

/// <summary>
/// One mail to one recipient, created once: for a subscription, one row per (subscription, period, revision,
/// recipient) — a unique index says so — and for any other mail (an appraisal reminder) one per caller's key, which
/// its <see cref="MessageId"/> is derived from. The row holds everything the mail is made from (the recipient's address
/// and scope as they were when it was planned, the report, language and formats, or the words of a mail that is not a
/// report), so composing it again gives the same mail with the same Message-ID.
/// </summary>
/// <remarks>
/// States: <see cref="OutboxStatus.Pending"/> → <see cref="OutboxStatus.Sending"/> (claimed by one sender; handed over
/// when <see cref="HandedOverAt"/> is set) → <see cref="OutboxStatus.Sent"/> | <see cref="OutboxStatus.Failed"/> |
/// <see cref="OutboxStatus.Unknown"/>, or back to pending with <see cref="NextAttemptAt"/> after a transient failure.
/// See src/Kpi.Delivery/README.md.
/// </remarks>
public sealed class OutboxMessage
{
    public const int KeyLength = 300;

    public long Id { get; set; }

    /// <summary><c>executive_summary</c>, <c>department_packs</c>, or another caller's kind (<c>appraisal_reminder</c>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Null for a mail that belongs to no subscription.</summary>
    public long? SubscriptionId { get; set; }

    /// <summary>The closed month the mail reports on (<c>2026-10</c>); empty for a mail that is not a report.</summary>
    public string Period { get; set; } = "";

    /// <summary>The period's revision the mail reports (1 = the close, 2 and on = corrections); 0 for other mail.</summary>
    public int Revision { get; set; }

    /// <summary>
    /// Who it is for within its subscription (<c>user:12</c>, <c>email:ceo@huacai.example</c>), or the caller's key for
    /// other mail: the part of the row's identity that is not subscription, period or revision.
    /// </summary>
    public string RecipientKey { get; set; } = "";

    /// <summary>Why the row was made: <c>after_close</c>, <c>cron</c>, <c>manual</c>, or the caller's word.</summary>
    public string Trigger { get; set; } = "";

    public string Address { get; set; } = "";
    public string? DisplayName { get; set; }

    /// <summary>The recipient's role when the row was planned.</summary>
    public string? Role { get; set; }

    /// <summary>
    /// The recipient's scope when the row was planned, as <c>Kpi.Delivery.Outbox.ScopeText</c> writes it: <c>*</c> for
    /// the whole company, else the department codes whose subtrees they may see.
    /// </summary>
    public string Scope { get; set; } = "";

    public string Language { get; set; } = "zh";

    /// <summary>The attached formats, comma-separated.</summary>
    public string Attachments { get; set; } = "";

    /// <summary>Without angle brackets; unique, derived from what the row is, the same every time it is composed.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>The words of a mail that is not a report (a reminder); null for reports, rendered when sent.</summary>
    public string? Subject { get; set; }
    public string? Html { get; set; }
    public string? Text { get; set; }

    public OutboxStatus Status { get; set; }

    /// <summary>Attempts made, counting claims: a claim is the start of an attempt.</summary>
    public int Attempts { get; set; }

    /// <summary><see cref="Attempts"/> when an admin last resent the row: automatic retries count from there.</summary>
    public int AttemptsAtResend { get; set; }

    /// <summary>A pending row is not claimed before this (backoff after a transient failure).</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>The sender (process) that claimed the row; it holds a lock for as long as it lives.</summary>
    public string? Sender { get; set; }

    public DateTime? ClaimedAt { get; set; }

    /// <summary>
    /// Set, durably, just before the mail is given to the transport. A row left <c>sending</c> by a dead sender
    /// without it was never handed over (safe to send again); with it, it may have been delivered (<c>unknown</c>).
    /// </summary>
    public DateTime? HandedOverAt { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The last SMTP reply code, when a server gave one.</summary>
    public int? SmtpCode { get; set; }

    /// <summary>The last server answer (sent) or what went wrong (failed, unknown, retrying).</summary>
    public string? LastResult { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<OutboxAttempt> AttemptLog { get; set; } = [];
}

public enum OutboxStatus
{
    /// <summary>Waiting to be sent (again, after <see cref="OutboxMessage.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>Claimed by one sender, which is composing or sending it.</summary>
    Sending,

    /// <summary>The server (or the pickup folder) took it.</summary>
    Sent,

    /// <summary>It did not leave, for good or after its retries: the reason is kept.</summary>
    Failed,

    /// <summary>It was handed over and then nobody heard back: it may have been delivered. Never resent automatically.</summary>
    Unknown,
}

/// <summary>One attempt at sending an outbox row: who tried, when, and what came of it, in words and SMTP code.</summary>
public sealed class OutboxAttempt
{
    public long Id { get; set; }
    public long OutboxMessageId { get; set; }

    /// <summary>1 for the first attempt, counting every claim of the row.</summary>
    public int Number { get; set; }

    public string Sender { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? HandedOverAt { get; set; }
    public DateTime FinishedAt { get; set; }

    /// <summary><c>sent</c>, <c>retry</c>, <c>failed</c>, <c>unknown</c>, <c>interrupted</c> (its sender stopped before handing it over).</summary>
    public string Outcome { get; set; } = "";

    public int? SmtpCode { get; set; }

    /// <summary>The server's answer, or what went wrong.</summary>
    public string Detail { get; set; } = "";
}

/// <summary>
/// The after-close planning of one revision of a period, done once: written in the same transaction as the rows it
/// planned, so a second trigger for the same revision (a retried job, a close that changed nothing) plans nothing and
/// a subscription made later does not mail a period closed before it existed.
/// </summary>
public sealed class DeliveryRound
{
    public long Id { get; set; }
    public string Period { get; set; } = "";
    public int Revision { get; set; }
    public DateTime PlannedAt { get; set; }
}

/// <summary>
/// SMTP settings an admin stored through the API; they take precedence over <c>Kpi:Mail:Smtp</c>. One row at most.
/// The password is kept encrypted with Data Protection (<c>protected:v1:…</c>) and never returned.
/// </summary>
public sealed class SmtpSettingsEntity
{
    public int Id { get; set; }
    public string Host { get; set; } = "";
    public int? Port { get; set; }
    public string Security { get; set; } = "";
    public string? User { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 60;
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}
