using Kpi.Domain.Metrics.Rules;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;

namespace Kpi.Domain.Metrics;

/// <summary>
/// The specification of the metric catalogue, executed in memory: which records of a department subtree fall in a
/// period and what they add up to. Every predicate is a rule of <see cref="Rules"/> (<see cref="OnTimeDelivery"/>,
/// <see cref="PeriodPlacement"/>…), the same rules the database queries inline; the database computes the same
/// <see cref="MetricTotals"/> set-based and differential tests hold the two to agreement.
/// </summary>
public sealed class ReferenceEvaluator(OrgTree tree, CompanyTimeZone zone)
{
    public IReadOnlyList<MetricValue> Evaluate(RecordSet records, string department, Period period) =>
        MetricFormulas.Compute(Totals(records, department, period));

    public MetricTotals Totals(RecordSet records, string department, Period period)
    {
        var subtree = tree.Subtree(department).ToHashSet(StringComparer.Ordinal);
        bool Mine(SourceRecord r) => subtree.Contains(r.Department);
        var (first, last) = (period.FirstDay, period.LastDay);
        var (start, end) = zone.Bounds(period);
        bool OnDay(DateOnly date) => PeriodPlacement.Day.Holds(date, first, last);
        bool AtInstant(DateTime instant) => PeriodPlacement.Instant.Holds(instant, start, end);

        var production = records.Production.Where(r => Mine(r) && OnDay(r.Date)).ToList();
        var hours = records.Hours.Where(r => Mine(r) && OnDay(r.Date)).ToList();
        var deliveries = records.Deliveries.Where(r => Mine(r) && OnDay(r.PromisedDate)).ToList();
        var inspections = records.Inspections.Where(r => Mine(r) && OnDay(r.Date)).ToList();
        var tickets = records.Tickets.Where(r => Mine(r) && AtInstant(r.OpenedAt)).ToList();
        var complaints = tickets.Where(t => t.TicketKind == TicketKind.Complaint).ToList();
        var surveys = records.Surveys.Where(r => Mine(r) && OnDay(r.Date)).ToList();
        var customer = surveys.Where(s => s.Survey == SurveyType.Customer).ToList();
        var collaboration = surveys.Where(s => s.Survey == SurveyType.Collaboration).ToList();
        var training = records.Training.Where(r => Mine(r) && OnDay(r.PlannedDate)).ToList();
        var budget = records.Budget.Where(r => Mine(r) && OnDay(r.Month)).ToList();
        var safety = records.Safety.Where(r => Mine(r) && AtInstant(r.OccurredAt)).ToList();
        var staff = records.Staff.Where(r => Mine(r) && Headcount.DuringPeriod.Holds(r.HiredOn, r.LeftOn, first, last)).ToList();

        var measurements = records.Measurements
            .Where(r => Mine(r) && OnDay(r.Date))
            .GroupBy(r => r.Metric, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new MeasurementTotals(
                g.LongCount(), g.Sum(r => r.Numerator), g.LongCount(r => r.Denominator is not null), g.Sum(r => r.Denominator ?? 0)),
                StringComparer.Ordinal);

        return new MetricTotals(
            new ProductionTotals(production.Count, production.Sum(r => r.PlannedQty), production.Sum(r => r.ActualQty)),
            new HoursTotals(hours.Count, hours.Sum(r => r.Hours)),
            new DeliveryTotals(deliveries.Count, deliveries.LongCount(d => OnTimeDelivery.IsOnTime.Holds(d.PromisedDate, d.DeliveredDate))),
            new InspectionTotals(inspections.Count, inspections.Sum(r => r.InspectedQty), inspections.Sum(r => r.PassedQty)),
            new TicketTotals(tickets.Count, tickets.LongCount(t => Callback48h.IsCalledBackInTime.Holds(t.OpenedAt, t.CallbackAt)),
                complaints.Count, complaints.LongCount(t => ComplaintResolution.IsResolvedBy.Holds(t.ResolvedAt, end))),
            new SurveyTotals(customer.Count, customer.Sum(s => s.Score), collaboration.Count, collaboration.Sum(s => s.Score)),
            new TrainingTotals(training.Count, training.LongCount(t => TrainingCompletion.IsCompletedBy.Holds(t.CompletedDate, last))),
            new BudgetTotals(budget.Count, budget.Sum(r => r.BudgetAmount), budget.Sum(r => r.ActualAmount)),
            new SafetyTotals(safety.LongCount(s => s.Severity == Severity.Minor), safety.LongCount(s => s.Severity == Severity.Major),
                safety.LongCount(s => s.Severity == Severity.Fatal)),
            new StaffTotals(
                Employed: staff.Count,
                HeadcountAtStart: staff.LongCount(s => Headcount.OnDay.Holds(s.HiredOn, s.LeftOn, first)),
                HeadcountAtEnd: staff.LongCount(s => Headcount.OnDay.Holds(s.HiredOn, s.LeftOn, last)),
                Leavers: staff.LongCount(s => Headcount.LeftDuring.Holds(s.LeftOn, first, last)),
                QualifiedAtEnd: staff.LongCount(s => Qualification.QualifiedOn.Holds(s.HiredOn, s.LeftOn, s.Qualified, last))),
            measurements);
    }
}
