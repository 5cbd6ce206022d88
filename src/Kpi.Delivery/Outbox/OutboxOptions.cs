using System.ComponentModel.DataAnnotations;

namespace Kpi.Delivery.Outbox;

/// <summary>
/// The <c>Kpi:Outbox</c> configuration section: how often a recipient's mail is tried again after a transient failure
/// (a 4xx answer, a connection that failed before the message was handed over), how long to wait, and how often the
/// sweep looks for rows left behind.
/// </summary>
public sealed class OutboxOptions
{
    public const string Section = "Kpi:Outbox";

    /// <summary>Attempts in all, the first included, before a transient failure becomes <c>failed</c>.</summary>
    [Range(1, 20)] public int Attempts { get; set; } = 5;

    /// <summary>The wait before the second attempt; it doubles for each further one.</summary>
    [Range(1, 86_400)] public int RetryDelaySeconds { get; set; } = 60;

    /// <summary>The longest wait between two attempts.</summary>
    [Range(1, 86_400)] public int MaxRetryDelaySeconds { get; set; } = 3600;

    /// <summary>
    /// How often the sweep runs (cron, UTC): it judges rows left <c>sending</c> by a sender that died, and queues again
    /// pending rows whose job went missing.
    /// </summary>
    [Required] public string SweepCron { get; set; } = "*/5 * * * *";

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, after attempt <paramref name="attempt"/> failed (1-based).</summary>
    public TimeSpan DelayAfter(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(RetryDelaySeconds * Math.Pow(2, Math.Max(0, attempt - 1)), MaxRetryDelaySeconds));
}
