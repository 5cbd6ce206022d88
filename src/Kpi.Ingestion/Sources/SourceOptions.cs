using System.ComponentModel.DataAnnotations;

namespace Kpi.Ingestion.Sources;

/// <summary>
/// The <c>Kpi:Sources</c> section: what an admin may point a source at, set by the operator (never by the API). Every
/// host that defines or runs sources reads the same settings; a worker with other settings would refuse what the API
/// accepted, saying so in the run history.
/// </summary>
public sealed class SourceOptions
{
    public const string Section = "Kpi:Sources";

    /// <summary>
    /// When not empty, the only hosts an http source (its first URL, next links and redirects alike) may reach:
    /// <c>mes.example.com</c>, <c>*.example.com</c> (names under it, not itself), either with <c>:port</c> to allow that
    /// port only; one entry may hold several, separated by commas. A host named exactly (not through <c>*.</c>) may also
    /// resolve to a loopback or link-local address, which is refused for every other host whether the list is empty or not.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>The most bytes one http page may have once decompressed; a larger page fails the run naming the limit.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxPageBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How many times larger than its compressed bytes a gzip, deflate or brotli page may grow (checked once it passed
    /// <see cref="CompressionCheckFloorBytes"/>): a few kilobytes that inflate to gigabytes fail early.
    /// </summary>
    [Range(2, 100_000)]
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Below this many decompressed bytes a page's compression ratio is not checked: small pages of repeated text compress very well.</summary>
    public const long CompressionCheckFloorBytes = 1024 * 1024;

    /// <summary>
    /// Set by the host, not by configuration: the demo MES's <c>host:port</c> (the API itself) when the demo is on, which
    /// may be loopback without turning <see cref="AllowedHosts"/> into a list of the only hosts allowed.
    /// </summary>
    internal List<string> LocalHosts { get; } = [];
}
