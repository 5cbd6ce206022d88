namespace Kpi.Storage.Sources;

/// <summary>
/// How far a source has been read: the largest change marker (an <c>updated_at</c> or a sequence number) of the
/// records committed so far. Written in the same transaction as the records it covers, so it can never run ahead of
/// them. Removed with its source.
/// </summary>
public sealed class SourceWatermark
{
    public string SourceName { get; set; } = "";
    /// <summary>The marker as text, exactly as the next run sends it back (query parameter or SQL <c>@since</c>).</summary>
    public string Value { get; set; } = "";
    /// <summary>How to hand <see cref="Value"/> back to a SQL source: <c>instant</c>, <c>number</c> or <c>text</c>.</summary>
    public string Type { get; set; } = "text";
    public DateTime UpdatedAt { get; set; }
    public long SourceRunId { get; set; }
}
