using System.Text.Json;
using Kpi.Ingestion.Files;
using Kpi.Ingestion.Imports;

namespace Kpi.Jobs.Sources.Connectors.Http;

/// <summary>
/// One JSON object of a page as a row: properties named like the kind's columns give its values (text as it is,
/// numbers as their exact source text, true/false, null as no value); other properties are ignored.
/// </summary>
internal static class JsonRows
{
    public static SourceRow From(JsonElement item, int line, IReadOnlyList<string> columns)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return new SourceRow(line, _ => null, [new RowError(line, null, $"is a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an object")], item.GetRawText);
        List<RowError>? errors = null;
        foreach (var property in item.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && columns.Contains(property.Name))
                (errors ??= []).Add(new RowError(line, property.Name, "is an object or array, not a value"));
        }
        return new SourceRow(line, column => Text(item, column), errors ?? (IReadOnlyList<RowError>)[], item.GetRawText);
    }

    public static string? Text(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()?.Trim() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

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
