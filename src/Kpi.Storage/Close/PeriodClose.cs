namespace Kpi.Storage.Close;

/// <summary>
/// The monthly close of one period: whether it is being frozen, rendered or done, how many times its numbers have been
/// frozen with a change (<see cref="Revision"/>), and up to which import run its frozen numbers are known to include.
/// </summary>
public sealed class PeriodClose
{
    public const int PeriodLength = 16;

    public int Id { get; set; }

    /// <summary>The month, as <c>2026-10</c>.</summary>
    public string Period { get; set; } = "";

    public CloseStatus Status { get; set; }

    /// <summary>
    /// Counts the freezes that changed some department's numbers: 1 after the first close, 2 after the first
    /// restatement… The executive summary is versioned by it; department packs carry their own versions.
    /// </summary>
    public int Revision { get; set; }

    public DateTime RequestedAt { get; set; }
    public string RequestedBy { get; set; } = "";

    /// <summary>When the numbers were first frozen.</summary>
    public DateTime? FirstFrozenAt { get; set; }

    /// <summary>When the numbers were last frozen, whether or not anything had changed.</summary>
    public DateTime? LastFrozenAt { get; set; }

    /// <summary>
    /// Every import run with an id up to this one had finished when the last freeze started, so its rows are in the
    /// frozen numbers. Runs above it are what a restatement check looks at.
    /// </summary>
    public long RunWatermark { get; set; }

    public string? CloseJobId { get; set; }
    public string? SummaryJobId { get; set; }
    public string? Error { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum CloseStatus
{
    /// <summary>A close was asked for; the numbers are being frozen.</summary>
    Closing,
    /// <summary>The numbers are frozen; packs are being rendered.</summary>
    Rendering,
    /// <summary>Every department pack (zh, PDF and XLSX) and the executive summary of the latest revision are stored.</summary>
    Closed,
    /// <summary>The freeze failed; <see cref="PeriodClose.Error"/> says why. Closing again retries.</summary>
    Failed,
}
