using System.Diagnostics;

namespace Kpi.Testing.Http;

/// <summary>
/// A page's server time as the portal's figures are measured (the tour on the demo company, <c>scale portal</c> over
/// the large store): one request at a time on one loopback client, timed from sending to the last byte of the body,
/// after a few warm-up requests that are not counted. Every answer must be a success.
/// </summary>
public static class ServerTime
{
    public const int Warmup = 5, Timed = 60;

    /// <returns>p50 and p95 in milliseconds, and the body's size.</returns>
    /// <exception cref="InvalidOperationException">An answer was not a success (its status in the message).</exception>
    public static async Task<(double P50, double P95, int Bytes)> MeasureAsync(HttpClient client, string url)
    {
        var times = new List<double>();
        var bytes = 0;
        for (var i = 0; i < Warmup + Timed; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
            bytes = body.Length;
            if (i >= Warmup) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return (Percentile(times, 50), Percentile(times, 95), bytes);
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–100) of <paramref name="values"/>.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }
}
