using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Storage.Records;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Metrics;

/// <summary>
/// Computes the <see cref="MetricTotals"/> of a department subtree and a period in the database: one aggregate query
/// per record kind, filtered by the (department, date) indexes — set-based on both providers, never a row loop in C#.
/// The <see cref="ReferenceEvaluator"/> is the specification; a differential test keeps the two equal.
/// </summary>
public static class MetricTotalsQuery
{
    public static async Task<MetricTotals> TotalsAsync(this KpiDbContext db, IReadOnlyCollection<int> departmentIds, Period period,
        CompanyTimeZone zone, CancellationToken ct = default)
    {
        var ids = departmentIds.ToList();
        var first = period.FirstDay;
        var last = period.LastDay;
        var (start, end) = zone.Bounds(period);

        var production = await db.Production.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.Date >= first && r.Date <= last)
            .GroupBy(_ => 1)
            .Select(g => new ProductionTotals(g.LongCount(), g.Sum(r => r.PlannedQty), g.Sum(r => r.ActualQty)))
            .FirstOrDefaultAsync(ct) ?? ProductionTotals.Zero;

        var hours = await db.Hours.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.Date >= first && r.Date <= last)
            .GroupBy(_ => 1)
            .Select(g => new HoursTotals(g.LongCount(), g.Sum(r => r.Hours)))
            .FirstOrDefaultAsync(ct) ?? HoursTotals.Zero;

        var deliveries = await db.Deliveries.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.PromisedDate >= first && r.PromisedDate <= last)
            .GroupBy(_ => 1)
            .Select(g => new DeliveryTotals(g.LongCount(), g.LongCount(r => r.DeliveredDate != null && r.DeliveredDate <= r.PromisedDate)))
            .FirstOrDefaultAsync(ct) ?? DeliveryTotals.Zero;

        var inspections = await db.Inspections.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.Date >= first && r.Date <= last)
            .GroupBy(_ => 1)
            .Select(g => new InspectionTotals(g.LongCount(), g.Sum(r => r.InspectedQty), g.Sum(r => r.PassedQty)))
            .FirstOrDefaultAsync(ct) ?? InspectionTotals.Zero;

        var complaint = Names.Of(TicketKind.Complaint);
        var tickets = await db.Tickets.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.OpenedAt >= start && r.OpenedAt < end)
            .GroupBy(_ => 1)
            .Select(g => new TicketTotals(
                g.LongCount(),
                g.LongCount(r => r.CallbackIn48h),
                g.LongCount(r => r.Kind == complaint),
                g.LongCount(r => r.Kind == complaint && r.ResolvedAt != null && r.ResolvedAt < end)))
            .FirstOrDefaultAsync(ct) ?? TicketTotals.Zero;

        var customer = Names.Of(SurveyType.Customer);
        var surveys = await db.Surveys.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.Date >= first && r.Date <= last)
            .GroupBy(r => r.Survey)
            .Select(g => new { Survey = g.Key, Count = g.LongCount(), Sum = g.Sum(r => r.Score) })
            .ToListAsync(ct);
        var c = surveys.FirstOrDefault(s => s.Survey == customer);
        var k = surveys.FirstOrDefault(s => s.Survey != customer);
        var surveyTotals = new SurveyTotals(c?.Count ?? 0, c?.Sum ?? 0, k?.Count ?? 0, k?.Sum ?? 0);

        var training = await db.Training.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.PlannedDate >= first && r.PlannedDate <= last)
            .GroupBy(_ => 1)
            .Select(g => new TrainingTotals(g.LongCount(), g.LongCount(r => r.CompletedDate != null && r.CompletedDate <= last)))
            .FirstOrDefaultAsync(ct) ?? TrainingTotals.Zero;

        var budget = await db.Budget.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.Month >= first && r.Month <= last)
            .GroupBy(_ => 1)
            .Select(g => new BudgetTotals(g.LongCount(), g.Sum(r => r.BudgetAmount), g.Sum(r => r.ActualAmount)))
            .FirstOrDefaultAsync(ct) ?? BudgetTotals.Zero;

        var severities = await db.Safety.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.OccurredAt >= start && r.OccurredAt < end)
            .GroupBy(r => r.Severity)
            .Select(g => new { Severity = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Severity, x => x.Count, ct);
        var safety = new SafetyTotals(
            severities.GetValueOrDefault(Names.Of(Severity.Minor)),
            severities.GetValueOrDefault(Names.Of(Severity.Major)),
            severities.GetValueOrDefault(Names.Of(Severity.Fatal)));

        // Headcount is a state on two days; only staff employed at some point in the period can count.
        var staff = await db.Staff.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.HiredOn <= last && (r.LeftOn == null || r.LeftOn >= first))
            .GroupBy(_ => 1)
            .Select(g => new StaffTotals(
                g.LongCount(),
                g.LongCount(s => s.HiredOn <= first && (s.LeftOn == null || s.LeftOn >= first)),
                g.LongCount(s => s.LeftOn == null || s.LeftOn >= last),
                g.LongCount(s => s.LeftOn != null && s.LeftOn >= first && s.LeftOn <= last),
                g.LongCount(s => s.Qualified && (s.LeftOn == null || s.LeftOn >= last))))
            .FirstOrDefaultAsync(ct) ?? StaffTotals.Zero;

        var measurements = await db.Measurements.AsNoTracking()
            .Where(r => ids.Contains(r.DepartmentId) && r.Date >= first && r.Date <= last)
            .GroupBy(r => r.Metric)
            .Select(g => new
            {
                Metric = g.Key,
                Records = g.LongCount(),
                Numerator = g.Sum(r => r.Numerator),
                WithDenominator = g.LongCount(r => r.Denominator != null),
                Denominator = g.Sum(r => r.Denominator ?? 0m),
            })
            .ToListAsync(ct);

        return new MetricTotals(production, hours, deliveries, inspections, tickets, surveyTotals, training, budget, safety, staff,
            measurements.ToDictionary(m => m.Metric, m => new MeasurementTotals(m.Records, m.Numerator, m.WithDenominator, m.Denominator), StringComparer.Ordinal));
    }
}
