namespace Kpi.Delivery.Outbox;

/// <summary>What one call to <see cref="OutboxSender.SendAsync"/> did with a row.</summary>
public abstract record SendResult
{
    private SendResult() { }

    /// <summary>The mail left; <paramref name="Response"/> is the server's answer (or where the file was written).</summary>
    public sealed record Sent(string Response) : SendResult;

    /// <summary>A transient failure: the row waits until <paramref name="At"/> (UTC) for its next attempt.</summary>
    public sealed record Retrying(DateTime At, int Attempt, int Attempts, string Reason) : SendResult;

    /// <summary>It did not leave and will not be tried again automatically.</summary>
    public sealed record Failed(string Reason) : SendResult;

    /// <summary>It was handed over and the answer never came: it may have been delivered. Never resent automatically.</summary>
    public sealed record Unknown(string Reason) : SendResult;

    /// <summary>Not yet: the row's next attempt is due at <paramref name="At"/> (UTC).</summary>
    public sealed record NotDue(DateTime At) : SendResult;

    /// <summary>Nothing to do: the row is already sent, failed or unknown, or another sender has it.</summary>
    public sealed record Skipped(string Why) : SendResult;
}
