using System.Security.Cryptography;
using System.Text;
using Kpi.Reporting.Mail;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.IO;
using MimeKit.Text;

namespace Kpi.Delivery.Mail;

/// <summary>
/// Wraps a rendered mail into the MIME message that leaves: From (the configured sender), To, subject, Date (from the
/// injected clock), the caller's Message-ID, text and HTML as multipart/alternative, the files as attachments under
/// their own names, and the exact size. It never drops or shrinks an attachment: the size check is the transport's,
/// before it connects.
/// </summary>
public sealed class MailComposer(IOptions<MailOptions> options, TimeProvider clock)
{
    private readonly MailboxAddress from = MailAddresses.Parse(options.Value.From);

    public ComposedMail Compose(OutgoingMail mail)
    {
        if (MailAddresses.Problem("to", mail.To.Address) is { } problem)
            throw new ArgumentException($"{problem.Field}: {problem.Reason}", nameof(mail));

        var message = new MimeMessage
        {
            MessageId = mail.MessageId,
            Date = clock.GetUtcNow(),
            Subject = mail.Body.Subject,
            Body = Body(mail),
        };
        message.From.Add(from.Clone());
        message.To.Add(new MailboxAddress(mail.To.DisplayName ?? "", MailAddresses.Parse(mail.To.Address).Address));
        // An automatic mail: no out-of-office replies back to the sender (RFC 3834; Exchange's own header for Outlook).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");

        using var measure = new MeasuringStream();
        message.WriteTo(ComposedMail.Format, measure);
        return new ComposedMail(message, measure.Length);
    }

    /// <summary>
    /// A Message-ID that is the same whenever the same <paramref name="parts"/> are given — say the subscription, the
    /// period, its revision and the recipient — so a row of the outbox has one id however often it is composed. The parts
    /// are hashed (an address never shows in the id) and the sender's domain ends it: <c>kpi.3f9c…@huacai.example</c>.
    /// </summary>
    public string MessageId(params string[] parts)
    {
        if (parts.Length == 0) throw new ArgumentException("A Message-ID is derived from at least one part.", nameof(parts));
        var key = string.Join('\n', parts.Select(p => $"{p.Length}:{p}"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        var domain = from.Domain is { Length: > 0 } d ? d : "localhost";
        return $"kpi.{hash}@{domain}";
    }

    private static MimeEntity Body(OutgoingMail mail)
    {
        var alternative = new MultipartAlternative { Text(TextFormat.Plain, mail.Body.Text), Text(TextFormat.Html, mail.Body.Html) };
        if (mail.Attachments.Count == 0) return alternative;

        var mixed = new Multipart("mixed") { alternative };
        foreach (var attachment in mail.Attachments) mixed.Add(Attachment(attachment));
        return mixed;
    }

    /// <summary>UTF-8, in whichever of quoted-printable and base64 is shorter for it, so no server has to re-encode it.</summary>
    private static TextPart Text(TextFormat format, string content)
    {
        var part = new TextPart(format);
        part.SetText(Encoding.UTF8, content);
        part.ContentTransferEncoding = part.GetBestEncoding(EncodingConstraint.SevenBit);
        return part;
    }

    private static MimePart Attachment(MailAttachment attachment)
    {
        if (string.IsNullOrWhiteSpace(attachment.FileName) || attachment.FileName.Any(c => char.IsControl(c) || c is '/' or '\\'))
            throw new ArgumentException($"'{attachment.FileName}' is not a file name for an attachment.", nameof(attachment));
        var part = new MimePart(ContentType.Parse(attachment.ContentType))
        {
            Content = new MimeContent(new MemoryStream(attachment.Content, writable: false)),
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        AttachmentNames.Apply(part, attachment.FileName);
        return part;
    }
}
