using MimeKit;

namespace Kpi.Delivery.Mail;

/// <summary>
/// A MIME message ready to leave, with its size measured exactly as it will be written (CRLF line ends, every part
/// encoded). Only <see cref="MailComposer"/> makes one, so a transport always knows the size before it connects.
/// </summary>
public sealed class ComposedMail
{
    internal ComposedMail(MimeMessage message, long sizeBytes)
    {
        Message = message;
        SizeBytes = sizeBytes;
    }

    public MimeMessage Message { get; }

    /// <summary>The id without angle brackets, as the outbox stores it.</summary>
    public string MessageId => Message.MessageId!;

    public long SizeBytes { get; }

    /// <summary>How messages are written, for measuring, for SMTP and for <c>.eml</c> files alike: CRLF, as RFC 5322 wants it.</summary>
    internal static FormatOptions Format { get; } = CreateFormat();

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
