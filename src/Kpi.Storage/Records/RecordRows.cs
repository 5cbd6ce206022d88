namespace Kpi.Storage.Records;

// The stored form of each source record kind: one table per kind, keyed by the source's record_id, with the
// department as an integer id so that the (department, date) indexes stay small at tens of millions of rows.
// ChangedAt and RunId say when and by which import a row last changed: a closed period is restated when rows of it
// change after its close.

/// <summary>Columns every record table has.</summary>
public abstract class RecordRow
{
    public string RecordId { get; set; } = "";
    public int DepartmentId { get; set; }
    /// <summary>When the row was inserted or last changed (UTC).</summary>
    public DateTime ChangedAt { get; set; }
    /// <summary>The import run that last inserted or changed the row.</summary>
    public long? RunId { get; set; }
}

public sealed class ProductionRow : RecordRow
{
    public DateOnly Date { get; set; }
    public decimal PlannedQty { get; set; }
    public decimal ActualQty { get; set; }
}

public sealed class HoursRow : RecordRow
{
    public DateOnly Date { get; set; }
    public decimal Hours { get; set; }
}

public sealed class DeliveryRow : RecordRow
{
    public string OrderNo { get; set; } = "";
    public DateOnly PromisedDate { get; set; }
    public DateOnly? DeliveredDate { get; set; }
}

public sealed class InspectionRow : RecordRow
{
    public DateOnly Date { get; set; }
    public decimal InspectedQty { get; set; }
    public decimal PassedQty { get; set; }
}

public sealed class TicketRow : RecordRow
{
    /// <summary>"inquiry" or "complaint".</summary>
    public string Kind { get; set; } = "";
    public DateTime OpenedAt { get; set; }
    public DateTime? CallbackAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    /// <summary>
    /// Whether the callback came within the 48 hours of <see cref="Kpi.Domain.Records.TicketRecord.CallbackWindow"/>,
    /// decided once by the domain rule at import so that SQL never re-implements timestamp arithmetic per provider.
    /// </summary>
    public bool CallbackIn48h { get; set; }
}

public sealed class SurveyRow : RecordRow
{
    public DateOnly Date { get; set; }
    /// <summary>"customer" or "collaboration".</summary>
    public string Survey { get; set; } = "";
    public decimal Score { get; set; }
}

public sealed class TrainingRow : RecordRow
{
    public string EmployeeNo { get; set; } = "";
    public string Course { get; set; } = "";
    public DateOnly PlannedDate { get; set; }
    public DateOnly? CompletedDate { get; set; }
}

public sealed class BudgetRow : RecordRow
{
    /// <summary>The first day of the budget month.</summary>
    public DateOnly Month { get; set; }
    public decimal BudgetAmount { get; set; }
    public decimal ActualAmount { get; set; }
}

public sealed class SafetyRow : RecordRow
{
    public DateTime OccurredAt { get; set; }
    /// <summary>"minor", "major" or "fatal".</summary>
    public string Severity { get; set; } = "";
}

public sealed class StaffRow : RecordRow
{
    public string EmployeeNo { get; set; } = "";
    public string Name { get; set; } = "";
    public string Position { get; set; } = "";
    public DateOnly HiredOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public bool Qualified { get; set; }
}

public sealed class MeasurementRow : RecordRow
{
    public string Metric { get; set; } = "";
    public DateOnly Date { get; set; }
    public decimal Numerator { get; set; }
    public decimal? Denominator { get; set; }
}
