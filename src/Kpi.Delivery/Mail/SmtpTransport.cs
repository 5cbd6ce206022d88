using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Kpi.Delivery.Mail;

/// <summary>
/// Sends through an SMTP server with MailKit: connect (TLS from the start, or STARTTLS), authenticate when a user is
/// set, send, quit — one connection per message, so one message's trouble never spills into another's. Each way an
/// attempt can end maps to one <see cref="SendOutcome"/>:
/// <list type="bullet">
/// <item>the server's final reply accepts the message: <c>Sent</c> with that reply;</item>
/// <item>the server answers a command with 4xx or 5xx (a refused recipient is 550): <c>Failed</c> with the code, transient
/// for 4xx and permanent for 5xx;</item>
/// <item>TLS, authentication or a missing server feature: <c>Failed</c>, permanent — an administrator must act;</item>
/// <item>the connection cannot be made or breaks before the whole message was written: <c>Failed</c>, transient
/// (nothing was delivered);</item>
/// <item>it breaks, or times out, after every byte of the message was written and before the final reply:
/// <c>Unknown</c>. The server may have delivered it, so it must not be resent automatically. "Every byte written" is
/// MailKit's own count of message bytes sent (<see cref="ITransferProgress"/>); a break between the last byte and
/// the end-of-data mark also counts as Unknown, which errs towards not mailing twice.</item>
/// </list>
/// </summary>
public sealed class SmtpTransport : MailTransport
{
    private readonly SmtpOptions smtp;
    private readonly string host;

    public SmtpTransport(SmtpOptions smtp, long maxMessageBytes) : base(maxMessageBytes)
    {
        var problems = smtp.Problems($"{MailOptions.Section}:Smtp").ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}")), nameof(smtp));
        this.smtp = smtp;
        host = smtp.Host!;
    }

    protected override async Task<SendOutcome> DeliverAsync(ComposedMail mail, CancellationToken cancellationToken)
    {
        var handOver = new HandOver(mail.SizeBytes);
        var stage = "connecting to";
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        string response;
        try
        {
            await client.ConnectAsync(await ConnectSocketAsync(cancellationToken), host, smtp.EffectivePort, SocketOptions(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                stage = "authenticating with";
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            }
            stage = "sending to";
            response = await client.SendAsync(ComposedMail.Format, mail.Message, cancellationToken, handOver);
        }
        catch (SmtpCommandException e)
        {
            return Refused(e);
        }
        catch (Exception e) when (e is AuthenticationException or SslHandshakeException or NotSupportedException or ServiceNotAuthenticatedException)
        {
            return new SendOutcome.Failed(FailureKind.Permanent, null, $"Failed {stage} {smtp}: {e.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !handOver.Complete)
        {
            throw; // the caller stopped before anything left: the mail is still to be sent
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or TimeoutException or OperationCanceledException
                                      or ServiceNotConnectedException)
        {
            return handOver.Complete
                ? new SendOutcome.Unknown($"The connection to {smtp} broke after the whole message ({handOver.Transferred.ToString("N0", CultureInfo.InvariantCulture)} bytes) was handed over " +
                                          $"and before the server confirmed it: {e.Message}")
                : new SendOutcome.Failed(FailureKind.Transient, null, $"Failed {stage} {smtp}: {e.Message}");
        }

        await QuitAsync(client);
        return new SendOutcome.Sent(response);
    }

    /// <summary>
    /// The TCP connection, made here rather than by MailKit to switch Nagle's algorithm off: a short write after the
    /// message (the end-of-data mark, QUIT) otherwise waits for the server's delayed ACK; against the loopback test
    /// server that halved the time per message. The connect is bounded by the same timeout as every command.
    /// </summary>
    private async Task<Socket> ConnectSocketAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(smtp.TimeoutSeconds));
            await socket.ConnectAsync(host, smtp.EffectivePort, timeout.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static SendOutcome.Failed Refused(SmtpCommandException e)
    {
        var code = (int)e.StatusCode;
        var what = e.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"the recipient {e.Mailbox?.Address}",
            SmtpErrorCode.SenderNotAccepted => $"the sender {e.Mailbox?.Address}",
            SmtpErrorCode.MessageNotAccepted => "the message",
            _ => "a command",
        };
        return new SendOutcome.Failed(code is >= 400 and < 500 ? FailureKind.Transient : FailureKind.Permanent, code,
            $"The server refused {what}: {code} {e.Message}");
    }

    /// <summary>The message is accepted once the final reply is in; a QUIT that fails after that changes nothing.</summary>
    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or TimeoutException or OperationCanceledException)
        {
            // Nothing to do: the server already took the message.
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    /// <summary>MailKit's count of the message bytes it has written, against the message's size.</summary>
    private sealed class HandOver(long size) : ITransferProgress
    {
        private long total = size;

        public long Transferred { get; private set; }

        public bool Complete => Transferred > 0 && Transferred >= total;

        public void Report(long bytesTransferred, long totalSize)
        {
            Transferred = bytesTransferred;
            total = totalSize;
        }

        public void Report(long bytesTransferred) => Transferred = bytesTransferred;
    }
}
