using System.Buffers;
using System.Text;

namespace Kpi.Ingestion.Files;

/// <summary>Writing values as CSV fields (RFC 4180): quoted only when they must be.</summary>
internal static class CsvText
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public static string JoinLine(IReadOnlyList<string?> values)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) sb.Append(',');
            AppendField(sb, values[i]);
        }
        return sb.ToString();
    }

    public static void AppendField(StringBuilder sb, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (value.AsSpan().IndexOfAny(NeedsQuotes) < 0 && !HasEdgeSpace(value)) { sb.Append(value); return; }
        sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
    }

    // Readers trim unquoted fields, so a value whose spaces matter is quoted to keep them.
    private static bool HasEdgeSpace(string value) => char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]);
}
