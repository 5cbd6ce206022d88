using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;

namespace Kpi.Domain.Records;

/// <summary>
/// Turns one row of text fields (from CSV, XLSX or JSON alike) into a typed record of a kind, or into the list of
/// reasons it is refused. This is the single place where the import contract's value rules live.
/// </summary>
public static class RecordParser
{
    public const int MaxRecordIdLength = 100;

    /// <param name="kind">The kind of the file the row comes from.</param>
    /// <param name="field">The text of a column of the row; null or empty when the row has no value there.</param>
    /// <param name="zone">The company time zone, for timestamps written without an offset.</param>
    public static ParsedRow Parse(RecordKind kind, Func<string, string?> field, CompanyTimeZone zone)
    {
        var r = new FieldReader(field, zone);
        if (kind == RecordKind.Departments) return ParseDepartment(r);

        var id = r.Text("record_id", MaxRecordIdLength);
        var dept = r.Text("department", Department.MaxCodeLength);
        if (dept.Length > 0 && !Department.IsValidCode(dept)) r.Fail("department", $"'{dept}' is not a valid department code ({Department.CodeRule})");

        SourceRecord record = kind switch
        {
            RecordKind.Production => new ProductionRecord(id, dept, r.Date("date"), r.Decimal("planned_qty", min: 0), r.Decimal("actual_qty", min: 0)),
            RecordKind.Hours => new HoursRecord(id, dept, r.Date("date"), r.Decimal("hours", min: 0)),
            RecordKind.Deliveries => new DeliveryRecord(id, dept, r.Text("order_no"), r.Date("promised_date"), r.OptionalDate("delivered_date")),
            RecordKind.Inspections => Inspection(r, id, dept),
            RecordKind.Tickets => Ticket(r, id, dept),
            RecordKind.Surveys => new SurveyRecord(id, dept, r.Date("date"),
                r.Choice("survey", ("customer", SurveyType.Customer), ("collaboration", SurveyType.Collaboration)),
                r.Decimal("score", min: 0, max: SurveyRecord.MaxScore)),
            RecordKind.Training => new TrainingRecord(id, dept, r.Text("employee_no"), r.Text("course"), r.Date("planned_date"), r.OptionalDate("completed_date")),
            RecordKind.Budget => new BudgetRecord(id, dept, r.Month("month"), r.Decimal("budget_amount", min: 0), r.Decimal("actual_amount", min: 0)),
            RecordKind.Safety => new SafetyRecord(id, dept, r.Instant("occurred_at"),
                r.Choice("severity", ("minor", Severity.Minor), ("major", Severity.Major), ("fatal", Severity.Fatal))),
            RecordKind.Staff => Staff(r, id, dept),
            RecordKind.Measurements => Measurement(r, id, dept),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return r.HasErrors ? new ParsedRow(null, r.Errors) : new ParsedRow(record, []);
    }

    private static ParsedRow ParseDepartment(FieldReader r)
    {
        var code = r.Text("code", Department.MaxCodeLength);
        if (code.Length > 0 && !Department.IsValidCode(code)) r.Fail("code", $"'{code}' is not a valid department code ({Department.CodeRule})");
        var name = r.Text("name", Department.MaxNameLength);
        var parent = r.OptionalText("parent_code", Department.MaxCodeLength);
        if (parent is not null && !Department.IsValidCode(parent)) r.Fail("parent_code", $"'{parent}' is not a valid department code ({Department.CodeRule})");
        if (parent is not null && parent == code) r.Fail("parent_code", "a department cannot be its own parent");
        // Optional: a file without the column, or an empty cell, leaves the head as it is.
        var head = r.OptionalText("head_employee_no", Department.MaxEmployeeNoLength);
        return r.HasErrors ? new ParsedRow(null, r.Errors) : new ParsedRow(new Department(code, name, parent, head), []);
    }

    private static InspectionRecord Inspection(FieldReader r, string id, string dept)
    {
        var inspected = r.Decimal("inspected_qty", min: 0);
        var passed = r.Decimal("passed_qty", min: 0);
        if (!r.HasErrorIn("inspected_qty", "passed_qty") && passed > inspected) r.Fail("passed_qty", $"passed_qty {passed} is more than inspected_qty {inspected}");
        return new InspectionRecord(id, dept, r.Date("date"), inspected, passed);
    }

    private static TicketRecord Ticket(FieldReader r, string id, string dept)
    {
        var kind = r.Choice("kind", ("inquiry", TicketKind.Inquiry), ("complaint", TicketKind.Complaint));
        var opened = r.OptionalInstant("opened_at");
        if (opened is null && !r.Errors.Any(e => e.Field == "opened_at")) r.Fail("opened_at", "is required");
        var callback = r.OptionalInstant("callback_at");
        var resolved = r.OptionalInstant("resolved_at");
        if (opened is { } o)
        {
            if (callback < o) r.Fail("callback_at", "is before opened_at");
            if (resolved < o) r.Fail("resolved_at", "is before opened_at");
        }
        return new TicketRecord(id, dept, kind, opened ?? default, callback, resolved);
    }

    private static StaffRecord Staff(FieldReader r, string id, string dept)
    {
        var employee = r.Text("employee_no");
        var name = r.Text("name");
        var position = r.Text("position");
        var hired = r.Date("hired_on");
        var left = r.OptionalDate("left_on");
        if (left is { } l && !r.HasErrorIn("hired_on") && l < hired) r.Fail("left_on", $"left_on {l:yyyy-MM-dd} is before hired_on {hired:yyyy-MM-dd}");
        var qualified = r.Choice("qualified", ("yes", true), ("no", false));
        return new StaffRecord(id, dept, employee, name, position, hired, left, qualified);
    }

    private static MeasurementRecord Measurement(FieldReader r, string id, string dept)
    {
        var metric = r.Text("metric", MetricCode.MaxLength);
        if (metric.Length > 0 && !MetricCode.IsValidCustom(metric, out var why)) r.Fail("metric", why);
        return new MeasurementRecord(id, dept, metric, r.Date("date"), r.Decimal("numerator"), r.OptionalDecimal("denominator", min: 0));
    }
}
