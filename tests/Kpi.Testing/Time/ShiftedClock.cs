namespace Kpi.Testing.Time;

/// <summary>
/// The machine's time moved by <see cref="Offset"/>: a running host keeps its time flowing (timers, waits, Hangfire)
/// while a test jumps ahead past an expiry instead of waiting for it.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
