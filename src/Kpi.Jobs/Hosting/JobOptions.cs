using System.ComponentModel.DataAnnotations;

namespace Kpi.Jobs.Hosting;

/// <summary>The <c>Kpi:Jobs</c> configuration section: whether and how a process runs background jobs.</summary>
public sealed class JobOptions
{
    public const string Section = "Kpi:Jobs";

    /// <summary>Whether this process runs a Hangfire server. The API does by default; set false when workers do the work.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Jobs run at once in this process.</summary>
    [Range(1, 64)] public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// How long a job fetched by a worker that then died stays invisible before another worker takes it again.
    /// On PostgreSQL live workers keep renewing it (sliding), so it can be short: default 5 minutes. On SQLite it is
    /// not renewed, so it must outlast the longest job: default 30 minutes.
    /// </summary>
    public TimeSpan? InvisibilityTimeout { get; set; }
}
