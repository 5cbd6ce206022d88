using Kpi.Domain.Periods;

namespace Kpi.Demo.Company;

/// <summary>
/// Seeded random streams for the demo company. Each stream is named after what it generates, the department and the
/// month (<c>production|PROD-RESIN|2026-10</c>), so a month's figures do not depend on which other months or
/// departments are generated, nor in which order. Seeds come from FNV-1a over the name, never from
/// <see cref="string.GetHashCode()"/>, which .NET randomises per process. Values are built from integers and
/// decimals only: no doubles reach a record.
/// </summary>
internal static class DemoRandom
{
    public static Random Stream(string name, string department, Period month) => new(Seed($"{name}|{department}|{month}"));

    public static Random Stream(string name) => new(Seed(name));

    public static int Seed(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash & 0x7FFFFFFF);
    }

    /// <summary>A symmetric, centre-weighted deviation in [−spread, +spread] (the sum of two uniforms, a triangle).</summary>
    public static decimal Jitter(this Random rng, decimal spread) =>
        spread * (rng.Next(-1000, 1001) + rng.Next(-1000, 1001)) / 2000m;

    /// <summary>True with the given probability in thousandths.</summary>
    public static bool Permille(this Random rng, int permille) => rng.Next(1000) < permille;

    /// <summary>True with the given probability in ten-thousandths, for rates below one percent.</summary>
    public static bool PerTenThousand(this Random rng, int perTenThousand) => rng.Next(10000) < perTenThousand;

    /// <summary>An integer in [min, max], both included.</summary>
    public static int Between(this Random rng, int min, int max) => rng.Next(min, max + 1);

    /// <summary>A count around a mean, never negative.</summary>
    public static int Around(this Random rng, decimal mean, decimal spread) =>
        Math.Max(0, (int)Math.Round(mean + rng.Jitter(spread), MidpointRounding.AwayFromZero));

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>How many of <paramref name="trials"/> independent events happen, each with the probability given per ten thousand.</summary>
    public static int Binomial(this Random rng, int trials, int perTenThousand)
    {
        var hits = 0;
        for (var i = 0; i < trials; i++)
        {
            if (rng.PerTenThousand(perTenThousand)) hits++;
        }
        return hits;
    }
}
