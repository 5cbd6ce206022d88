using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;

namespace Kpi.Domain.Metrics;

/// <summary>
/// The specification of the metric catalogue, executed in memory: which records of a department subtree fall in a
/// period and what they add up to. The database computes the same <see cref="MetricTotals"/> set-based; a
/// differential test holds the two to agreement. Dated records are placed by their local date; instants by the
/// company time zone, the period ending just before the first instant of the next.
/// </summary>
public sealed class ReferenceEvaluator(OrgTree tree, CompanyTimeZone zone)
{
    public IReadOnlyList<MetricValue> Evaluate(RecordSet records, string department, Period period) =>
        MetricFormulas.Compute(Totals(records, department, period));

    public MetricTotals Totals(RecordSet records, string department, Period period)
    {
        var subtree = tree.Subtree(department).ToHashSet(StringComparer.Ordinal);
        bool Mine(SourceRecord r) => subtree.Contains(r.Department);
        var (start, end) = zone.Bounds(period);
        bool InPeriod(DateTime utc) => utc >= start && utc < end;

        var production = records.Production.Where(r => Mine(r) && period.Contains(r.Date)).ToList();
        var hours = records.Hours.Where(r => Mine(r) && period.Contains(r.Date)).ToList();
        var deliveries = records.Deliveries.Where(r => Mine(r) && period.Contains(r.PromisedDate)).ToList();
        var inspections = records.Inspections.Where(r => Mine(r) && period.Contains(r.Date)).ToList();
        var tickets = records.Tickets.Where(r => Mine(r) && InPeriod(r.OpenedAt)).ToList();
        var complaints = tickets.Where(t => t.TicketKind == TicketKind.Complaint).ToList();
        var surveys = records.Surveys.Where(r => Mine(r) && period.Contains(r.Date)).ToList();
        var customer = surveys.Where(s => s.Survey == SurveyType.Customer).ToList();
        var collaboration = surveys.Where(s => s.Survey == SurveyType.Collaboration).ToList();
        var training = records.Training.Where(r => Mine(r) && period.Contains(r.PlannedDate)).ToList();
        var budget = records.Budget.Where(r => Mine(r) && period.Contains(r.Month)).ToList();
        var safety = records.Safety.Where(r => Mine(r) && InPeriod(r.OccurredAt)).ToList();
        var staff = records.Staff.Where(Mine).ToList();
        var atEnd = staff.Where(s => s.InHeadcountOn(period.LastDay)).ToList();

        var measurements = records.Measurements
            .Where(r => Mine(r) && period.Contains(r.Date))
            .GroupBy(r => r.Metric, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new MeasurementTotals(
                g.LongCount(), g.Sum(r => r.Numerator), g.LongCount(r => r.Denominator is not null), g.Sum(r => r.Denominator ?? 0)),
                StringComparer.Ordinal);

        return new MetricTotals(
            new ProductionTotals(production.Count, production.Sum(r => r.PlannedQty), production.Sum(r => r.ActualQty)),
            new HoursTotals(hours.Count, hours.Sum(r => r.Hours)),
            new DeliveryTotals(deliveries.Count, deliveries.LongCount(d => d.OnTime)),
            new InspectionTotals(inspections.Count, inspections.Sum(r => r.InspectedQty), inspections.Sum(r => r.PassedQty)),
            new TicketTotals(tickets.Count, tickets.LongCount(t => t.CalledBackInTime),
                complaints.Count, complaints.LongCount(t => t.ResolvedAt is { } r && r < end)),
            new SurveyTotals(customer.Count, customer.Sum(s => s.Score), collaboration.Count, collaboration.Sum(s => s.Score)),
            new TrainingTotals(training.Count, training.LongCount(t => t.CompletedDate is { } c && c <= period.LastDay)),
            new BudgetTotals(budget.Count, budget.Sum(r => r.BudgetAmount), budget.Sum(r => r.ActualAmount)),
            new SafetyTotals(safety.LongCount(s => s.Severity == Severity.Minor), safety.LongCount(s => s.Severity == Severity.Major),
                safety.LongCount(s => s.Severity == Severity.Fatal)),
            new StaffTotals(
                Employed: staff.LongCount(s => s.HiredOn <= period.LastDay && (s.LeftOn is null || s.LeftOn >= period.FirstDay)),
                HeadcountAtStart: staff.LongCount(s => s.InHeadcountOn(period.FirstDay)),
                HeadcountAtEnd: atEnd.Count,
                Leavers: staff.LongCount(s => s.LeftOn is { } l && period.Contains(l)),
                QualifiedAtEnd: atEnd.LongCount(s => s.Qualified)),
            measurements);
    }
}
