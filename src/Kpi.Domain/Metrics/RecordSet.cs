using Kpi.Domain.Records;

namespace Kpi.Domain.Metrics;

/// <summary>Source records held in memory, grouped by kind: the input of the <see cref="ReferenceEvaluator"/>.</summary>
public sealed class RecordSet
{
    public List<ProductionRecord> Production { get; } = [];
    public List<HoursRecord> Hours { get; } = [];
    public List<DeliveryRecord> Deliveries { get; } = [];
    public List<InspectionRecord> Inspections { get; } = [];
    public List<TicketRecord> Tickets { get; } = [];
    public List<SurveyRecord> Surveys { get; } = [];
    public List<TrainingRecord> Training { get; } = [];
    public List<BudgetRecord> Budget { get; } = [];
    public List<SafetyRecord> Safety { get; } = [];
    public List<StaffRecord> Staff { get; } = [];
    public List<MeasurementRecord> Measurements { get; } = [];

    public void Add(SourceRecord record)
    {
        switch (record)
        {
            case ProductionRecord r: Production.Add(r); break;
            case HoursRecord r: Hours.Add(r); break;
            case DeliveryRecord r: Deliveries.Add(r); break;
            case InspectionRecord r: Inspections.Add(r); break;
            case TicketRecord r: Tickets.Add(r); break;
            case SurveyRecord r: Surveys.Add(r); break;
            case TrainingRecord r: Training.Add(r); break;
            case BudgetRecord r: Budget.Add(r); break;
            case SafetyRecord r: Safety.Add(r); break;
            case StaffRecord r: Staff.Add(r); break;
            case MeasurementRecord r: Measurements.Add(r); break;
            default: throw new ArgumentException($"Unknown record type {record.GetType().Name}.", nameof(record));
        }
    }

    public void AddRange(IEnumerable<SourceRecord> records)
    {
        foreach (var r in records) Add(r);
    }

    public IEnumerable<SourceRecord> All =>
        Production.Concat<SourceRecord>(Hours).Concat(Deliveries).Concat(Inspections).Concat(Tickets).Concat(Surveys)
            .Concat(Training).Concat(Budget).Concat(Safety).Concat(Staff).Concat(Measurements);
}
