namespace Kpi.Delivery.Mail;

/// <summary>Whether trying the same mail again later may succeed.</summary>
public enum FailureKind
{
    /// <summary>The server said "not now" (a 4xx reply), or the connection failed before the message was handed over.</summary>
    Transient,

    /// <summary>The server refused it for good (a 5xx reply), the configuration is wrong, or the message is too large.</summary>
    Permanent,
}

/// <summary>
/// What became of one attempt to send one mail, in the terms the outbox stores. Exactly one of three things:
/// <list type="bullet">
/// <item><see cref="Sent"/>: the server accepted it (its final reply is kept as proof).</item>
/// <item><see cref="Failed"/>: it did not leave; <see cref="Failed.Kind"/> says whether a retry may help.</item>
/// <item><see cref="Unknown"/>: the whole message was handed over and then the connection broke before the server's
/// final reply. It may have been delivered: never resend it automatically, only by hand.</item>
/// </list>
/// </summary>
public abstract record SendOutcome
{
    private SendOutcome() { }

    /// <param name="Response">The server's final reply to the message (SMTP), or where the file was written (pickup folder).</param>
    public sealed record Sent(string Response) : SendOutcome;

    /// <param name="Kind">Whether a retry may help.</param>
    /// <param name="StatusCode">The SMTP reply code (550, 451, …) when a server answered; null when none did.</param>
    /// <param name="Message">What went wrong, in words an administrator can act on.</param>
    public sealed record Failed(FailureKind Kind, int? StatusCode, string Message) : SendOutcome
    {
        public bool MayRetry => Kind == FailureKind.Transient;
    }

    /// <param name="Message">Where the connection broke.</param>
    public sealed record Unknown(string Message) : SendOutcome;
}
