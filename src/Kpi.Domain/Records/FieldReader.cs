using Kpi.Domain;
using System.Globalization;
using System.Text.RegularExpressions;
using Kpi.Domain.Periods;

namespace Kpi.Domain.Records;

/// <summary>
/// Reads typed values out of a row of text fields, collecting one <see cref="FieldError"/> per refused value
/// instead of stopping at the first, so that a person fixing a file sees every problem of a row at once.
/// Empty text counts as absent. Dates and instants must fall in a period (<see cref="Period.IsSupported"/>): a record
/// dated 0001-01-01 or 9999-12-31 would be stored but never reported.
/// </summary>
internal sealed partial class FieldReader(Func<string, string?> field, CompanyTimeZone zone)
{
    public const int MaxTextLength = 200;
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>True when any of <paramref name="columns"/> was refused: a check across columns needs its own inputs valid, not the whole row.</summary>
    public bool HasErrorIn(params string[] columns) => _errors.Any(e => columns.Contains(e.Field));

    public void Fail(string column, string reason) => _errors.Add(new FieldError(column, reason));

    public string? OptionalText(string column, int maxLength = MaxTextLength)
    {
        var value = field(column)?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > maxLength) { Fail(column, $"is longer than {maxLength} characters"); return null; }
        if (value.Any(char.IsControl)) { Fail(column, "contains control characters"); return null; }
        return value;
    }

    public string Text(string column, int maxLength = MaxTextLength)
    {
        var present = field(column)?.Trim();
        if (string.IsNullOrEmpty(present)) { Fail(column, "is required"); return ""; }
        return OptionalText(column, maxLength) ?? "";
    }

    public DateOnly? OptionalDate(string column)
    {
        var text = OptionalText(column);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return Supported(column, text, d);
        Fail(column, $"'{text}' is not a date (yyyy-MM-dd)");
        return null;
    }

    public DateOnly Date(string column) => Required(column, OptionalDate(column));

    /// <summary>A <c>yyyy-MM</c> month, as the first day of that month.</summary>
    public DateOnly Month(string column)
    {
        var text = Text(column);
        if (text.Length == 0) return default;
        if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return Supported(column, text, d) ?? default;
        Fail(column, $"'{text}' is not a month (yyyy-MM)");
        return default;
    }

    private DateOnly? Supported(string column, string text, DateOnly day)
    {
        if (Period.IsSupported(day)) return day;
        FailOutsideRange(column, text);
        return null;
    }

    private void FailOutsideRange(string column, string text) =>
        Fail(column, string.Create(CultureInfo.InvariantCulture,
            $"'{text}' is outside the dates Kpi reports on, {Period.FirstSupportedDay:yyyy-MM-dd} to {Period.LastSupportedDay:yyyy-MM-dd}"));

    /// <summary>
    /// An ISO 8601 instant. With an offset (<c>Z</c>, <c>+08:00</c>) it is taken as written; without one it is a
    /// wall-clock time in the company time zone. A space may stand for the <c>T</c>, as spreadsheets write it.
    /// Instants are kept to the microsecond, the precision PostgreSQL stores, so that both databases hold the same value.
    /// </summary>
    public DateTime? OptionalInstant(string column)
    {
        var instant = ParseInstant(column);
        return instant is { } t ? t.AddTicks(-(t.Ticks % TicksPerMicrosecond)) : null;
    }

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    private DateTime? ParseInstant(string column)
    {
        var text = OptionalText(column);
        if (text is null) return null;
        // Checked on the text first: 0001-01-01T00:00:00+08:00 or 9999-12-31T23:00:00-05:00 is no DateTime in UTC at all,
        // and would otherwise be called "not a timestamp".
        if (YearOf(text) is { } year && year is < Period.MinYear or > Period.MaxYear)
        {
            FailOutsideRange(column, text);
            return null;
        }
        if (OffsetSuffix().Match(text) is { Success: true } offset)
        {
            // The suffixes the pattern admits but the .NET formats do not: a lower-case z, and an hour-only offset
            // (+08), which is how PostgreSQL writes a timestamptz.
            var normalised = offset.Value switch
            {
                "z" => text[..^1] + "Z",
                { Length: 3 } => text + ":00",
                _ => text,
            };
            if (DateTimeOffset.TryParseExact(normalised.Replace(' ', 'T'), InstantWithOffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
                return InSupportedDays(column, text, dto.UtcDateTime);
        }
        else if (DateTime.TryParseExact(text.Replace(' ', 'T'), LocalInstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            // A wall-clock time is already on its local day.
            return Supported(column, text, DateOnly.FromDateTime(local)) is null ? null : zone.LocalToUtc(local);
        }
        Fail(column, $"'{text}' is not an ISO 8601 timestamp (yyyy-MM-ddTHH:mm:ss, optionally with an offset)");
        return null;
    }

    /// <summary>An instant whose day in the company zone lies in a period; 9998-12-31T20:00:00-05:00 is already 9999 in Shanghai.</summary>
    private DateTime? InSupportedDays(string column, string text, DateTime utc)
    {
        if (Period.IsSupported(zone.LocalDate(utc))) return utc;
        FailOutsideRange(column, text);
        return null;
    }

    /// <summary>The year a date or timestamp text starts with (<c>yyyy-</c>), or null when it starts otherwise.</summary>
    private static int? YearOf(string text) =>
        text.Length > 4 && text[4] == '-' && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    public DateTime Instant(string column) => Required(column, OptionalInstant(column));

    public decimal? OptionalDecimal(string column, decimal? min = null, decimal? max = null)
    {
        var text = OptionalText(column);
        if (text is null) return null;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var value))
        {
            Fail(column, $"'{text}' is not a number");
            return null;
        }
        if (min is { } lo && value < lo) { Fail(column, lo == 0 ? $"must not be negative (got {text})" : $"must be at least {lo} (got {text})"); return null; }
        if (max is { } hi && value > hi) { Fail(column, $"must be at most {hi} (got {text})"); return null; }
        return value;
    }

    public decimal Decimal(string column, decimal? min = null, decimal? max = null) => Required(column, OptionalDecimal(column, min, max));

    public TEnum Choice<TEnum>(string column, params (string Text, TEnum Value)[] choices) where TEnum : struct
    {
        var text = Text(column);
        if (text.Length == 0) return default;
        foreach (var (t, v) in choices)
        {
            if (string.Equals(t, text, StringComparison.OrdinalIgnoreCase)) return v;
        }
        Fail(column, $"'{text}' is not one of {string.Join(", ", choices.Select(c => c.Text))}");
        return default;
    }

    private T Required<T>(string column, T? value) where T : struct
    {
        if (value is { } v) return v;
        if (!_errors.Any(e => e.Field == column)) Fail(column, "is required");
        return default;
    }

    private static readonly string[] LocalInstantFormats =
        ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm"];

    private static readonly string[] InstantWithOffsetFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];

    [GeneratedRegex(@"(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$")]
    private static partial Regex OffsetSuffix();
}
