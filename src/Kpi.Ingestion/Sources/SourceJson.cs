using Kpi.Domain;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kpi.Ingestion.Sources;

/// <summary>
/// How connector options are read and stored: snake_case like the rest of the API, and an unknown property is an
/// error rather than silently ignored (a misspelt <c>page_sise</c> must not fall back to a default unnoticed).
/// </summary>
public static class SourceJson
{
    public const string Mask = "********";

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Reads typed options; a shape error becomes a problem on the field its JSON path names.</summary>
    public static T? Read<T>(JsonObject? node, List<FieldError> problems) where T : class, new()
    {
        if (node is null) return new T();
        try
        {
            return node.Deserialize<T>(Options) ?? new T();
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 1 } p ? "options" + p[1..] : "options";
            problems.Add(new FieldError(path, FirstSentence(e.Message)));
            return null;
        }
    }

    public static JsonObject Write<T>(T options) => JsonSerializer.SerializeToNode(options, Options)!.AsObject();

    public static T Parse<T>(string stored) where T : class, new() => JsonSerializer.Deserialize<T>(stored, Options) ?? new T();

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
