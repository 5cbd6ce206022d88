namespace Kpi.Domain.Metrics;

// The sums and counts every metric is computed from. Both the in-memory ReferenceEvaluator and the database compute
// exactly these figures for a department subtree and a period; MetricFormulas then turns them into values. Keeping
// the division in one place means "ratio of sums, null on an empty denominator" is written once.
// Every total is additive over disjoint departments. Over disjoint periods, all are additive except StaffTotals
// (headcount is a state on a day, not a flow) and the two deadline counts, TicketTotals.ComplaintsResolved and
// TrainingTotals.Completed, which count against the period's own end: a complaint opened in October and resolved in
// November is unresolved for October but resolved for Q4. Compute those for the long period itself, never by summing months.

public sealed record ProductionTotals(long Records, decimal Planned, decimal Actual)
{
    public static readonly ProductionTotals Zero = new(0, 0, 0);
    public static ProductionTotals operator +(ProductionTotals a, ProductionTotals b) => new(a.Records + b.Records, a.Planned + b.Planned, a.Actual + b.Actual);
}

public sealed record HoursTotals(long Records, decimal Hours)
{
    public static readonly HoursTotals Zero = new(0, 0);
    public static HoursTotals operator +(HoursTotals a, HoursTotals b) => new(a.Records + b.Records, a.Hours + b.Hours);
}

/// <summary>Deliveries promised in the period, and how many of them were delivered on or before the promised date.</summary>
public sealed record DeliveryTotals(long Promised, long OnTime)
{
    public static readonly DeliveryTotals Zero = new(0, 0);
    public static DeliveryTotals operator +(DeliveryTotals a, DeliveryTotals b) => new(a.Promised + b.Promised, a.OnTime + b.OnTime);
}

public sealed record InspectionTotals(long Records, decimal Inspected, decimal Passed)
{
    public static readonly InspectionTotals Zero = new(0, 0, 0);
    public static InspectionTotals operator +(InspectionTotals a, InspectionTotals b) => new(a.Records + b.Records, a.Inspected + b.Inspected, a.Passed + b.Passed);
}

/// <summary>
/// Tickets opened in the period: all, those called back within 48 h, complaints, complaints resolved before the period
/// ended. <see cref="ComplaintsResolved"/> depends on the period's end, so it does not add up over months.
/// </summary>
public sealed record TicketTotals(long Opened, long CalledBackIn48h, long Complaints, long ComplaintsResolved)
{
    public static readonly TicketTotals Zero = new(0, 0, 0, 0);
    public static TicketTotals operator +(TicketTotals a, TicketTotals b) =>
        new(a.Opened + b.Opened, a.CalledBackIn48h + b.CalledBackIn48h, a.Complaints + b.Complaints, a.ComplaintsResolved + b.ComplaintsResolved);
}

public sealed record SurveyTotals(long CustomerCount, decimal CustomerSum, long CollaborationCount, decimal CollaborationSum)
{
    public static readonly SurveyTotals Zero = new(0, 0, 0, 0);
    public static SurveyTotals operator +(SurveyTotals a, SurveyTotals b) =>
        new(a.CustomerCount + b.CustomerCount, a.CustomerSum + b.CustomerSum, a.CollaborationCount + b.CollaborationCount, a.CollaborationSum + b.CollaborationSum);
}

/// <summary>
/// Training planned in the period, and how much of it was completed by the period's last day. <see cref="Completed"/>
/// depends on the period's last day, so it does not add up over months.
/// </summary>
public sealed record TrainingTotals(long Planned, long Completed)
{
    public static readonly TrainingTotals Zero = new(0, 0);
    public static TrainingTotals operator +(TrainingTotals a, TrainingTotals b) => new(a.Planned + b.Planned, a.Completed + b.Completed);
}

public sealed record BudgetTotals(long Records, decimal Budget, decimal Actual)
{
    public static readonly BudgetTotals Zero = new(0, 0, 0);
    public static BudgetTotals operator +(BudgetTotals a, BudgetTotals b) => new(a.Records + b.Records, a.Budget + b.Budget, a.Actual + b.Actual);
}

public sealed record SafetyTotals(long Minor, long Major, long Fatal)
{
    public static readonly SafetyTotals Zero = new(0, 0, 0);
    public long All => Minor + Major + Fatal;
    public static SafetyTotals operator +(SafetyTotals a, SafetyTotals b) => new(a.Minor + b.Minor, a.Major + b.Major, a.Fatal + b.Fatal);
}

/// <summary>
/// Headcount is a state, not a flow: these figures are taken on the period's first and last day, so they do not add
/// up over months. <see cref="Employed"/> counts staff employed on any day of the period.
/// </summary>
public sealed record StaffTotals(long Employed, long HeadcountAtStart, long HeadcountAtEnd, long Leavers, long QualifiedAtEnd)
{
    public static readonly StaffTotals Zero = new(0, 0, 0, 0, 0);
    public static StaffTotals operator +(StaffTotals a, StaffTotals b) =>
        new(a.Employed + b.Employed, a.HeadcountAtStart + b.HeadcountAtStart, a.HeadcountAtEnd + b.HeadcountAtEnd, a.Leavers + b.Leavers, a.QualifiedAtEnd + b.QualifiedAtEnd);
}

/// <summary>A custom metric's sums; <see cref="WithDenominator"/> counts the records that carry a denominator.</summary>
public sealed record MeasurementTotals(long Records, decimal Numerator, long WithDenominator, decimal Denominator)
{
    public static readonly MeasurementTotals Zero = new(0, 0, 0, 0);
    public static MeasurementTotals operator +(MeasurementTotals a, MeasurementTotals b) =>
        new(a.Records + b.Records, a.Numerator + b.Numerator, a.WithDenominator + b.WithDenominator, a.Denominator + b.Denominator);
}

/// <summary>Every total of a department subtree and a period: the whole input of <see cref="MetricFormulas"/>.</summary>
public sealed record MetricTotals(
    ProductionTotals Production,
    HoursTotals Hours,
    DeliveryTotals Deliveries,
    InspectionTotals Inspections,
    TicketTotals Tickets,
    SurveyTotals Surveys,
    TrainingTotals Training,
    BudgetTotals Budget,
    SafetyTotals Safety,
    StaffTotals Staff,
    IReadOnlyDictionary<string, MeasurementTotals> Measurements)
{
    public static MetricTotals Empty { get; } = new(ProductionTotals.Zero, HoursTotals.Zero, DeliveryTotals.Zero, InspectionTotals.Zero,
        TicketTotals.Zero, SurveyTotals.Zero, TrainingTotals.Zero, BudgetTotals.Zero, SafetyTotals.Zero, StaffTotals.Zero,
        new Dictionary<string, MeasurementTotals>());

    /// <summary>
    /// Adds two disjoint sets of records' totals: other departments, always; other periods, only for the figures that are
    /// flows (not staff, not the resolved/completed deadline counts).
    /// </summary>
    public static MetricTotals operator +(MetricTotals a, MetricTotals b)
    {
        var m = new Dictionary<string, MeasurementTotals>(a.Measurements, StringComparer.Ordinal);
        foreach (var (code, t) in b.Measurements) m[code] = m.TryGetValue(code, out var x) ? x + t : t;
        return new MetricTotals(a.Production + b.Production, a.Hours + b.Hours, a.Deliveries + b.Deliveries, a.Inspections + b.Inspections,
            a.Tickets + b.Tickets, a.Surveys + b.Surveys, a.Training + b.Training, a.Budget + b.Budget, a.Safety + b.Safety, a.Staff + b.Staff, m);
    }
}
