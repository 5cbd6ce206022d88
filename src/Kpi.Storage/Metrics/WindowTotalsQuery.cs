using Kpi.Domain.Metrics;
using Kpi.Domain.Metrics.Rules;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Storage.Records;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Metrics;

/// <summary>
/// The fast path of a monthly close: the totals of every department, for every month of a window (a 13-month trend)
/// and for spans ending in it (quarter- and year-to-date), in about thirty grouped queries whatever the number of
/// departments — instead of one <see cref="MetricTotalsQuery"/> per department, period and kind, which for 200
/// departments would be tens of thousands. Flows are grouped by (department, month) in one query per kind and summed
/// into spans in C#. What does not add up over months is queried for each period itself: headcount (a state on the
/// period's first and last day), complaints resolved before the period's end and training completed by its last day.
/// Every predicate is a domain rule inlined into the query, as in <see cref="MetricTotalsQuery"/>; where a month's own
/// bound is needed per row (a complaint resolved before the end of the month it was opened in) the rule is given the
/// bound by <see cref="MonthBuckets"/>. The <see cref="ReferenceEvaluator"/> is the judge: a differential test holds the
/// two to agreement.
/// </summary>
public static class WindowTotalsQuery
{
    /// <summary>Every department's totals over the window (as the close reads them).</summary>
    public static Task<WindowTotals> WindowTotalsAsync(this KpiDbContext db, IReadOnlyList<Period> months, IReadOnlyList<Period> spans,
        CompanyTimeZone zone, CancellationToken ct = default) =>
        db.WindowTotalsAsync(months, spans, zone, null, ct);

    /// <param name="months">Consecutive months, oldest first.</param>
    /// <param name="spans">Periods made of whole months of the window, such as <see cref="Period.QuarterToDateOfLastMonth"/>.</param>
    /// <param name="departments">
    /// The departments whose own totals to read, null for all. A page that shows a few subtrees reads only theirs: over
    /// a large store the cost is the records read, and a workshop's 13 months are a small part of the company's.
    /// </param>
    public static async Task<WindowTotals> WindowTotalsAsync(this KpiDbContext db, IReadOnlyList<Period> months, IReadOnlyList<Period> spans,
        CompanyTimeZone zone, IReadOnlyCollection<int>? departments, CancellationToken ct = default)
    {
        var ids = departments?.Distinct().ToList();
        var window = new MonthBuckets(months, zone);
        foreach (var span in spans)
        {
            if (!span.Months.All(months.Contains))
                throw new ArgumentException($"{span} reaches outside the window {months[0]}–{months[^1]}.", nameof(spans));
        }

        var cells = new Dictionary<(int Department, int Month), Cell>();
        Cell At(int department, int month) => cells.TryGetValue((department, month), out var c) ? c : cells[(department, month)] = new Cell();

        await Flows(db, window, ids, At, ct);

        var own = new Dictionary<(int, Period), MetricTotals>();
        foreach (var ((department, month), cell) in cells) own[(department, months[month])] = cell.ToTotals();

        // Headcount for every period of the window, each taken on its own first and last day.
        foreach (var period in months.Concat(spans))
        {
            foreach (var (department, staff) in await Staff(db, period, ids, ct))
            {
                var current = own.GetValueOrDefault((department, period)) ?? MetricTotals.Empty;
                own[(department, period)] = current with { Staff = staff };
            }
        }

        foreach (var span in spans) await AddSpan(db, span, months, ids, own, zone, ct);
        return new WindowTotals(months, spans, own, ids?.ToHashSet());
    }

