namespace Kpi.Testing.Time;

/// <summary>A clock that says what the test says: rules take time from a <see cref="TimeProvider"/>, never from the machine.</summary>
public sealed class FixedClock(DateTime utc) : TimeProvider
{
    public DateTime Now { get; set; } = utc;

    public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
}
