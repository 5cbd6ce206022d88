using System.Globalization;

namespace Kpi.Ingestion.Files;

/// <summary>Turns the raw text of XLSX cells into the text a CSV of the same data would hold.</summary>
internal static class XlsxValues
{
    /// <summary>Excel keeps and shows 15 significant digits; the rest of a stored double is binary noise.</summary>
    private const int ExcelDigits = 15;

    private static readonly DateTime Epoch1900 = new(1899, 12, 30);
    private static readonly DateTime Epoch1904 = new(1904, 1, 1);

    /// <summary>The largest serial Excel shows as a date: 9999-12-31.</summary>
    private const decimal MaxSerial = 2958465m;

    /// <summary>
    /// A number cell's value as invariant text, taken from its stored text as a decimal (never through a double):
    /// <c>0.1</c> stays "0.1", and the artefact <c>0.30000000000000004</c> that a sum leaves becomes "0.3", the value
    /// Excel itself shows. Text that is no decimal (1E+300) is kept as written, for the record parser to judge.
    /// </summary>
    public static string Number(string stored)
    {
        var text = stored.Trim();
        if (IsPlain(text)) return text;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return text;
        return Format(RoundToExcelDigits(value));
    }

    /// <summary>
    /// Whether stored text is already what <see cref="Number"/> would make of it — no exponent, no superfluous
    /// zero, at most 15 significant digits — as nearly every number Excel writes is: it saves the shortest text
    /// that gives back its double. Skipping the decimal round trip for these makes large sheets markedly faster.
    /// </summary>
    private static bool IsPlain(ReadOnlySpan<char> text)
    {
        var i = text.Length > 0 && text[0] == '-' ? 1 : 0;
        var start = i;
        var significant = 0;
        var point = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && point < 0) { point = i; continue; }
            if (!char.IsAsciiDigit(c)) return false;
            if (significant > 0 || c != '0') significant++;
        }
        var digits = text.Length - start - (point < 0 ? 0 : 1);
        if (digits == 0 || significant > ExcelDigits) return false;
        if (point >= 0 && (point == start || point == text.Length - 1 || text[^1] == '0')) return false;
        if (text[start] == '0' && !(text.Length - start == 1 || point == start + 1)) return false;
        return significant > 0 || start == 0 && text.Length == 1;
    }

    /// <summary>
    /// A date-formatted number cell: <c>yyyy-MM-dd</c> when it has no time of day, else <c>yyyy-MM-ddTHH:mm:ss</c>
    /// (a wall-clock time; the record parser places it in the company time zone).
    /// </summary>
    public static string Date(string stored, bool date1904)
    {
        var text = stored.Trim();
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) || serial < 0 || serial > MaxSerial)
            return Number(text);
        var days = decimal.Floor(serial);
        // A day's fraction is stored as a binary double: 07:00 is 0.29166666666666669. Rounding to the second is
        // what Excel shows.
        var seconds = (long)decimal.Round((serial - days) * 86_400m, MidpointRounding.AwayFromZero);
        var epoch = date1904 ? Epoch1904 : Epoch1900;
        // Excel's 1900 system counts a 29 February 1900 that never was: serials before it are one day later.
        if (!date1904 && days < 60) days += 1;
        return Format(epoch.AddDays((double)days).AddSeconds(seconds));
    }

    /// <summary>A cell of type <c>d</c> (ISO 8601 text, written by some tools instead of a serial).</summary>
    public static string IsoDate(string stored)
    {
        var text = stored.Trim();
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? Format(value) : text;
    }

    private static string Format(DateTime value) =>
        value.TimeOfDay == TimeSpan.Zero
            ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static decimal RoundToExcelDigits(decimal value)
    {
        if (value == 0m) return 0m;
        // "E14" gives exactly 15 significant digits, rounded in decimal arithmetic.
        var scientific = value.ToString("E" + (ExcelDigits - 1), CultureInfo.InvariantCulture);
        return decimal.Parse(scientific, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