    /// <summary>A span: the months' flows summed, then the deadline counts and headcount of the span itself.</summary>
    private static async Task AddSpan(KpiDbContext db, Period span, IReadOnlyList<Period> months, List<int>? ids, Dictionary<(int, Period), MetricTotals> own,
        CompanyTimeZone zone, CancellationToken ct)
    {
        var departments = own.Keys.Where(k => k.Item2 == span || span.Months.Contains(k.Item2)).Select(k => k.Item1).Distinct().ToList();
        var (start, end) = zone.Bounds(span);
        var first = span.FirstDay;
        var last = span.LastDay;
        var complaint = Names.Of(TicketKind.Complaint);

        var resolved = await Within(db.Tickets, ids)
            .Where(r => r.Kind == complaint && PeriodPlacement.Instant.Holds(r.OpenedAt, start, end) && ComplaintResolution.IsResolvedBy.Holds(r.ResolvedAt, end))
            .GroupBy(r => r.DepartmentId)
            .Select(g => new { Department = g.Key, Count = g.LongCount() })
            .WithRulesInlined().ToDictionaryAsync(x => x.Department, x => x.Count, ct);
        var completed = await Within(db.Training, ids)
            .Where(r => PeriodPlacement.Day.Holds(r.PlannedDate, first, last) && TrainingCompletion.IsCompletedBy.Holds(r.CompletedDate, last))
            .GroupBy(r => r.DepartmentId)
            .Select(g => new { Department = g.Key, Count = g.LongCount() })
            .WithRulesInlined().ToDictionaryAsync(x => x.Department, x => x.Count, ct);

        foreach (var department in departments.Union(resolved.Keys).Union(completed.Keys))
        {
            var sum = MetricTotals.Empty;
            foreach (var month in span.Months)
            {
                if (own.TryGetValue((department, month), out var m)) sum += m;
            }
            var staff = own.GetValueOrDefault((department, span))?.Staff ?? StaffTotals.Zero;
            own[(department, span)] = sum with
            {
                Tickets = sum.Tickets with { ComplaintsResolved = resolved.GetValueOrDefault(department) },
                Training = sum.Training with { Completed = completed.GetValueOrDefault(department) },
                Staff = staff,
            };
        }
    }

