namespace Kpi.Storage.Close;

/// <summary>
/// A rendered report, stored once per (report, period, subject, version, language, format) with its SHA-256: every
/// later download returns these bytes. <see cref="Subject"/> is the department code of a department pack and empty for
/// the executive summary (no department code is empty); <see cref="Version"/> is the department's version, or the
/// period's revision for the summary.
/// </summary>
public sealed class StoredFile
{
    public const string DepartmentReport = "department";
    public const string SummaryReport = "summary";

    public long Id { get; set; }
    public string Report { get; set; } = "";
    public string Period { get; set; } = "";
    public string Subject { get; set; } = "";
    public int Version { get; set; }
    public string Language { get; set; } = "";
    public string Format { get; set; } = "";
    public string ContentType { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>: the download's ETag.</summary>
    public string Sha256 { get; set; } = "";

    public long Size { get; set; }
    public DateTime CreatedAt { get; set; }
    public byte[] Content { get; set; } = [];
}
