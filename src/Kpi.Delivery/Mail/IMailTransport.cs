using System.Globalization;

namespace Kpi.Delivery.Mail;

/// <summary>
/// The way composed mail leaves: a pickup folder of <c>.eml</c> files by default, SMTP when configured. One call is one
/// attempt for one message; what became of it is the returned <see cref="SendOutcome"/>, never an exception (an
/// exception means the caller cancelled, or a bug).
/// </summary>
public interface IMailTransport
{
    Task<SendOutcome> SendAsync(ComposedMail mail, CancellationToken cancellationToken = default);
}

/// <summary>
/// The rule every transport keeps before it touches a disk or a socket: a message over
/// <see cref="MailOptions.MaxMessageBytes"/> is a permanent failure that gives its size and the limit. Nothing is ever
/// sent with an attachment left out to make it fit.
/// </summary>
public abstract class MailTransport(long maxMessageBytes) : IMailTransport
{
    public async Task<SendOutcome> SendAsync(ComposedMail mail, CancellationToken cancellationToken = default)
    {
        if (mail.SizeBytes > maxMessageBytes)
        {
            return new SendOutcome.Failed(FailureKind.Permanent, null,
                $"The message is {Bytes(mail.SizeBytes)} bytes, over the limit of {Bytes(maxMessageBytes)} bytes ({MailOptions.Section}:MaxMessageBytes); " +
                "it was not sent. Attach fewer files or raise the limit (and the server's).");
        }
        return await DeliverAsync(mail, cancellationToken);
    }

    private static string Bytes(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Hands over a message that is within the size limit.</summary>
    protected abstract Task<SendOutcome> DeliverAsync(ComposedMail mail, CancellationToken cancellationToken);
}
