namespace Kpi.Testing;

/// <summary>Waits for a condition instead of sleeping a fixed time: as fast as the machine allows, and a clear failure when it never holds.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, failure);

    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>; the message is <paramref name="failure"/>'s.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {timeout}: {failure()}");
            await Task.Delay(Interval);
        }
    }
}
