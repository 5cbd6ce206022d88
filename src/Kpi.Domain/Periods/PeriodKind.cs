namespace Kpi.Domain.Periods;

public enum PeriodKind
{
    /// <summary><c>2026-10</c></summary>
    Month,
    /// <summary><c>2026-Q4</c></summary>
    Quarter,
    /// <summary><c>2026</c></summary>
    Year,
    /// <summary><c>2026-10-YTD</c>: January 1 to the last day of the month.</summary>
    YearToDate,
    /// <summary><c>2026-11-QTD</c>: the first day of the month's quarter to the last day of the month.</summary>
    QuarterToDate,
}
