using Kpi.Domain.Records;

namespace Kpi.Storage.Records;

/// <summary>How one record kind is stored: its row type and the mapping between domain records and rows.</summary>
public sealed record RecordTable(
    RecordKind Kind,
    Type RowType,
    Func<SourceRecord, int, RecordRow> ToRow,
    Func<RecordRow, string, SourceRecord> ToRecord);

/// <summary>The storage mapping of every data kind (departments are stored apart, in their own entity).</summary>
public static class RecordTables
{
    private static readonly Dictionary<RecordKind, RecordTable> ByKind = new RecordTable[]
    {
        Table<ProductionRecord, ProductionRow>(RecordKind.Production,
            (r, d) => new ProductionRow { RecordId = r.RecordId, DepartmentId = d, Date = r.Date, PlannedQty = r.PlannedQty, ActualQty = r.ActualQty },
            (w, c) => new ProductionRecord(w.RecordId, c, w.Date, w.PlannedQty, w.ActualQty)),
        Table<HoursRecord, HoursRow>(RecordKind.Hours,
            (r, d) => new HoursRow { RecordId = r.RecordId, DepartmentId = d, Date = r.Date, Hours = r.Hours },
            (w, c) => new HoursRecord(w.RecordId, c, w.Date, w.Hours)),
        Table<DeliveryRecord, DeliveryRow>(RecordKind.Deliveries,
            (r, d) => new DeliveryRow { RecordId = r.RecordId, DepartmentId = d, OrderNo = r.OrderNo, PromisedDate = r.PromisedDate, DeliveredDate = r.DeliveredDate },
            (w, c) => new DeliveryRecord(w.RecordId, c, w.OrderNo, w.PromisedDate, w.DeliveredDate)),
        Table<InspectionRecord, InspectionRow>(RecordKind.Inspections,
            (r, d) => new InspectionRow { RecordId = r.RecordId, DepartmentId = d, Date = r.Date, InspectedQty = r.InspectedQty, PassedQty = r.PassedQty },
            (w, c) => new InspectionRecord(w.RecordId, c, w.Date, w.InspectedQty, w.PassedQty)),
        Table<TicketRecord, TicketRow>(RecordKind.Tickets,
            (r, d) => new TicketRow
            {
                RecordId = r.RecordId, DepartmentId = d, Kind = Names.Of(r.TicketKind), OpenedAt = r.OpenedAt, CallbackAt = r.CallbackAt,
                ResolvedAt = r.ResolvedAt, CallbackIn48h = r.CalledBackInTime,
            },
            (w, c) => new TicketRecord(w.RecordId, c, Names.Parse<TicketKind>(w.Kind), Utc(w.OpenedAt), Utc(w.CallbackAt), Utc(w.ResolvedAt))),
        Table<SurveyRecord, SurveyRow>(RecordKind.Surveys,
            (r, d) => new SurveyRow { RecordId = r.RecordId, DepartmentId = d, Date = r.Date, Survey = Names.Of(r.Survey), Score = r.Score },
            (w, c) => new SurveyRecord(w.RecordId, c, w.Date, Names.Parse<SurveyType>(w.Survey), w.Score)),
        Table<TrainingRecord, TrainingRow>(RecordKind.Training,
            (r, d) => new TrainingRow { RecordId = r.RecordId, DepartmentId = d, EmployeeNo = r.EmployeeNo, Course = r.Course, PlannedDate = r.PlannedDate, CompletedDate = r.CompletedDate },
            (w, c) => new TrainingRecord(w.RecordId, c, w.EmployeeNo, w.Course, w.PlannedDate, w.CompletedDate)),
        Table<BudgetRecord, BudgetRow>(RecordKind.Budget,
            (r, d) => new BudgetRow { RecordId = r.RecordId, DepartmentId = d, Month = r.Month, BudgetAmount = r.BudgetAmount, ActualAmount = r.ActualAmount },
            (w, c) => new BudgetRecord(w.RecordId, c, w.Month, w.BudgetAmount, w.ActualAmount)),
        Table<SafetyRecord, SafetyRow>(RecordKind.Safety,
            (r, d) => new SafetyRow { RecordId = r.RecordId, DepartmentId = d, OccurredAt = r.OccurredAt, Severity = Names.Of(r.Severity) },
            (w, c) => new SafetyRecord(w.RecordId, c, Utc(w.OccurredAt), Names.Parse<Severity>(w.Severity))),
        Table<StaffRecord, StaffRow>(RecordKind.Staff,
            (r, d) => new StaffRow
            {
                RecordId = r.RecordId, DepartmentId = d, EmployeeNo = r.EmployeeNo, Name = r.Name, Position = r.Position, HiredOn = r.HiredOn,
                LeftOn = r.LeftOn, Qualified = r.Qualified,
            },
            (w, c) => new StaffRecord(w.RecordId, c, w.EmployeeNo, w.Name, w.Position, w.HiredOn, w.LeftOn, w.Qualified)),
        Table<MeasurementRecord, MeasurementRow>(RecordKind.Measurements,
            (r, d) => new MeasurementRow { RecordId = r.RecordId, DepartmentId = d, Metric = r.Metric, Date = r.Date, Numerator = r.Numerator, Denominator = r.Denominator },
            (w, c) => new MeasurementRecord(w.RecordId, c, w.Metric, w.Date, w.Numerator, w.Denominator)),
    }.ToDictionary(t => t.Kind);

    public static IReadOnlyCollection<RecordTable> All => ByKind.Values;

    public static RecordTable For(RecordKind kind) =>
        ByKind.TryGetValue(kind, out var t) ? t : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Departments are not a record table.");

    private static RecordTable Table<TRecord, TRow>(RecordKind kind, Func<TRecord, int, TRow> toRow, Func<TRow, string, TRecord> toRecord)
        where TRecord : SourceRecord where TRow : RecordRow =>
        new(kind, typeof(TRow), (r, d) => toRow((TRecord)r, d), (w, c) => toRecord((TRow)w, c));

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
    private static DateTime? Utc(DateTime? t) => t is { } v ? Utc(v) : null;
}
