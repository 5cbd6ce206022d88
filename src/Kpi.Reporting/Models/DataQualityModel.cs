namespace Kpi.Reporting.Models;

/// <summary>An input row the import refused: where it was (source file or feed, line, column) and why.</summary>
public sealed record RejectedRow(string Source, long Line, string? Column, string Reason);

/// <summary>A scorecard metric that had no data for the period, and the record kind that would have fed it.</summary>
public sealed record NoDataLine(string MetricCode, string MetricName, string SourceKind);

/// <summary>
/// The pack's data-quality appendix. <see cref="RejectedRowCount"/> may exceed the rows listed: a pack lists the
/// first few hundred and says how many there were.
/// </summary>
public sealed record DataQualityModel(IReadOnlyList<RejectedRow> RejectedRows, IReadOnlyList<NoDataLine> NoDataLines, long RejectedRowCount)
{
    public static DataQualityModel Empty { get; } = new([], [], 0);
}
