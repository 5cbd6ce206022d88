using Kpi.Domain.Records;

namespace Kpi.Ingestion.Files;

/// <summary>
/// The columns of a kind, in contract order, shared by every row of a file: a row holds only an array of values,
/// and this finds a column's place in it. Files may order their columns freely; readers map them onto this order.
/// </summary>
public sealed class ImportColumns
{
    private readonly string[] _names;

    public ImportColumns(RecordKind kind)
    {
        Kind = kind;
        _names = [.. kind.Columns()];
    }

    public RecordKind Kind { get; }

    public IReadOnlyList<string> Names => _names;

    public int Count => _names.Length;

    /// <summary>The index of a column in a row's values, or -1 when the kind has no such column.</summary>
    public int IndexOf(string column)
    {
        // A handful of columns: a linear scan beats hashing, and callers pass the same literals the kind
        // declares, so the reference check usually answers before any character is compared.
        var names = _names;
        for (var i = 0; i < names.Length; i++)
        {
            if (ReferenceEquals(names[i], column)) return i;
        }
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], column, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    /// <summary>The columns, comma separated, for messages that tell a person what a header should be.</summary>
    public override string ToString() => string.Join(",", _names);
}
