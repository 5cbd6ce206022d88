using System.Globalization;

namespace Kpi.Ingestion.Files;

/// <summary>
/// Quoting a file's own text in a message without letting the file decide the message's size: a refusal is stored
/// with its run and served by the API, and a header of 500,000 unknown columns once made a 2.5 MB error.
/// </summary>
internal static class ImportText
{
    /// <summary>How much of one name or value a message quotes.</summary>
    public const int QuotedLength = 40;

    /// <summary>How many names of a list a message spells out before counting the rest.</summary>
    public const int ListedNames = 5;

    /// <summary>The most characters any message about a file may have (the API and the run history show it whole).</summary>
    public const int MaxMessageLength = 2_000;

    /// <summary>A name or value in quotes, cut with an ellipsis when long: <c>'备注'</c>, <c>'aaaa…'</c>.</summary>
    public static string Quote(string text) => $"'{Cut(text, QuotedLength)}'";

    /// <summary>
    /// Names in quotes, each given once, the first <see cref="ListedNames"/> spelled out and the rest counted:
    /// <c>'x', 'y' and 499,998 more</c>.
    /// </summary>
    public static string QuoteList(IEnumerable<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", distinct.Take(ListedNames).Select(Quote));
        var rest = distinct.Count - ListedNames;
        return rest > 0 ? $"{shown} and {rest.ToString("N0", CultureInfo.InvariantCulture)} more" : shown;
    }

    /// <summary>How many distinct names a list holds, for "column" or "columns".</summary>
    public static int CountDistinct(IEnumerable<string> names) => names.Distinct(StringComparer.Ordinal).Count();

    /// <summary>Text cut to at most <paramref name="max"/> characters, the cut marked with an ellipsis.</summary>
    public static string Cut(string text, int max = MaxMessageLength) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
