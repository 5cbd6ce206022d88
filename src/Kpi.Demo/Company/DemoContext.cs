using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;

namespace Kpi.Demo.Company;

/// <summary>
/// What every generator shares: the window of months, where the story's events fall, the time zone and the moment the
/// data is taken, after which nothing may have happened yet.
/// </summary>
internal sealed class DemoContext
{
    public const int MonthCount = 24;

    /// <summary>Months before the last month: the bad month is recent enough to show on a 13-month trend with normal months after it.</summary>
    public const int BadMonthsBack = 5;

    /// <summary>Months before the last month of the major incident: within the 13-month trend, well apart from the bad month.</summary>
    public const int IncidentMonthsBack = 9;

    public DemoContext(Period lastMonth)
    {
        if (lastMonth.Kind != PeriodKind.Month)
            throw new ArgumentException($"The demo company is generated up to a month, not the {lastMonth.Kind} {lastMonth}.", nameof(lastMonth));
        Months = lastMonth.TrailingMonths(MonthCount);
        BadMonth = Months[^(BadMonthsBack + 1)];
        IncidentMonth = Months[^(IncidentMonthsBack + 1)];
        Zone = CompanyTimeZone.Default;
        LastDay = lastMonth.LastDay;
        TakenAt = Zone.Bounds(lastMonth).End;
        IncidentDay = DemoCalendar.PlantDays(IncidentMonth).First(d => d.Day >= 12);
        IncidentAt = Utc(IncidentDay, 10 * 60 + 40, 12);
    }

    public IReadOnlyList<Period> Months { get; }
    public Period FirstMonth => Months[0];
    public Period LastMonth => Months[^1];
    public Period BadMonth { get; }
    public Period IncidentMonth { get; }
    public CompanyTimeZone Zone { get; }

    /// <summary>The plant day of the major incident: mid-month, so that no time-zone subtlety blurs which month it vetoes.</summary>
    public DateOnly IncidentDay { get; }

    public DateTime IncidentAt { get; }

    /// <summary>The last local day of the data.</summary>
    public DateOnly LastDay { get; }

    /// <summary>The first instant after the data (UTC).</summary>
    public DateTime TakenAt { get; }

    public RecordSet Records { get; } = new();

    public bool IsBad(Period month) => month == BadMonth;

    /// <summary>A date that had to happen by the time the data was taken, or "not yet".</summary>
    public DateOnly? ByNow(DateOnly date) => date <= LastDay ? date : null;

    /// <summary>An instant that had to happen by the time the data was taken, or "not yet".</summary>
    public DateTime? ByNow(DateTime utc) => utc < TakenAt ? utc : null;

    /// <summary>A wall-clock time in Asia/Shanghai as the UTC instant the records carry.</summary>
    public DateTime Utc(DateOnly day, int minuteOfDay, int second = 0) =>
        Zone.LocalToUtc(day.ToDateTime(TimeOnly.MinValue).AddMinutes(minuteOfDay).AddSeconds(second));

    /// <summary>The wall-clock time in Asia/Shanghai of a UTC instant.</summary>
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone.Zone);
}
