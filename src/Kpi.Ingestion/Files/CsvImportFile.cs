using System.Text;
using Kpi.Domain.Records;

namespace Kpi.Ingestion.Files;

/// <summary>
/// A CSV import: the first line is the header, every later record a row. Rows whose fields are all empty (blank
/// lines, the ",,,," rows spreadsheets leave behind) carry no data and are skipped.
/// </summary>
internal sealed class CsvImportFile : ImportFile
{
    private readonly CsvTextDecoder _text;
    private readonly CsvRecordReader _records;
    private readonly int[] _map;

    public CsvImportFile(Stream content, string fileName, RecordKind kind, ImportFileOptions options)
        : base(fileName, kind, ImportFormat.Csv, options)
    {
        _text = new CsvTextDecoder(content);
        _records = new CsvRecordReader(_text, options.MaxFieldLength, options.MaxRecordLength);
        if (!ReadRecord()) throw Refuse("the file is empty");
        if (_records.Problem is { } problem) throw Refuse($"its header cannot be read: a field {problem}", 1);
        var header = _records.Fields.ToArray();
        if (header is [{ } only] && OtherSeparator(only) is { } separator)
            throw Refuse($"its columns are separated by {separator}, not by commas; save it as \"CSV (comma delimited)\" or \"CSV UTF-8\"", 1);
        _map = HeaderCheck.Map(header, Columns, fileName, "the header (line 1)");
    }

    /// <summary>The encoding the text turned out to be in; null while it has been plain ASCII.</summary>
    public Encoding? Encoding => _text.Encoding;

    private protected override IEnumerable<ImportRow> ReadRowsOnce()
    {
        while (ReadRecord())
        {
            var row = ToRow();
            if (row is not null) yield return row;
        }
    }

    private ImportRow? ToRow()
    {
        var r = _records;
        var fields = r.Fields;
        if (r.Problem is null && IsBlank(fields)) return null;

        List<RowError>? errors = null;
        if (r.Problem is { } problem)
            (errors ??= []).Add(new RowError(r.Line, ColumnAt(r.ProblemField), problem));
        if (fields.Length != _map.Length && r.FieldCount > 0)
            (errors ??= []).Add(new RowError(r.Line, null, $"has {fields.Length} fields; the header has {_map.Length}"));

        var values = new string?[Columns.Count];
        var n = Math.Min(fields.Length, _map.Length);
        for (var p = 0; p < n; p++)
        {
            var i = _map[p];
            if (i >= 0) values[i] = fields[p];
            else if (fields[p] is not null)
                (errors ??= []).Add(new RowError(r.Line, null, $"has a value in column {p + 1}, whose header is empty"));
        }
        return new ImportRow(r.Line, Columns, values, r.RawText, errors?.ToArray());
    }

    private string? ColumnAt(int position) =>
        position >= 0 && position < _map.Length && _map[position] >= 0 ? Columns.Names[_map[position]] : null;

    /// <summary>Excel in many European locales saves "CSV" with semicolons, and "Text" with tabs.</summary>
    private static string? OtherSeparator(string header) =>
        header.Contains(';') ? "semicolons" : header.Contains('\t') ? "tabs" : null;

    private static bool IsBlank(ReadOnlySpan<string?> fields)
    {
        foreach (var f in fields)
        {
            if (f is not null) return false;
        }
        return true;
    }

    private bool ReadRecord()
    {
        try
        {
            return _records.Read();
        }
        catch (DecoderFallbackException e)
        {
            var encoding = _text.Encoding?.CodePage == CsvTextDecoder.Gb18030CodePage ? "GB18030" : "UTF-8";
            throw Refuse($"its text stops being valid {encoding}, the encoding it started in; save the whole file in one " +
                         "encoding (\"CSV UTF-8\" is best)", _records.NextLine, e);
        }
    }
}