    /// <summary>One grouped query per kind over the whole window: (department, month) → sums and counts.</summary>
    private static async Task Flows(KpiDbContext db, MonthBuckets w, List<int>? ids, Func<int, int, Cell> at, CancellationToken ct)
    {
        var (firstDay, lastDay, start, end) = (w.FirstDay, w.LastDay, w.Start, w.End);

        foreach (var x in await w.Apply(Within(db.Production, ids)
                     .Where(r => PeriodPlacement.Day.Holds(r.Date, firstDay, lastDay))
                     .GroupBy(r => new { r.DepartmentId, Month = MonthBuckets.Index(r.Date) })
                     .Select(g => new { g.Key.DepartmentId, g.Key.Month, Records = g.LongCount(), Planned = g.Sum(r => r.PlannedQty), Actual = g.Sum(r => r.ActualQty) }))
                     .ToListAsync(ct))
            at(x.DepartmentId, x.Month).Production = new ProductionTotals(x.Records, x.Planned, x.Actual);

        foreach (var x in await w.Apply(Within(db.Hours, ids)
                     .Where(r => PeriodPlacement.Day.Holds(r.Date, firstDay, lastDay))
                     .GroupBy(r => new { r.DepartmentId, Month = MonthBuckets.Index(r.Date) })
                     .Select(g => new { g.Key.DepartmentId, g.Key.Month, Records = g.LongCount(), Hours = g.Sum(r => r.Hours) }))
                     .ToListAsync(ct))
            at(x.DepartmentId, x.Month).Hours = new HoursTotals(x.Records, x.Hours);

        foreach (var x in await w.Apply(Within(db.Deliveries, ids)
                     .Where(r => PeriodPlacement.Day.Holds(r.PromisedDate, firstDay, lastDay))
                     .GroupBy(r => new { r.DepartmentId, Month = MonthBuckets.Index(r.PromisedDate) })
                     .Select(g => new
                     {
                         g.Key.DepartmentId, g.Key.Month, Promised = g.LongCount(),
                         OnTime = g.LongCount(r => OnTimeDelivery.IsOnTime.Holds(r.PromisedDate, r.DeliveredDate)),
                     }))
                     .ToListAsync(ct))
            at(x.DepartmentId, x.Month).Deliveries = new DeliveryTotals(x.Promised, x.OnTime);

        foreach (var x in await w.Apply(Within(db.Inspections, ids)
                     .Where(r => PeriodPlacement.Day.Holds(r.Date, firstDay, lastDay))
                     .GroupBy(r => new { r.DepartmentId, Month = MonthBuckets.Index(r.Date) })
                     .Select(g => new { g.Key.DepartmentId, g.Key.Month, Records = g.LongCount(), Inspected = g.Sum(r => r.InspectedQty), Passed = g.Sum(r => r.PassedQty) }))
                     .ToListAsync(ct))
            at(x.DepartmentId, x.Month).Inspections = new InspectionTotals(x.Records, x.Inspected, x.Passed);

        // A complaint counts as resolved for its month when it was resolved before that month ended; callback_in48h is
        // Callback48h.IsCalledBackInTime, evaluated by the import (see TicketRow.CallbackIn48h).
        var complaint = Names.Of(TicketKind.Complaint);
        foreach (var x in await w.Apply(Within(db.Tickets, ids)
                     .Where(r => PeriodPlacement.Instant.Holds(r.OpenedAt, start, end))
                     .GroupBy(r => new { r.DepartmentId, Month = MonthBuckets.Index(r.OpenedAt) })
                     .Select(g => new
                     {
                         g.Key.DepartmentId, g.Key.Month, Opened = g.LongCount(),
                         CalledBack = g.LongCount(r => r.CallbackIn48h),
                         Complaints = g.LongCount(r => r.Kind == complaint),
                         Resolved = g.LongCount(r => r.Kind == complaint && ComplaintResolution.IsResolvedBy.Holds(r.ResolvedAt, MonthBuckets.EndOf(r.OpenedAt))),
                     }))
                     .ToListAsync(ct))
            at(x.DepartmentId, x.Month).Tickets = new TicketTotals(x.Opened, x.CalledBack, x.Complaints, x.Resolved);

        var customer = Names.Of(SurveyType.Customer);
        foreach (var x in await w.Apply(Within(db.Surveys, ids)
                     .Where(r => PeriodPlacement.Day.Holds(r.Date, firstDay, lastDay))
                     .GroupBy(r => new { r.DepartmentId, Month = MonthBuckets.Index(r.Date), r.Survey })
                     .Select(g => new { g.Key.DepartmentId, g.Key.Month, g.Key.Survey, Count = g.LongCount(), Sum = g.Sum(r => r.Score) }))
                     .ToListAsync(ct))
        {
            var cell = at(x.DepartmentId, x.Month);
            cell.Surveys += x.Survey == customer ? new SurveyTotals(x.Count, x.Sum, 0, 0) : new SurveyTotals(0, 0, x.Count, x.Sum);
        }

        // Training counts as completed for its month when it was completed by that month's last day.
        foreach (var x in await w.Apply(Within(db.Training, ids)
                     .Where(r => PeriodPlacement.Day.Holds(r.PlannedDate, firstDay, lastDay))
                     .GroupBy(r => new { r.DepartmentId, Month = MonthBuckets.Index(r.PlannedDate) })
                     .Select(g => new
                     {
                         g.Key.DepartmentId, g.Key.Month, Planned = g.LongCount(),
                         Completed = g.LongCount(r => TrainingCompletion.IsCompletedBy.Holds(r.CompletedDate, MonthBuckets.LastDayOf(r.PlannedDate))),
                     }))
                     .ToListAsync(ct))
            at(x.DepartmentId, x.Month).Training = new TrainingTotals(x.Planned, x.Completed);

        foreach (var x in await w.Apply(Within(db.Budget, ids)
                     .Where(r => PeriodPlacement.Day.Holds(r.Month, firstDay, lastDay))
                     .GroupBy(r => new { r.DepartmentId, Month = MonthBuckets.Index(r.Month) })
                     .Select(g => new { g.Key.DepartmentId, g.Key.Month, Records = g.LongCount(), Budget = g.Sum(r => r.BudgetAmount), Actual = g.Sum(r => r.ActualAmount) }))
                     .ToListAsync(ct))
            at(x.DepartmentId, x.Month).Budget = new BudgetTotals(x.Records, x.Budget, x.Actual);

        var (minor, major) = (Names.Of(Severity.Minor), Names.Of(Severity.Major));
        foreach (var x in await w.Apply(Within(db.Safety, ids)
                     .Where(r => PeriodPlacement.Instant.Holds(r.OccurredAt, start, end))
                     .GroupBy(r => new { r.DepartmentId, Month = MonthBuckets.Index(r.OccurredAt), r.Severity })
                     .Select(g => new { g.Key.DepartmentId, g.Key.Month, g.Key.Severity, Count = g.LongCount() }))
                     .ToListAsync(ct))
        {
            var cell = at(x.DepartmentId, x.Month);
            cell.Safety += x.Severity == minor ? new SafetyTotals(x.Count, 0, 0)
                : x.Severity == major ? new SafetyTotals(0, x.Count, 0)
                : new SafetyTotals(0, 0, x.Count);
        }

        foreach (var x in await w.Apply(Within(db.Measurements, ids)
                     .Where(r => PeriodPlacement.Day.Holds(r.Date, firstDay, lastDay))
                     .GroupBy(r => new { r.DepartmentId, Month = MonthBuckets.Index(r.Date), r.Metric })
                     .Select(g => new
                     {
                         g.Key.DepartmentId, g.Key.Month, g.Key.Metric, Records = g.LongCount(), Numerator = g.Sum(r => r.Numerator),
                         WithDenominator = g.LongCount(r => r.Denominator != null), Denominator = g.Sum(r => r.Denominator ?? 0m),
                     }))
                     .ToListAsync(ct))
            at(x.DepartmentId, x.Month).Measurements[x.Metric] = new MeasurementTotals(x.Records, x.Numerator, x.WithDenominator, x.Denominator);
    }

