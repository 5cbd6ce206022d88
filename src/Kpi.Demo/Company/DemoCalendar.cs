using System.Globalization;
using Kpi.Domain.Periods;

namespace Kpi.Demo.Company;

/// <summary>
/// The working calendar and demand curve of a Chinese paint maker. The plant runs six days a week and shuts for the
/// Spring Festival (除夕 eve to 初六), New Year's Day, May Day and the National Day week; offices work Monday to
/// Friday. Demand for coatings peaks in spring (March–May) and in 金九银十 (September–November) and sags in the
/// summer heat and rains; January and February lose the Spring Festival shutdown and a slow restart after it.
/// </summary>
internal static class DemoCalendar
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    // Demand by calendar month before the Spring Festival effect, which comes from the shutdown and restart days.
    private static readonly decimal[] MonthlyDemand = [0.95m, 0.92m, 1.02m, 1.10m, 1.08m, 0.98m, 0.90m, 0.92m, 1.08m, 1.10m, 1.05m, 0.95m];

    /// <summary>Plant days after the Spring Festival restart that run below plan: people return late, lines warm up.</summary>
    public const int RestartDays = 8;

    private const int FirstLunarYear = 1902;
    private const int LastLunarYear = 2100;

    // Looked up for every day generated, so worked out once: the lunar calendar is slow to ask.
    private static readonly DateOnly[] SpringFestivals = Enumerable.Range(FirstLunarYear, LastLunarYear - FirstLunarYear + 1)
        .Select(y => DateOnly.FromDateTime(Lunar.ToDateTime(y, 1, 1, 0, 0, 0, 0)))
        .ToArray();

    /// <summary>春节, the first day of the lunar year. Outside the lunar calendar's range a typical date stands in.</summary>
    public static DateOnly SpringFestival(int year) =>
        year is >= FirstLunarYear and <= LastLunarYear ? SpringFestivals[year - FirstLunarYear] : new DateOnly(year, 2, 1);

    /// <summary>The plant's Spring Festival shutdown: from the day before 除夕 to 初六. It never crosses a year end.</summary>
    public static bool IsSpringFestivalShutdown(DateOnly day)
    {
        var festival = SpringFestival(day.Year);
        return day >= festival.AddDays(-2) && day <= festival.AddDays(6);
    }

    public static bool IsPublicHoliday(DateOnly day) =>
        (day.Month == 1 && day.Day == 1)
        || (day.Month == 5 && day.Day <= 3)
        || (day.Month == 10 && day.Day <= 5)
        || IsSpringFestivalShutdown(day);

    public static bool IsPlantDay(DateOnly day) => day.DayOfWeek != DayOfWeek.Sunday && !IsPublicHoliday(day);

    public static bool IsOfficeDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(day);

    public static IEnumerable<DateOnly> Days(Period month)
    {
        for (var d = month.FirstDay; d <= month.LastDay; d = d.AddDays(1)) yield return d;
    }

    public static IReadOnlyList<DateOnly> PlantDays(Period month) => Days(month).Where(IsPlantDay).ToList();

    public static IReadOnlyList<DateOnly> OfficeDays(Period month) => Days(month).Where(IsOfficeDay).ToList();

    /// <summary>True on the first <see cref="RestartDays"/> plant days after the Spring Festival shutdown.</summary>
    public static bool IsRestart(DateOnly day)
    {
        var reopened = SpringFestival(day.Year).AddDays(7);
        // Cheap bounds first: the restart is over within three weeks of reopening.
        if (day < reopened || day > reopened.AddDays(21) || !IsPlantDay(day)) return false;
        var plantDaysBefore = 0;
        for (var d = reopened; d < day; d = d.AddDays(1))
        {
            if (IsPlantDay(d)) plantDaysBefore++;
        }
        return plantDaysBefore < RestartDays;
    }

    /// <summary>
    /// Demand on a day relative to an average day: the month's season, slow growth and the restart dip.
    /// </summary>
    public static decimal Demand(DateOnly day) => MonthlyDemand[day.Month - 1] * Growth(day) * (IsRestart(day) ? 0.75m : 1m);

    /// <summary>
    /// The month's demand for figures planned by the month (budgets, sales plans): its season and growth, less in a
    /// month that holds the Spring Festival shutdown.
    /// </summary>
    public static decimal MonthlyDemandOf(Period month) =>
        MonthlyDemand[month.Number - 1] * Growth(month.FirstDay) * (Days(month).Any(IsSpringFestivalShutdown) ? 0.85m : 1m);

    /// <summary>About 5 % a year, anchored to the calendar so that a month's figures do not depend on the window generated.</summary>
    public static decimal Growth(DateOnly day) => Math.Clamp(1m + 0.05m * ((day.Year - 2024) + (day.Month - 1) / 12m), 0.7m, 1.6m);
}
