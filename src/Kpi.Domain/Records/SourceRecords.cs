using Kpi.Domain.Metrics.Rules;

namespace Kpi.Domain.Records;

// The typed records of the import contract. Dates are local dates; instants are UTC DateTimes placed into periods
// through the company time zone. Quantities and amounts are exact decimals. Validation happens in RecordParser,
// which names the column and the reason for every value it refuses.

/// <summary>A record of one of the data kinds: unique by <see cref="RecordId"/> within its kind.</summary>
public abstract record SourceRecord(string RecordId, string Department)
{
    public abstract RecordKind Kind { get; }
}

public sealed record ProductionRecord(string RecordId, string Department, DateOnly Date, decimal PlannedQty, decimal ActualQty)
    : SourceRecord(RecordId, Department)
{
    public override RecordKind Kind => RecordKind.Production;
}

public sealed record HoursRecord(string RecordId, string Department, DateOnly Date, decimal Hours)
    : SourceRecord(RecordId, Department)
{
    public override RecordKind Kind => RecordKind.Hours;
}

/// <summary>A delivery promised on <see cref="PromisedDate"/>; <see cref="DeliveredDate"/> null means not delivered yet.</summary>
public sealed record DeliveryRecord(string RecordId, string Department, string OrderNo, DateOnly PromisedDate, DateOnly? DeliveredDate)
    : SourceRecord(RecordId, Department)
{
    public override RecordKind Kind => RecordKind.Deliveries;
    /// <summary><see cref="OnTimeDelivery.IsOnTime"/>.</summary>
    public bool OnTime => OnTimeDelivery.IsOnTime.Holds(PromisedDate, DeliveredDate);
}

public sealed record InspectionRecord(string RecordId, string Department, DateOnly Date, decimal InspectedQty, decimal PassedQty)
    : SourceRecord(RecordId, Department)
{
    public override RecordKind Kind => RecordKind.Inspections;
}

public enum TicketKind { Inquiry, Complaint }

/// <summary>A customer ticket; null instants mean "not yet".</summary>
public sealed record TicketRecord(string RecordId, string Department, TicketKind TicketKind, DateTime OpenedAt, DateTime? CallbackAt, DateTime? ResolvedAt)
    : SourceRecord(RecordId, Department)
{
    /// <summary>Callback within 48 hours, inclusive: <see cref="Callback48h"/>.</summary>
    public static readonly TimeSpan CallbackWindow = Callback48h.Window;

    public override RecordKind Kind => RecordKind.Tickets;
    /// <summary><see cref="Callback48h.IsCalledBackInTime"/>.</summary>
    public bool CalledBackInTime => Callback48h.IsCalledBackInTime.Holds(OpenedAt, CallbackAt);
}

public enum SurveyType { Customer, Collaboration }

public sealed record SurveyRecord(string RecordId, string Department, DateOnly Date, SurveyType Survey, decimal Score)
    : SourceRecord(RecordId, Department)
{
    public const decimal MaxScore = 100m;
    public override RecordKind Kind => RecordKind.Surveys;
}

public sealed record TrainingRecord(string RecordId, string Department, string EmployeeNo, string Course, DateOnly PlannedDate, DateOnly? CompletedDate)
    : SourceRecord(RecordId, Department)
{
    public override RecordKind Kind => RecordKind.Training;
}

/// <summary>A month's budget line; <see cref="Month"/> is the first day of the month.</summary>
public sealed record BudgetRecord(string RecordId, string Department, DateOnly Month, decimal BudgetAmount, decimal ActualAmount)
    : SourceRecord(RecordId, Department)
{
    public override RecordKind Kind => RecordKind.Budget;
}

public enum Severity { Minor, Major, Fatal }

public sealed record SafetyRecord(string RecordId, string Department, DateTime OccurredAt, Severity Severity)
    : SourceRecord(RecordId, Department)
{
    public override RecordKind Kind => RecordKind.Safety;
}

/// <summary>
/// A member of staff. <see cref="LeftOn"/> is the last day of employment; who counts on which day is
/// <see cref="Headcount"/>'s rule.
/// </summary>
public sealed record StaffRecord(string RecordId, string Department, string EmployeeNo, string Name, string Position, DateOnly HiredOn, DateOnly? LeftOn, bool Qualified)
    : SourceRecord(RecordId, Department)
{
    public override RecordKind Kind => RecordKind.Staff;
    /// <summary><see cref="Headcount.OnDay"/>.</summary>
    public bool InHeadcountOn(DateOnly day) => Headcount.OnDay.Holds(HiredOn, LeftOn, day);
}

/// <summary>A value of a custom metric; without a denominator the metric is a sum of numerators.</summary>
public sealed record MeasurementRecord(string RecordId, string Department, string Metric, DateOnly Date, decimal Numerator, decimal? Denominator)
    : SourceRecord(RecordId, Department)
{
    public override RecordKind Kind => RecordKind.Measurements;
}
