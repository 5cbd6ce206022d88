using System.Text;
using System.Text.Json;
using Kpi.Ingestion.Files;
using Kpi.Ingestion.Imports;

namespace Kpi.Ingestion.Sources.Connectors.Http;

/// <summary>
/// Objects of a page as rows: properties named like the kind's columns give its values (text as it is, numbers as
/// their exact source text, true/false, null as no value); other properties are ignored, except the watermark field.
/// One pass over each object's properties: at a million records a pull, looking every column up by name cost more
/// than the rest of the parsing.
/// </summary>
internal sealed class JsonRows(IReadOnlyList<string> columns, string? watermarkField)
{
    private readonly string[] _columns = [.. columns];
    private readonly byte[][] _names = [.. columns.Select(Encoding.UTF8.GetBytes)];
    private readonly byte[]? _watermark = watermarkField is null ? null : Encoding.UTF8.GetBytes(watermarkField);

    /// <summary>The row of one array element, and the watermark field's text when it has one.</summary>
    public SourceRow Read(JsonElement item, int line, out string? marker)
    {
        marker = null;
        if (item.ValueKind != JsonValueKind.Object)
            return new SourceRow(line, _ => null, [new RowError(line, null, $"is a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an object")], item.GetRawText);
        var values = new string?[_columns.Length];
        List<RowError>? errors = null;
        foreach (var property in item.EnumerateObject())
        {
            if (_watermark is not null && property.NameEquals(_watermark)) marker = Text(property.Value);
            for (var i = 0; i < _names.Length; i++)
            {
                if (!property.NameEquals(_names[i])) continue;
                if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    (errors ??= []).Add(new RowError(line, _columns[i], "is an object or array, not a value"));
                else values[i] = Text(property.Value);
                break;
            }
        }
        return new SourceRow(line, column => Get(values, column), errors ?? (IReadOnlyList<RowError>)[], item.GetRawText);
    }

    private string? Get(string?[] values, string column)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            if (ReferenceEquals(_columns[i], column) || _columns[i] == column) return values[i];
        }
        return null;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()?.Trim() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>The element at a dot-separated path, or null when some step is missing.</summary>
    public static JsonElement? At(JsonElement root, string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return root;
        var current = root;
        foreach (var step in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current)) return null;
        }
        return current;
    }
}
