using Kpi.Reporting.Mail;

namespace Kpi.Delivery.Mail;

/// <summary>Who a mail is for: the name shown in the To line (optional) and the address.</summary>
public sealed record MailRecipient(string? DisplayName, string Address);

/// <summary>A file sent with a mail, as stored: its name as the recipient sees it (Chinese is fine), media type and bytes.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content)
{
    public const string Pdf = "application/pdf";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>
/// One mail to one recipient, as the outbox holds it: a Message-ID the caller derived from what the mail is (see
/// <see cref="MailComposer.MessageId"/>), so the same row always yields the same id; the rendered words; the files.
/// </summary>
public sealed record OutgoingMail(string MessageId, MailRecipient To, RenderedMail Body, IReadOnlyList<MailAttachment> Attachments);