    /// <summary>Headcount of every department for one period, as <see cref="MetricTotalsQuery"/> counts it for a subtree.</summary>
    private static async Task<Dictionary<int, StaffTotals>> Staff(KpiDbContext db, Period period, List<int>? ids, CancellationToken ct)
    {
        var first = period.FirstDay;
        var last = period.LastDay;
        return await Within(db.Staff, ids)
            .Where(r => Headcount.DuringPeriod.Holds(r.HiredOn, r.LeftOn, first, last))
            .GroupBy(r => r.DepartmentId)
            .Select(g => new
            {
                Department = g.Key,
                Totals = new StaffTotals(
                    g.LongCount(),
                    g.LongCount(s => Headcount.OnDay.Holds(s.HiredOn, s.LeftOn, first)),
                    g.LongCount(s => Headcount.OnDay.Holds(s.HiredOn, s.LeftOn, last)),
                    g.LongCount(s => Headcount.LeftDuring.Holds(s.LeftOn, first, last)),
                    g.LongCount(s => Qualification.QualifiedOn.Holds(s.HiredOn, s.LeftOn, s.Qualified, last))),
            })
            .WithRulesInlined().ToDictionaryAsync(x => x.Department, x => x.Totals, ct);
    }

    /// <summary>The table's records of the departments asked for (all when null), untracked.</summary>
    private static IQueryable<T> Within<T>(IQueryable<T> rows, List<int>? ids) where T : RecordRow =>
        ids is null ? rows.AsNoTracking() : rows.AsNoTracking().Where(r => ids.Contains(r.DepartmentId));

    /// <summary>One department-month being filled in, kind by kind.</summary>
    private sealed class Cell
    {
        public ProductionTotals Production { get; set; } = ProductionTotals.Zero;
        public HoursTotals Hours { get; set; } = HoursTotals.Zero;
        public DeliveryTotals Deliveries { get; set; } = DeliveryTotals.Zero;
        public InspectionTotals Inspections { get; set; } = InspectionTotals.Zero;
        public TicketTotals Tickets { get; set; } = TicketTotals.Zero;
        public SurveyTotals Surveys { get; set; } = SurveyTotals.Zero;
        public TrainingTotals Training { get; set; } = TrainingTotals.Zero;
        public BudgetTotals Budget { get; set; } = BudgetTotals.Zero;
        public SafetyTotals Safety { get; set; } = SafetyTotals.Zero;
        public Dictionary<string, MeasurementTotals> Measurements { get; } = new(StringComparer.Ordinal);

        public MetricTotals ToTotals() =>
            new(Production, Hours, Deliveries, Inspections, Tickets, Surveys, Training, Budget, Safety, StaffTotals.Zero, Measurements);
    }
}
