using Kpi.Demo.Company;
using System.Collections.Concurrent;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;

namespace Kpi.Demo.Sources;

/// <summary>
/// What the demo company's source systems hold beyond the seeded history (which ends with last month): this month so
/// far, generated the same deterministic way, plus the last days of last month for the timesheet inbox, exactly as
/// seeded (they import as unchanged). The records' <c>updated_at</c> is the evening of their day, when the plant's
/// systems close the day.
/// </summary>
public static class DemoFeeds
{
    /// <summary>How many days of timesheet files the demo inbox starts with: a month of them.</summary>
    public const int TimesheetDays = 30;

    // The MES endpoint answers from this; one day's list at a time (generating the company takes a moment).
    private static readonly ConcurrentDictionary<DateOnly, Lazy<IReadOnlyList<MesRecord>>> Mes = new();

    /// <summary>A production record as the demo MES serves it.</summary>
    public sealed record MesRecord(ProductionRecord Record, DateTime UpdatedAt);

    /// <summary>A budget line as the demo ERP keeps it.</summary>
    public sealed record ErpRecord(BudgetRecord Record, DateTime UpdatedAt);

    /// <summary>Production of this month up to yesterday (company time), oldest change first.</summary>
    public static IReadOnlyList<MesRecord> MesProduction(DateTime nowUtc, CompanyTimeZone zone)
    {
        var today = zone.LocalDate(nowUtc);
        foreach (var stale in Mes.Keys.Where(d => d != today)) Mes.TryRemove(stale, out _);
        return Mes.GetOrAdd(today, d => new Lazy<IReadOnlyList<MesRecord>>(() =>
            [.. Month(Period.MonthOf(d)).Records.Production.Where(r => r.Date >= Period.MonthOf(d).FirstDay && r.Date < d)
                .Select(r => new MesRecord(r, ClosedAt(r.Date, zone))).OrderBy(r => r.UpdatedAt).ThenBy(r => r.Record.RecordId, StringComparer.Ordinal)])).Value;
    }

    /// <summary>Timesheets (hours) of the last <see cref="TimesheetDays"/> days before today, grouped by day.</summary>
    public static IReadOnlyList<(DateOnly Day, IReadOnlyList<HoursRecord> Hours)> Timesheets(DateTime nowUtc, CompanyTimeZone zone)
    {
        var today = zone.LocalDate(nowUtc);
        var first = today.AddDays(-TimesheetDays);
        var month = Period.MonthOf(today);
        var hours = Month(month.Previous).Records.Hours.Where(h => h.Date >= first && h.Date < month.FirstDay)
            .Concat(Month(month).Records.Hours.Where(h => h.Date >= month.FirstDay && h.Date < today));
        return [.. hours.GroupBy(h => h.Date).OrderBy(g => g.Key).Select(g => (g.Key, (IReadOnlyList<HoursRecord>)[.. g]))];
    }

    /// <summary>Budget lines of last month (as seeded) and of this month so far.</summary>
    public static IReadOnlyList<ErpRecord> ErpBudget(DateTime nowUtc, CompanyTimeZone zone)
    {
        var today = zone.LocalDate(nowUtc);
        var month = Period.MonthOf(today);
        var last = Month(month.Previous).Records.Budget.Where(b => Period.MonthOf(b.Month) == month.Previous)
            .Select(b => new ErpRecord(b, ClosedAt(month.Previous.LastDay, zone)));
        var current = Month(month).Records.Budget.Where(b => Period.MonthOf(b.Month) == month)
            .Select(b => new ErpRecord(b, ClosedAt(today.AddDays(-1), zone)));
        return [.. last.Concat(current)];
    }

    private static DemoData Month(Period month) => DemoCompany.Generate(month);

    private static DateTime ClosedAt(DateOnly day, CompanyTimeZone zone) => zone.LocalToUtc(day.ToDateTime(new TimeOnly(20, 0)));
}
