namespace Kpi.Storage.Close;

/// <summary>
/// A rendered report, stored once per (report, period, subject, version, language, format) with its SHA-256: every
/// later download returns these bytes. <see cref="Subject"/> is the department code of a department pack and empty for
/// the executive summary (no department code is empty); <see cref="Version"/> is the department's version, or the
/// period's revision for the summary.
/// </summary>
public sealed class StoredFile
{
    /// <summary>A department pack as frozen: every line's figures.</summary>
    public const string DepartmentReport = "department";

    /// <summary>
    /// A department pack showing only the lines computed over the department itself: the variant for readers who may not
    /// see every department the card's lines are scoped to. A report name of its own keeps it apart from the full pack
    /// under the same key columns, and out of the close's render progress (which counts <see cref="DepartmentReport"/>).
    /// </summary>
    public const string DepartmentOwnLinesReport = "department-own";

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
