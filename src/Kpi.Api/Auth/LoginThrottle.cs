using System.Collections.Concurrent;

namespace Kpi.Api.Auth;

/// <summary>
/// Slows password guessing: after <see cref="PerName"/> failed sign-ins for one user name (known or not, so the answer
/// does not tell which names exist), or <see cref="PerAddress"/> from one address, within <see cref="Window"/>, further
/// attempts are refused with 429 until the oldest failure leaves the window. Identity's lockout holds a known user's
/// failures across restarts and hosts as well; this also covers unknown names and spraying from one address.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int PerName = 5;
    public const int PerAddress = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Queue<DateTime>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait, or null when they may try.</summary>
    public TimeSpan? RetryAfter(string userName, string? address)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Max(Wait(NameKey(userName), PerName, now), address is null ? null : Wait(AddressKey(address), PerAddress, now));
    }

    public void Failed(string userName, string? address)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Add(NameKey(userName), now);
        if (address is not null) Add(AddressKey(address), now);
    }

    public void Succeeded(string userName) => _failures.TryRemove(NameKey(userName), out _);

    private TimeSpan? Wait(string key, int limit, DateTime now)
    {
        if (!_failures.TryGetValue(key, out var times)) return null;
        lock (times)
        {
            while (times.Count > 0 && times.Peek() <= now - Window) times.Dequeue();
            return times.Count < limit ? null : times.Peek() + Window - now;
        }
    }

    private void Add(string key, DateTime now)
    {
        var times = _failures.GetOrAdd(key, _ => new Queue<DateTime>());
        lock (times)
        {
            while (times.Count > 0 && times.Peek() <= now - Window) times.Dequeue();
            times.Enqueue(now);
            // Bounded: only the newest failures matter for the limit.
            while (times.Count > Math.Max(PerName, PerAddress)) times.Dequeue();
        }
    }

    private static string NameKey(string userName) => "name:" + userName.Trim().ToUpperInvariant();

    private static string AddressKey(string address) => "address:" + address;

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
