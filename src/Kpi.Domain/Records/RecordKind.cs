namespace Kpi.Domain.Records;

/// <summary>
/// The kinds of source records of the import contract (README.md, "Importing data"; docs/metrics.md says which date
/// places each kind in a period).
/// </summary>
public enum RecordKind
{
    Departments,
    Production,
    Hours,
    Deliveries,
    Inspections,
    Tickets,
    Surveys,
    Training,
    Budget,
    Safety,
    Staff,
    Measurements,
}

/// <summary>Names and exact column headers of each record kind, as files and JSON carry them.</summary>
public static class RecordKinds
{
    private static readonly string[] Keys = ["record_id", "department"];

    private static readonly Dictionary<RecordKind, string[]> Specific = new()
    {
        [RecordKind.Departments] = ["code", "name", "parent_code"],
        [RecordKind.Production] = ["date", "planned_qty", "actual_qty"],
        [RecordKind.Hours] = ["date", "hours"],
        [RecordKind.Deliveries] = ["order_no", "promised_date", "delivered_date"],
        [RecordKind.Inspections] = ["date", "inspected_qty", "passed_qty"],
        [RecordKind.Tickets] = ["kind", "opened_at", "callback_at", "resolved_at"],
        [RecordKind.Surveys] = ["date", "survey", "score"],
        [RecordKind.Training] = ["employee_no", "course", "planned_date", "completed_date"],
        [RecordKind.Budget] = ["month", "budget_amount", "actual_amount"],
        [RecordKind.Safety] = ["occurred_at", "severity"],
        [RecordKind.Staff] = ["employee_no", "name", "position", "hired_on", "left_on", "qualified"],
        [RecordKind.Measurements] = ["metric", "date", "numerator", "denominator"],
    };

    /// <summary>Columns a file may leave out: a department's head.</summary>
    private static readonly Dictionary<RecordKind, string[]> Optional = new()
    {
        [RecordKind.Departments] = ["head_employee_no"],
    };

    public static IReadOnlyList<RecordKind> All { get; } = Enum.GetValues<RecordKind>();

    /// <summary>The lower-case name used in URLs and file headers: <c>production</c>, <c>tickets</c>…</summary>
    public static string Name(this RecordKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out RecordKind kind)
    {
        foreach (var k in All)
        {
            if (string.Equals(k.Name(), name, StringComparison.Ordinal)) { kind = k; return true; }
        }
        kind = default;
        return false;
    }

    /// <summary>
    /// The columns of a kind, in contract order (record_id and department first, except for departments), the optional
    /// ones last.
    /// </summary>
    public static IReadOnlyList<string> Columns(this RecordKind kind) =>
        [.. kind == RecordKind.Departments ? [] : Keys, .. Specific[kind], .. Optional.GetValueOrDefault(kind, [])];

    /// <summary>Whether a file of the kind may leave the column out.</summary>
    public static bool IsOptional(this RecordKind kind, string column) => Optional.TryGetValue(kind, out var o) && o.Contains(column);
}
