namespace Kpi.Domain.Metrics.Rules;

/// <summary>
/// 48小时回访率 (<c>callback_48h</c>): of the tickets opened in the period (placed by <c>opened_at</c> in the company time
/// zone), the share called back within 48 hours.
/// </summary>
/// <remarks>
/// The database does not evaluate this rule itself: the import stores its result with each ticket
/// (<c>ticket_records.callback_in48h</c>), because SQLite cannot subtract two timestamps exactly. The metric queries
/// count that stored flag; a differential test holds it against this rule on SQLite and PostgreSQL.
/// </remarks>
public static class Callback48h
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    /// <summary>
    /// <c>(opened_at, callback_at)</c>: called back at most 48 hours after opening, inclusive — exactly 48:00:00 counts,
    /// a microsecond more does not. No callback does not count (the ticket still counts as opened).
    /// </summary>
    public static Rule<DateTime, DateTime?> IsCalledBackInTime { get; } = new((opened, callback) => callback != null && callback - opened <= Window);
}
