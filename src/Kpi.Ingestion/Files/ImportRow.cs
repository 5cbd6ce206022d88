namespace Kpi.Ingestion.Files;

/// <summary>
/// One data row of an import file: its values in the kind's column order, the line it came from, and the problems
/// that kept it from being read as it stands. Pass <see cref="Get"/> to <c>RecordParser.Parse</c>.
/// </summary>
/// <remarks>
/// A row holds an array and shares its file's <see cref="ImportColumns"/>: at a million rows per file a dictionary
/// per row would cost more than the reading itself.
/// </remarks>
public sealed class ImportRow
{
    private static readonly RowError[] NoErrors = [];
    private readonly string?[] _values;
    private readonly string? _rawText;

    internal ImportRow(int line, ImportColumns columns, string?[] values, string? rawText, RowError[]? errors)
    {
        Line = line;
        Columns = columns;
        _values = values;
        _rawText = rawText;
        Errors = errors ?? NoErrors;
    }

    /// <summary>CSV and JSON: the 1-based text line where the row starts (the header is line 1). XLSX: the sheet row number.</summary>
    public int Line { get; }

    public ImportColumns Columns { get; }

    /// <summary>Problems of the row itself (ragged CSV row, value too long, JSON value that is an object…); empty when none.</summary>
    public IReadOnlyList<RowError> Errors { get; }

    public bool HasErrors => Errors.Count > 0;

    /// <summary>The text of a column, trimmed; null when the row has no value there (empty, JSON null or omitted).</summary>
    /// <exception cref="ArgumentException">The kind has no such column: a programming error, not a data problem.</exception>
    public string? Get(string column)
    {
        var i = Columns.IndexOf(column);
        if (i < 0) throw new ArgumentException($"The {Columns.Kind} kind has no column '{column}'.", nameof(column));
        return _values[i];
    }

    /// <summary>The value at an index of <see cref="ImportColumns.Names"/>.</summary>
    public string? this[int index] => _values[index];

    /// <summary>
    /// The row as the file had it, for the rejected-rows file: a CSV record's raw text (without its line break), or
    /// for XLSX and JSON the values in column order, joined as a CSV line.
    /// </summary>
    public string OriginalText => _rawText ?? CsvText.JoinLine(_values);
}
