using System.ComponentModel.DataAnnotations;

namespace Kpi.Ingestion.Imports;

/// <summary>The <c>Kpi:Imports</c> configuration section: limits on what an upload may send.</summary>
public sealed class ImportOptions
{
    public const string Section = "Kpi:Imports";

    /// <summary>The largest file an upload may send.</summary>
    [Range(1, long.MaxValue)] public long MaxBytes { get; set; } = 256L * 1024 * 1024;
}
