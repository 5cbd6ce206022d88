using System.Globalization;

namespace Kpi.Ingestion.Sources;

/// <summary>
/// How far a source has been read: the largest change marker among the records committed so far, kept as text with
/// its type so that a SQL source gets back the same type it gave (<c>instant</c>: a UTC timestamp; <c>timestamp</c>:
/// one without a zone; <c>number</c>; <c>text</c>). Sources are asked for changes at or after it (<c>&gt;=</c>):
/// records sharing the last marker are read again rather than missed, and re-reading a record changes nothing.
/// </summary>
public sealed record Watermark(string Type, string Value)
{
    public const string Instant = "instant";
    public const string Timestamp = "timestamp";
    public const string Number = "number";
    public const string Text = "text";

    /// <summary>The marker of a value a SQL reader returned; null for a NULL.</summary>
    public static Watermark? FromValue(object? value) => value switch
    {
        null or DBNull => null,
        DateTime { Kind: DateTimeKind.Utc } t => new(Instant, t.ToString("O", CultureInfo.InvariantCulture)),
        DateTime t => new(Timestamp, t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateTimeOffset t => new(Instant, t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        long or int or short or decimal or double or float => new(Number, Convert.ToString(value, CultureInfo.InvariantCulture)!),
        _ => new(Text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>A marker typed by its look: an ISO 8601 instant with an offset, a number, or else text.</summary>
    public static Watermark Infer(string text)
    {
        if (LooksLikeInstant(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return new(Instant, at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _)) return new(Number, text);
        return new(Text, text);
    }

    /// <summary>The value as a SQL parameter of the type it came as.</summary>
    public object ToParameter() => Type switch
    {
        Instant => DateTime.Parse(Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        Timestamp => DateTime.SpecifyKind(DateTime.Parse(Value, CultureInfo.InvariantCulture), DateTimeKind.Unspecified),
        Number => decimal.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => Value,
    };

    /// <summary>
    /// The later of two markers: instants by the moment they name (so <c>+08:00</c> and <c>Z</c> compare right),
    /// numbers by value, anything else by ordinal text.
    /// </summary>
    public static Watermark? Max(Watermark? a, Watermark? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        return Compare(a, b) >= 0 ? a : b;
    }

    public static int Compare(Watermark a, Watermark b)
    {
        if (AsInstant(a) is { } x && AsInstant(b) is { } y) return x.CompareTo(y);
        if (decimal.TryParse(a.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
            && decimal.TryParse(b.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return m.CompareTo(n);
        return string.CompareOrdinal(a.Value, b.Value);
    }

    private static DateTimeOffset? AsInstant(Watermark w) =>
        (w.Type is Instant or Timestamp || LooksLikeInstant(w.Value))
        && DateTimeOffset.TryParse(w.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    // "2026-11-03T08:00:00Z" and "2026-11-03 08:00:00": a date, then a time. Plain numbers never parse as instants here.
    private static bool LooksLikeInstant(string text) =>
        text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-';

    public override string ToString() => Value;
}
