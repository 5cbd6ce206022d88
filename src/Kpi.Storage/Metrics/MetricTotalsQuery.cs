using Kpi.Domain.Metrics;
using Kpi.Domain.Metrics.Rules;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Storage.Records;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Metrics;

/// <summary>
/// Computes the <see cref="MetricTotals"/> of a department subtree and a period in the database: one aggregate query
/// per record kind, filtered by the (department, date) indexes — set-based on both providers, never a row loop in C#.
/// Every predicate is a domain rule (<see cref="OnTimeDelivery"/>, <see cref="PeriodPlacement"/>…) inlined into the
/// query, so the SQL says what the <see cref="ReferenceEvaluator"/> says; differential tests keep the two equal.
/// </summary>
public static class MetricTotalsQuery
{
    public static Task<MetricTotals> TotalsAsync(this KpiDbContext db, IReadOnlyCollection<int> departmentIds, Period period,
        CompanyTimeZone zone, CancellationToken ct = default) =>
        TotalsAsync(db, departmentIds, period, zone, MetricInputs.Everything, ct);

    /// <summary>
    /// The totals of the kinds <paramref name="inputs"/> names; every other kind is left at zero, which is not its value:
    /// only the metrics of <paramref name="inputs"/> may be computed from the result.
    /// </summary>
    internal static async Task<MetricTotals> TotalsAsync(this KpiDbContext db, IReadOnlyCollection<int> departmentIds, Period period,
        CompanyTimeZone zone, MetricInputs inputs, CancellationToken ct = default)
    {
        var ids = departmentIds.ToList();
        var first = period.FirstDay;
        var last = period.LastDay;
        var (start, end) = zone.Bounds(period);
        var totals = MetricTotals.Empty;

        if (inputs.Reads(RecordKind.Production))
        {
            totals = totals with
            {
                Production = await db.Production.AsNoTracking()
                    .Where(r => ids.Contains(r.DepartmentId) && PeriodPlacement.Day.Holds(r.Date, first, last))
                    .GroupBy(_ => 1)
                    .Select(g => new ProductionTotals(g.LongCount(), g.Sum(r => r.PlannedQty), g.Sum(r => r.ActualQty)))
                    .WithRulesInlined().SingleOrDefaultAsync(ct) ?? ProductionTotals.Zero,
            };
        }

        if (inputs.Reads(RecordKind.Hours))
        {
            totals = totals with
            {
                Hours = await db.Hours.AsNoTracking()
                    .Where(r => ids.Contains(r.DepartmentId) && PeriodPlacement.Day.Holds(r.Date, first, last))
                    .GroupBy(_ => 1)
                    .Select(g => new HoursTotals(g.LongCount(), g.Sum(r => r.Hours)))
                    .WithRulesInlined().SingleOrDefaultAsync(ct) ?? HoursTotals.Zero,
            };
        }

        if (inputs.Reads(RecordKind.Deliveries))
        {
            totals = totals with
            {
                Deliveries = await db.Deliveries.AsNoTracking()
                    .Where(r => ids.Contains(r.DepartmentId) && PeriodPlacement.Day.Holds(r.PromisedDate, first, last))
                    .GroupBy(_ => 1)
                    .Select(g => new DeliveryTotals(g.LongCount(), g.LongCount(r => OnTimeDelivery.IsOnTime.Holds(r.PromisedDate, r.DeliveredDate))))
                    .WithRulesInlined().SingleOrDefaultAsync(ct) ?? DeliveryTotals.Zero,
            };
        }

        if (inputs.Reads(RecordKind.Inspections))
        {
            totals = totals with
            {
                Inspections = await db.Inspections.AsNoTracking()
                    .Where(r => ids.Contains(r.DepartmentId) && PeriodPlacement.Day.Holds(r.Date, first, last))
                    .GroupBy(_ => 1)
                    .Select(g => new InspectionTotals(g.LongCount(), g.Sum(r => r.InspectedQty), g.Sum(r => r.PassedQty)))
                    .WithRulesInlined().SingleOrDefaultAsync(ct) ?? InspectionTotals.Zero,
            };
        }

        if (inputs.Reads(RecordKind.Tickets))
        {
            // callback_in48h is Callback48h.IsCalledBackInTime, evaluated by the import (see TicketRow.CallbackIn48h).
            var complaint = Names.Of(TicketKind.Complaint);
            totals = totals with
            {
                Tickets = await db.Tickets.AsNoTracking()
                    .Where(r => ids.Contains(r.DepartmentId) && PeriodPlacement.Instant.Holds(r.OpenedAt, start, end))
                    .GroupBy(_ => 1)
                    .Select(g => new TicketTotals(
                        g.LongCount(),
                        g.LongCount(r => r.CallbackIn48h),
                        g.LongCount(r => r.Kind == complaint),
                        g.LongCount(r => r.Kind == complaint && ComplaintResolution.IsResolvedBy.Holds(r.ResolvedAt, end))))
                    .WithRulesInlined().SingleOrDefaultAsync(ct) ?? TicketTotals.Zero,
            };
        }

        if (inputs.Reads(RecordKind.Surveys))
        {
            var customer = Names.Of(SurveyType.Customer);
            var surveys = await db.Surveys.AsNoTracking()
                .Where(r => ids.Contains(r.DepartmentId) && PeriodPlacement.Day.Holds(r.Date, first, last))
                .GroupBy(r => r.Survey)
                .Select(g => new { Survey = g.Key, Count = g.LongCount(), Sum = g.Sum(r => r.Score) })
                .WithRulesInlined().ToListAsync(ct);
            var c = surveys.FirstOrDefault(s => s.Survey == customer);
            var k = surveys.FirstOrDefault(s => s.Survey != customer);
            totals = totals with { Surveys = new SurveyTotals(c?.Count ?? 0, c?.Sum ?? 0, k?.Count ?? 0, k?.Sum ?? 0) };
        }

        if (inputs.Reads(RecordKind.Training))
        {
            totals = totals with
            {
                Training = await db.Training.AsNoTracking()
                    .Where(r => ids.Contains(r.DepartmentId) && PeriodPlacement.Day.Holds(r.PlannedDate, first, last))
                    .GroupBy(_ => 1)
                    .Select(g => new TrainingTotals(g.LongCount(), g.LongCount(r => TrainingCompletion.IsCompletedBy.Holds(r.CompletedDate, last))))
                    .WithRulesInlined().SingleOrDefaultAsync(ct) ?? TrainingTotals.Zero,
            };
        }

        if (inputs.Reads(RecordKind.Budget))
        {
            totals = totals with
            {
                Budget = await db.Budget.AsNoTracking()
                    .Where(r => ids.Contains(r.DepartmentId) && PeriodPlacement.Day.Holds(r.Month, first, last))
                    .GroupBy(_ => 1)
                    .Select(g => new BudgetTotals(g.LongCount(), g.Sum(r => r.BudgetAmount), g.Sum(r => r.ActualAmount)))
                    .WithRulesInlined().SingleOrDefaultAsync(ct) ?? BudgetTotals.Zero,
            };
        }

        if (inputs.Reads(RecordKind.Safety))
        {
            var severities = await db.Safety.AsNoTracking()
                .Where(r => ids.Contains(r.DepartmentId) && PeriodPlacement.Instant.Holds(r.OccurredAt, start, end))
                .GroupBy(r => r.Severity)
                .Select(g => new { Severity = g.Key, Count = g.LongCount() })
                .WithRulesInlined().ToDictionaryAsync(x => x.Severity, x => x.Count, ct);
            totals = totals with
            {
                Safety = new SafetyTotals(
                    severities.GetValueOrDefault(Names.Of(Severity.Minor)),
                    severities.GetValueOrDefault(Names.Of(Severity.Major)),
                    severities.GetValueOrDefault(Names.Of(Severity.Fatal))),
            };
        }

        if (inputs.Reads(RecordKind.Staff))
        {
            totals = totals with
            {
                Staff = await db.Staff.AsNoTracking()
                    .Where(r => ids.Contains(r.DepartmentId) && Headcount.DuringPeriod.Holds(r.HiredOn, r.LeftOn, first, last))
                    .GroupBy(_ => 1)
                    .Select(g => new StaffTotals(
                        g.LongCount(),
                        g.LongCount(s => Headcount.OnDay.Holds(s.HiredOn, s.LeftOn, first)),
                        g.LongCount(s => Headcount.OnDay.Holds(s.HiredOn, s.LeftOn, last)),
                        g.LongCount(s => Headcount.LeftDuring.Holds(s.LeftOn, first, last)),
                        g.LongCount(s => Qualification.QualifiedOn.Holds(s.HiredOn, s.LeftOn, s.Qualified, last))))
                    .WithRulesInlined().SingleOrDefaultAsync(ct) ?? StaffTotals.Zero,
            };
        }

        if (inputs.Reads(RecordKind.Measurements))
        {
            var query = db.Measurements.AsNoTracking()
                .Where(r => ids.Contains(r.DepartmentId) && PeriodPlacement.Day.Holds(r.Date, first, last));
            if (inputs.CustomMetrics is { } codes) query = query.Where(r => codes.Contains(r.Metric));
            var measurements = await query
                .GroupBy(r => r.Metric)
                .Select(g => new
                {
                    Metric = g.Key,
                    Records = g.LongCount(),
                    Numerator = g.Sum(r => r.Numerator),
                    WithDenominator = g.LongCount(r => r.Denominator != null),
                    Denominator = g.Sum(r => r.Denominator ?? 0m),
                })
                .WithRulesInlined().ToListAsync(ct);
            totals = totals with
            {
                Measurements = measurements.ToDictionary(m => m.Metric,
                    m => new MeasurementTotals(m.Records, m.Numerator, m.WithDenominator, m.Denominator), StringComparer.Ordinal),
            };
        }

        return totals;
    }
}
