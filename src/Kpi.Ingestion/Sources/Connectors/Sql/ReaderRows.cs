using System.Data.Common;
using System.Globalization;
using Kpi.Domain.Records;
using Kpi.Ingestion.Imports;

namespace Kpi.Ingestion.Sources.Connectors.Sql;

/// <summary>
/// The rows of a query result, columns matched to the kind's by name (case-insensitive). Values become the text the
/// import contract reads: dates as <c>yyyy-MM-dd</c>, instants (columns ending in <c>_at</c>) in ISO 8601 (UTC values
/// with <c>Z</c>, zone-less ones as company-local), numbers invariant, booleans as <c>yes</c>/<c>no</c>.
/// </summary>
internal sealed class ReaderRows
{
    private readonly DbDataReader _reader;
    private readonly string[] _columns;
    private readonly int[] _ordinals;
    private readonly int _watermark = -1;

    public ReaderRows(DbDataReader reader, RecordKind kind, string? watermarkColumn)
    {
        _reader = reader;
        _columns = [.. kind.Columns()];
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++) byName.TryAdd(reader.GetName(i), i);
        _ordinals = [.. _columns.Select(c => byName.TryGetValue(c, out var i) ? i : -1)];
        var missing = _columns.Where((c, i) => _ordinals[i] < 0 && !kind.IsOptional(c)).ToList();
        if (missing.Count > 0)
            throw new SourceException($"The query returns no column {string.Join(", ", missing)}; alias the source's columns to the {kind.Name()} kind's names ({string.Join(",", _columns)}).");
        if (!string.IsNullOrWhiteSpace(watermarkColumn))
        {
            _watermark = byName.TryGetValue(watermarkColumn, out var w) ? w
                : throw new SourceException($"The query returns no column '{watermarkColumn}' (options.watermark_column).");
        }
    }

    // The largest watermark column value, kept as the reader returned it (a DateTime, a number, a string) and
    // turned into a Watermark once at the end: per row, that conversion cost more than the comparison.
    private object? _max;

    public Watermark? Reached => Watermark.FromValue(_max);

    public IEnumerable<SourceRow> Read()
    {
        var line = 0;
        while (_reader.Read())
        {
            line++;
            var values = new string?[_columns.Length];
            for (var i = 0; i < values.Length; i++) values[i] = _ordinals[i] < 0 ? null : Text(_reader.GetValue(_ordinals[i]), _columns[i]);
            if (_watermark >= 0) Offer(_reader.GetValue(_watermark));
            var row = values;
            yield return new SourceRow(line, column => Get(row, column), [], () => string.Join(',', row.Select(Quote)));
        }
    }

    private void Offer(object value)
    {
        if (value is DBNull) return;
        if (_max is null) _max = value;
        else if (value.GetType() == _max.GetType() && value is IComparable comparable) { if (comparable.CompareTo(_max) > 0) _max = value; }
        else if (Watermark.Compare(Watermark.FromValue(value)!, Watermark.FromValue(_max)!) > 0) _max = value;
    }

    private string? Get(string?[] row, string column)
    {
        var i = Array.IndexOf(_columns, column);
        return i < 0 ? null : row[i];
    }

    /// <summary>A value as a CSV field, for the rejected-rows report.</summary>
    private static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"")}\"";

    private static string? Text(object value, string column) => value switch
    {
        DBNull => null,
        string s => s.Trim() is { Length: > 0 } t ? t : null,
        DateTime { Kind: DateTimeKind.Utc } t => t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture),
        DateTime t when column.EndsWith("_at", StringComparison.Ordinal) => t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
