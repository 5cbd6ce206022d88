using System.Globalization;
using System.Text.RegularExpressions;

namespace Kpi.Domain.Periods;

/// <summary>
/// A reporting period: a month (<c>2026-10</c>), a quarter (<c>2026-Q4</c>), a year (<c>2026</c>), a
/// year-to-date (<c>2026-10-YTD</c>) or a quarter-to-date (<c>2026-11-QTD</c>: October and November). A period is a
/// closed range of local dates: both <see cref="FirstDay"/> and <see cref="LastDay"/> are part of it. Instants are placed into periods in the company time zone
/// (<see cref="CompanyTimeZone"/>), where the period ends just before the first instant of <see cref="DayAfter"/>.
/// </summary>
public readonly partial record struct Period : IComparable<Period>
{
    public const int MinYear = 1900;
    public const int MaxYear = 9998;

    /// <summary>The first day a period can cover. Imports refuse records dated before it: no report could ever show them.</summary>
    public static DateOnly FirstSupportedDay { get; } = new(MinYear, 1, 1);

    /// <summary>The last day a period can cover (9998, so that the period after any period still exists).</summary>
    public static DateOnly LastSupportedDay { get; } = new(MaxYear, 12, 31);

    /// <summary>Whether a day lies in some period: between <see cref="FirstSupportedDay"/> and <see cref="LastSupportedDay"/>, both included.</summary>
    public static bool IsSupported(DateOnly day) => day >= FirstSupportedDay && day <= LastSupportedDay;

    private Period(PeriodKind kind, int year, int number)
    {
        if (year is < MinYear or > MaxYear)
            throw new DomainException($"Year {year} is outside {MinYear}–{MaxYear}.", "period");
        var max = kind switch { PeriodKind.Quarter => 4, PeriodKind.Year => 0, _ => 12 };
        var min = kind == PeriodKind.Year ? 0 : 1;
        if (number < min || number > max)
            throw new DomainException($"{kind} number {number} is outside {min}–{max}.", "period");
        Kind = kind;
        Year = year;
        Number = number;
    }

    public PeriodKind Kind { get; }
    public int Year { get; }

    /// <summary>The month (1–12) of a month, year-to-date or quarter-to-date, the quarter (1–4) of a quarter, 0 for a year.</summary>
    public int Number { get; }

    public static Period Month(int year, int month) => new(PeriodKind.Month, year, month);
    public static Period Quarter(int year, int quarter) => new(PeriodKind.Quarter, year, quarter);
    public static Period OfYear(int year) => new(PeriodKind.Year, year, 0);
    public static Period YearToDate(int year, int month) => new(PeriodKind.YearToDate, year, month);

    /// <summary>The first day of the month's quarter to the month's last day: what a month-end report shows as "this quarter".</summary>
    public static Period QuarterToDate(int year, int month) => new(PeriodKind.QuarterToDate, year, month);
    public static Period MonthOf(DateOnly date) => Month(date.Year, date.Month);

    public DateOnly FirstDay => Kind switch
    {
        PeriodKind.Month => new DateOnly(Year, Number, 1),
        PeriodKind.Quarter => new DateOnly(Year, (Number - 1) * 3 + 1, 1),
        PeriodKind.QuarterToDate => new DateOnly(Year, (Number - 1) / 3 * 3 + 1, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    public DateOnly LastDay => DayAfter.AddDays(-1);

    /// <summary>The first day after the period: the exclusive end of its date range.</summary>
    public DateOnly DayAfter => Kind switch
    {
        PeriodKind.Month or PeriodKind.YearToDate or PeriodKind.QuarterToDate => new DateOnly(Year, Number, 1).AddMonths(1),
        PeriodKind.Quarter => FirstDay.AddMonths(3),
        _ => new DateOnly(Year + 1, 1, 1),
    };

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    /// <summary>The months the period covers, in order.</summary>
    public IReadOnlyList<Period> Months
    {
        get
        {
            var result = new List<Period>();
            for (var d = FirstDay; d < DayAfter; d = d.AddMonths(1)) result.Add(MonthOf(d));
            return result;
        }
    }

    /// <summary>The month in which the period ends (the period itself for a month).</summary>
    public Period LastMonth => MonthOf(LastDay);

    /// <summary>The same kind of period one step earlier (previous month, quarter, year; for YTD and QTD the previous month's).</summary>
    public Period Previous => Kind switch
    {
        PeriodKind.Month => MonthOf(FirstDay.AddMonths(-1)),
        PeriodKind.Quarter => Number == 1 ? Quarter(Year - 1, 4) : Quarter(Year, Number - 1),
        PeriodKind.Year => OfYear(Year - 1),
        PeriodKind.QuarterToDate => Number == 1 ? QuarterToDate(Year - 1, 12) : QuarterToDate(Year, Number - 1),
        _ => Number == 1 ? YearToDate(Year - 1, 12) : YearToDate(Year, Number - 1),
    };

    public Period Next => Kind switch
    {
        PeriodKind.Month => MonthOf(FirstDay.AddMonths(1)),
        PeriodKind.Quarter => Number == 4 ? Quarter(Year + 1, 1) : Quarter(Year, Number + 1),
        PeriodKind.Year => OfYear(Year + 1),
        PeriodKind.QuarterToDate => Number == 12 ? QuarterToDate(Year + 1, 1) : QuarterToDate(Year, Number + 1),
        _ => Number == 12 ? YearToDate(Year + 1, 1) : YearToDate(Year, Number + 1),
    };

    /// <summary>The same period a year earlier (same month last year, same quarter last year…).</summary>
    public Period SameLastYear => new(Kind, Year - 1, Number);

    /// <summary>The quarter containing the period's last month.</summary>
    public Period QuarterOfLastMonth => Quarter(LastDay.Year, (LastDay.Month - 1) / 3 + 1);

    /// <summary>The year-to-date ending with the period's last month.</summary>
    public Period YearToDateOfLastMonth => YearToDate(LastDay.Year, LastDay.Month);

    /// <summary>The quarter-to-date ending with the period's last month (for a quarter's last month, the whole quarter).</summary>
    public Period QuarterToDateOfLastMonth => QuarterToDate(LastDay.Year, LastDay.Month);

    /// <summary>The <paramref name="count"/> months ending with this month, oldest first (a 13-month trend).</summary>
    public IReadOnlyList<Period> TrailingMonths(int count)
    {
        var last = LastMonth;
        return Enumerable.Range(0, count).Select(i => MonthOf(last.FirstDay.AddMonths(i - count + 1))).ToList();
    }

    public override string ToString() => Kind switch
    {
        PeriodKind.Month => $"{Year:D4}-{Number:D2}",
        PeriodKind.Quarter => $"{Year:D4}-Q{Number}",
        PeriodKind.Year => $"{Year:D4}",
        PeriodKind.QuarterToDate => $"{Year:D4}-{Number:D2}-QTD",
        _ => $"{Year:D4}-{Number:D2}-YTD",
    };

    public static Period Parse(string text) =>
        TryParse(text, out var period, out var error) ? period : throw new DomainException(error, "period");

    /// <summary>Parses <c>2026-10</c>, <c>2026-Q4</c>, <c>2026</c>, <c>2026-10-YTD</c> or <c>2026-11-QTD</c> (letters case-insensitive).</summary>
    public static bool TryParse(string? text, out Period period, out string error)
    {
        period = default;
        var m = text is null ? null : Pattern().Match(text.Trim());
        if (m is null || !m.Success)
        {
            error = $"'{text}' is not a period: use a month 2026-10, a quarter 2026-Q4, a year 2026, a year-to-date 2026-10-YTD or a quarter-to-date 2026-11-QTD.";
            return false;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < MinYear or > MaxYear)
        {
            error = $"'{text}': year {year} is outside {MinYear}–{MaxYear}.";
            return false;
        }

        if (m.Groups["q"].Success)
        {
            var q = int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture);
            if (q is < 1 or > 4) { error = $"'{text}': quarter must be Q1–Q4."; return false; }
            period = Quarter(year, q);
        }
        else if (m.Groups["m"].Success)
        {
            var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) { error = $"'{text}': month must be 01–12."; return false; }
            period = m.Groups["ytd"].Success ? YearToDate(year, month) : m.Groups["qtd"].Success ? QuarterToDate(year, month) : Month(year, month);
        }
        else
        {
            period = OfYear(year);
        }

        error = "";
        return true;
    }

    public int CompareTo(Period other)
    {
        var byEnd = LastDay.CompareTo(other.LastDay);
        if (byEnd != 0) return byEnd;
        var byStart = other.FirstDay.CompareTo(FirstDay);
        return byStart != 0 ? byStart : Kind.CompareTo(other.Kind);
    }

    // ASCII digits only: .NET's \d also matches full-width and other Unicode digits, which int.Parse then refuses.
    [GeneratedRegex(@"^(?<y>[0-9]{4})(?:-(?:[Qq](?<q>[0-9])|(?<m>[0-9]{2})(?:(?<ytd>-[Yy][Tt][Dd])|(?<qtd>-[Qq][Tt][Dd]))?))?$")]
    private static partial Regex Pattern();
}
