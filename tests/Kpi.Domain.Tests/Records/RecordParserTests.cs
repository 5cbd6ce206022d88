using Kpi.Domain;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Records;

public class RecordParserTests
{
    /// <summary>A row of text fields by column name; columns not given are absent.</summary>
    public static Func<string, string?> Row(params (string Column, string Value)[] fields)
    {
        var map = fields.ToDictionary(f => f.Column, f => f.Value, StringComparer.Ordinal);
        return column => map.GetValueOrDefault(column);
    }

    /// <summary>A valid row of every kind, in the shape of the import contract.</summary>
    private static readonly Dictionary<RecordKind, Dictionary<string, string>> ValidRows = new()
    {
        [RecordKind.Departments] = new() { ["code"] = "W1", ["name"] = "一车间", ["parent_code"] = "PROD", ["head_employee_no"] = "E007" },
        [RecordKind.Production] = new() { ["record_id"] = "P1", ["department"] = "W1", ["date"] = "2026-10-05", ["planned_qty"] = "100", ["actual_qty"] = "95.5" },
        [RecordKind.Hours] = new() { ["record_id"] = "H1", ["department"] = "W1", ["date"] = "2026-10-05", ["hours"] = "160.25" },
        [RecordKind.Deliveries] = new() { ["record_id"] = "D1", ["department"] = "SALES", ["order_no"] = "SO-2026-001", ["promised_date"] = "2026-10-10", ["delivered_date"] = "2026-10-09" },
        [RecordKind.Inspections] = new() { ["record_id"] = "I1", ["department"] = "QA", ["date"] = "2026-10-05", ["inspected_qty"] = "200", ["passed_qty"] = "198" },
        [RecordKind.Tickets] = new() { ["record_id"] = "T1", ["department"] = "CS", ["kind"] = "complaint", ["opened_at"] = "2026-10-31T17:30:00Z", ["callback_at"] = "2026-11-02T09:00:00+08:00", ["resolved_at"] = "2026-11-03T10:00:00" },
        [RecordKind.Surveys] = new() { ["record_id"] = "S1", ["department"] = "CS", ["date"] = "2026-10-20", ["survey"] = "customer", ["score"] = "92.5" },
        [RecordKind.Training] = new() { ["record_id"] = "TR1", ["department"] = "HR", ["employee_no"] = "E001", ["course"] = "安全生产培训", ["planned_date"] = "2026-10-10", ["completed_date"] = "2026-10-12" },
        [RecordKind.Budget] = new() { ["record_id"] = "B1", ["department"] = "FIN", ["month"] = "2026-10", ["budget_amount"] = "10000", ["actual_amount"] = "9500.50" },
        [RecordKind.Safety] = new() { ["record_id"] = "SF1", ["department"] = "W1", ["occurred_at"] = "2026-10-12T09:00:00+08:00", ["severity"] = "major" },
        [RecordKind.Staff] = new() { ["record_id"] = "ST1", ["department"] = "HR", ["employee_no"] = "E001", ["name"] = "张三", ["position"] = "操作工", ["hired_on"] = "2020-03-01", ["left_on"] = "2026-10-31", ["qualified"] = "yes" },
        [RecordKind.Measurements] = new() { ["record_id"] = "M1", ["department"] = "SALES", ["metric"] = "sales_completion", ["date"] = "2026-10-31", ["numerator"] = "120", ["denominator"] = "100" },
    };

    private static ParsedRow Parse(RecordKind kind, params (string Column, string Value)[] overrides)
    {
        var fields = new Dictionary<string, string>(ValidRows[kind]);
        foreach (var (c, v) in overrides) fields[c] = v;
        return RecordParser.Parse(kind, c => fields.GetValueOrDefault(c), CompanyTimeZone.Default);
    }

    private static T Valid<T>(RecordKind kind, params (string Column, string Value)[] overrides)
    {
        var row = Parse(kind, overrides);
        Assert.Empty(row.Errors);
        Assert.True(row.IsValid);
        return Assert.IsType<T>(row.Record);
    }

    [Fact]
    public void ValidRows_CoverEveryKind() => Assert.Equal(RecordKinds.All.OrderBy(k => k), ValidRows.Keys.OrderBy(k => k));

    [Fact]
    public void ValidRow_EveryKind_UsesExactlyTheContractsColumns()
    {
        foreach (var kind in RecordKinds.All) Assert.Equal(kind.Columns().Order(), ValidRows[kind].Keys.Order());
    }

    [Fact]
    public void Departments_ValidRow_GivesADepartment()
    {
        var d = Valid<Department>(RecordKind.Departments);

        Assert.Equal(new Department("W1", "一车间", "PROD", "E007"), d);
    }

    [Fact]
    public void Departments_WithoutAHead_HaveNone() => Assert.Null(Valid<Department>(RecordKind.Departments, ("head_employee_no", "")).HeadEmployeeNo);

    [Fact]
    public void Departments_EmptyParent_IsARoot() => Assert.Null(Valid<Department>(RecordKind.Departments, ("parent_code", "")).ParentCode);

    [Fact]
    public void Production_ValidRow_GivesTypedValues() =>
        Assert.Equal(new ProductionRecord("P1", "W1", Day("2026-10-05"), 100m, 95.5m), Valid<ProductionRecord>(RecordKind.Production));

    [Fact]
    public void Hours_ValidRow_GivesTypedValues() =>
        Assert.Equal(new HoursRecord("H1", "W1", Day("2026-10-05"), 160.25m), Valid<HoursRecord>(RecordKind.Hours));

    [Fact]
    public void Deliveries_ValidRow_GivesTypedValues() =>
        Assert.Equal(new DeliveryRecord("D1", "SALES", "SO-2026-001", Day("2026-10-10"), Day("2026-10-09")), Valid<DeliveryRecord>(RecordKind.Deliveries));

    [Fact]
    public void Deliveries_EmptyDeliveredDate_IsNotDeliveredYet() =>
        Assert.Null(Valid<DeliveryRecord>(RecordKind.Deliveries, ("delivered_date", "")).DeliveredDate);

    [Fact]
    public void Inspections_ValidRow_GivesTypedValues() =>
        Assert.Equal(new InspectionRecord("I1", "QA", Day("2026-10-05"), 200m, 198m), Valid<InspectionRecord>(RecordKind.Inspections));

    [Fact]
    public void Inspections_PassedEqualToInspected_IsAllowed() =>
        Assert.Equal(200m, Valid<InspectionRecord>(RecordKind.Inspections, ("passed_qty", "200")).PassedQty);

    [Fact]
    public void Tickets_ValidRow_GivesUtcInstants()
    {
        var t = Valid<TicketRecord>(RecordKind.Tickets);

        Assert.Equal(TicketKind.Complaint, t.TicketKind);
        Assert.Equal(Utc("2026-10-31T17:30:00Z"), t.OpenedAt);
        Assert.Equal(Utc("2026-11-02T01:00:00Z"), t.CallbackAt);
        Assert.Equal(Utc("2026-11-03T02:00:00Z"), t.ResolvedAt); // written without offset: Shanghai local time
    }

    [Fact]
    public void Tickets_InquiryWithoutCallbackOrResolution_IsValid()
    {
        var t = Valid<TicketRecord>(RecordKind.Tickets, ("kind", "inquiry"), ("callback_at", ""), ("resolved_at", ""));

        Assert.Equal(TicketKind.Inquiry, t.TicketKind);
        Assert.Null(t.CallbackAt);
        Assert.Null(t.ResolvedAt);
    }

    [Fact]
    public void Tickets_CallbackAtTheSameInstantAsOpened_IsAllowed() =>
        Assert.NotNull(Valid<TicketRecord>(RecordKind.Tickets, ("callback_at", "2026-10-31T17:30:00Z")).CallbackAt);

    [Theory]
    [InlineData("COMPLAINT", TicketKind.Complaint)]
    [InlineData("Inquiry", TicketKind.Inquiry)]
    public void Tickets_KindIgnoresCase(string text, TicketKind kind) =>
        Assert.Equal(kind, Valid<TicketRecord>(RecordKind.Tickets, ("kind", text)).TicketKind);

    [Fact]
    public void Surveys_ValidRow_GivesTypedValues() =>
        Assert.Equal(new SurveyRecord("S1", "CS", Day("2026-10-20"), SurveyType.Customer, 92.5m), Valid<SurveyRecord>(RecordKind.Surveys));

    [Theory]
    [InlineData("0", SurveyType.Customer)]
    [InlineData("100", SurveyType.Collaboration)]
    public void Surveys_ScoreAtEitherEndOfTheRange_IsAllowed(string score, SurveyType type)
    {
        var s = Valid<SurveyRecord>(RecordKind.Surveys, ("score", score), ("survey", type.ToString().ToLowerInvariant()));

        Assert.Equal(type, s.Survey);
    }

    [Fact]
    public void Training_ValidRow_GivesTypedValues() =>
        Assert.Equal(new TrainingRecord("TR1", "HR", "E001", "安全生产培训", Day("2026-10-10"), Day("2026-10-12")), Valid<TrainingRecord>(RecordKind.Training));

    [Fact]
    public void Training_CompletedBeforePlanned_IsAllowed() =>
        Assert.Equal(Day("2026-09-01"), Valid<TrainingRecord>(RecordKind.Training, ("completed_date", "2026-09-01")).CompletedDate);

    [Fact]
    public void Training_NotCompletedYet_IsAllowed() => Assert.Null(Valid<TrainingRecord>(RecordKind.Training, ("completed_date", "")).CompletedDate);

    [Fact]
    public void Budget_ValidRow_GivesTheFirstDayOfTheMonth() =>
        Assert.Equal(new BudgetRecord("B1", "FIN", Day("2026-10-01"), 10000m, 9500.50m), Valid<BudgetRecord>(RecordKind.Budget));

    [Fact]
    public void Safety_ValidRow_GivesTypedValues() =>
        Assert.Equal(new SafetyRecord("SF1", "W1", Utc("2026-10-12T01:00:00Z"), Severity.Major), Valid<SafetyRecord>(RecordKind.Safety));

    [Theory]
    [InlineData("minor", Severity.Minor)]
    [InlineData("major", Severity.Major)]
    [InlineData("fatal", Severity.Fatal)]
    public void Safety_EachSeverity_IsRead(string text, Severity severity) =>
        Assert.Equal(severity, Valid<SafetyRecord>(RecordKind.Safety, ("severity", text)).Severity);

    [Fact]
    public void Staff_ValidRow_GivesTypedValues() =>
        Assert.Equal(new StaffRecord("ST1", "HR", "E001", "张三", "操作工", Day("2020-03-01"), Day("2026-10-31"), true), Valid<StaffRecord>(RecordKind.Staff));

    [Fact]
    public void Staff_StillEmployedAndNotQualified_IsValid()
    {
        var s = Valid<StaffRecord>(RecordKind.Staff, ("left_on", ""), ("qualified", "no"));

        Assert.Null(s.LeftOn);
        Assert.False(s.Qualified);
    }

    [Fact]
    public void Staff_LeftOnTheDayOfHiring_IsAllowed() =>
        Assert.Equal(Day("2026-10-01"), Valid<StaffRecord>(RecordKind.Staff, ("hired_on", "2026-10-01"), ("left_on", "2026-10-01")).LeftOn);

    [Fact]
    public void Measurements_ValidRow_GivesTypedValues() =>
        Assert.Equal(new MeasurementRecord("M1", "SALES", "sales_completion", Day("2026-10-31"), 120m, 100m), Valid<MeasurementRecord>(RecordKind.Measurements));

    [Fact]
    public void Measurements_WithoutDenominator_IsValid() =>
        Assert.Null(Valid<MeasurementRecord>(RecordKind.Measurements, ("denominator", "")).Denominator);

    [Fact]
    public void Measurements_NegativeNumerator_IsAllowed()
    {
        // The import contract does not say; the code lets a custom metric's numerator go below zero (a loss, a variance) and
        // keeps denominators non-negative.
        Assert.Equal(-5m, Valid<MeasurementRecord>(RecordKind.Measurements, ("numerator", "-5")).Numerator);
    }

    [Theory]
    [InlineData("2026-10-31T17:30:00Z")]
    [InlineData("2026-10-31T17:30:00.123Z")]
    [InlineData("2026-11-01T01:30:00+08:00")]
    [InlineData("2026-11-01T01:30:00.5+08:00")]
    [InlineData("2026-11-01T01:30+08:00")]
    [InlineData("2026-11-01 01:30:00+08:00")]
    [InlineData("2026-11-01T01:30:00")]
    [InlineData("2026-11-01 01:30")]
    [InlineData("2026-11-01 01:30:00+08")] // how PostgreSQL writes a timestamptz: an hour-only offset
    [InlineData("2026-10-31T17:30:00+0000")]
    [InlineData("2026-10-31T17:30:00z")]
    public void Timestamps_InTheAcceptedForms_AreRead(string text) =>
        Assert.Equal(P("2026-11"), CompanyTimeZone.Default.MonthOf(Valid<SafetyRecord>(RecordKind.Safety, ("occurred_at", text)).OccurredAt));

    [Theory]
    [InlineData(" 100 ", 100)]
    [InlineData("1e2", 100)]
    [InlineData("0.000001", 0.000001)]
    [InlineData("+7", 7)]
    public void Numbers_InTheAcceptedForms_AreReadExactly(string text, double expected) =>
        Assert.Equal((decimal)expected, Valid<HoursRecord>(RecordKind.Hours, ("hours", text)).Hours);

    [Fact]
    public void Numbers_ManyDecimals_StayExact() =>
        Assert.Equal(0.1234567890123456789m, Valid<HoursRecord>(RecordKind.Hours, ("hours", "0.1234567890123456789")).Hours);

    public static TheoryData<RecordKind, string, string, string, string> Refusals => new()
    {
        // kind, column, bad text, the column the error names, a fragment of the reason
        { RecordKind.Production, "planned_qty", "-1", "planned_qty", "must not be negative" },
        { RecordKind.Production, "actual_qty", "-0.5", "actual_qty", "must not be negative" },
        { RecordKind.Hours, "hours", "-8", "hours", "must not be negative" },
        { RecordKind.Inspections, "inspected_qty", "-1", "inspected_qty", "must not be negative" },
        { RecordKind.Inspections, "passed_qty", "201", "passed_qty", "more than inspected_qty" },
        { RecordKind.Budget, "budget_amount", "-100", "budget_amount", "must not be negative" },
        { RecordKind.Budget, "actual_amount", "-1", "actual_amount", "must not be negative" },
        { RecordKind.Measurements, "denominator", "-1", "denominator", "must not be negative" },
        { RecordKind.Surveys, "score", "100.01", "score", "must be at most 100" },
        { RecordKind.Surveys, "score", "101", "score", "must be at most 100" },
        { RecordKind.Surveys, "score", "-1", "score", "must not be negative" },
        { RecordKind.Surveys, "survey", "employee", "survey", "is not one of customer, collaboration" },
        { RecordKind.Tickets, "kind", "request", "kind", "is not one of inquiry, complaint" },
        { RecordKind.Safety, "severity", "critical", "severity", "is not one of minor, major, fatal" },
        { RecordKind.Staff, "qualified", "maybe", "qualified", "is not one of yes, no" },
        { RecordKind.Production, "date", "2026-02-30", "date", "is not a date" },
        { RecordKind.Production, "date", "2026/10/05", "date", "is not a date" },
        { RecordKind.Production, "date", "05.10.2026", "date", "is not a date" },
        { RecordKind.Deliveries, "promised_date", "next week", "promised_date", "is not a date" },
        { RecordKind.Deliveries, "delivered_date", "2026-13-01", "delivered_date", "is not a date" },
        { RecordKind.Training, "completed_date", "soon", "completed_date", "is not a date" },
        { RecordKind.Staff, "hired_on", "2020-3-1", "hired_on", "is not a date" },
        { RecordKind.Staff, "left_on", "31/10/2026", "left_on", "is not a date" },
        { RecordKind.Budget, "month", "2026-13", "month", "is not a month" },
        { RecordKind.Budget, "month", "2026-10-01", "month", "is not a month" },
        { RecordKind.Tickets, "opened_at", "yesterday", "opened_at", "is not an ISO 8601 timestamp" },
        { RecordKind.Tickets, "opened_at", "2026-10-31", "opened_at", "is not an ISO 8601 timestamp" },
        { RecordKind.Tickets, "callback_at", "2026-11-31T10:00:00Z", "callback_at", "is not an ISO 8601 timestamp" },
        { RecordKind.Safety, "occurred_at", "2026-10-12T25:00:00+08:00", "occurred_at", "is not an ISO 8601 timestamp" },
        { RecordKind.Production, "planned_qty", "abc", "planned_qty", "is not a number" },
        { RecordKind.Production, "planned_qty", "1,000", "planned_qty", "is not a number" },
        { RecordKind.Hours, "hours", "NaN", "hours", "is not a number" },
        { RecordKind.Surveys, "score", "九十", "score", "is not a number" },
        { RecordKind.Measurements, "numerator", "12%", "numerator", "is not a number" },
        { RecordKind.Production, "record_id", "", "record_id", "is required" },
        { RecordKind.Production, "record_id", "   ", "record_id", "is required" },
        { RecordKind.Hours, "department", "", "department", "is required" },
        { RecordKind.Production, "date", "", "date", "is required" },
        { RecordKind.Production, "planned_qty", "", "planned_qty", "is required" },
        { RecordKind.Deliveries, "order_no", "", "order_no", "is required" },
        { RecordKind.Deliveries, "promised_date", "", "promised_date", "is required" },
        { RecordKind.Inspections, "passed_qty", "", "passed_qty", "is required" },
        { RecordKind.Tickets, "kind", "", "kind", "is required" },
        { RecordKind.Tickets, "opened_at", "", "opened_at", "is required" },
        { RecordKind.Surveys, "survey", "", "survey", "is required" },
        { RecordKind.Training, "employee_no", "", "employee_no", "is required" },
        { RecordKind.Training, "course", "", "course", "is required" },
        { RecordKind.Training, "planned_date", "", "planned_date", "is required" },
        { RecordKind.Budget, "month", "", "month", "is required" },
        { RecordKind.Safety, "occurred_at", "", "occurred_at", "is required" },
        { RecordKind.Safety, "severity", "", "severity", "is required" },
        { RecordKind.Staff, "name", "", "name", "is required" },
        { RecordKind.Staff, "hired_on", "", "hired_on", "is required" },
        { RecordKind.Staff, "qualified", "", "qualified", "is required" },
        { RecordKind.Measurements, "metric", "", "metric", "is required" },
        { RecordKind.Measurements, "numerator", "", "numerator", "is required" },
        { RecordKind.Departments, "code", "", "code", "is required" },
        { RecordKind.Departments, "name", "", "name", "is required" },
        { RecordKind.Staff, "left_on", "2020-02-29", "left_on", "is before hired_on" },
        { RecordKind.Tickets, "callback_at", "2026-10-31T17:29:59Z", "callback_at", "is before opened_at" },
        { RecordKind.Tickets, "resolved_at", "2026-11-01T01:29:59", "resolved_at", "is before opened_at" },
        { RecordKind.Measurements, "metric", "plan_completion", "metric", "is a built-in metric" },
        { RecordKind.Measurements, "metric", "safety_incidents", "metric", "is a built-in metric" },
        { RecordKind.Measurements, "metric", "Sales_Completion", "metric", "is not a metric code" },
        { RecordKind.Measurements, "metric", "1st_metric", "metric", "is not a metric code" },
        { RecordKind.Hours, "department", "生产部", "department", "is not a valid department code" },
        { RecordKind.Departments, "code", "生产部", "code", "is not a valid department code" },
        { RecordKind.Departments, "parent_code", "W 1", "parent_code", "is not a valid department code" },
        { RecordKind.Departments, "parent_code", "W1", "parent_code", "cannot be its own parent" },
        { RecordKind.Production, "record_id", new string('x', 101), "record_id", "is longer than 100" },
        { RecordKind.Training, "course", "line\u0007bell", "course", "control characters" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refusal_NamesTheColumnAndWhy(RecordKind kind, string column, string bad, string errorColumn, string reason)
    {
        var row = Parse(kind, (column, bad));

        Assert.False(row.IsValid);
        Assert.Null(row.Record);
        var error = Assert.Single(row.Errors);
        Assert.Equal(errorColumn, error.Field);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Refusal_ColumnMissingFromTheRow_IsRequired()
    {
        var row = RecordParser.Parse(RecordKind.Hours, Row(("record_id", "H1"), ("department", "W1"), ("date", "2026-10-05")), CompanyTimeZone.Default);

        Assert.Equal(new FieldError("hours", "is required"), Assert.Single(row.Errors));
    }

    [Fact]
    public void SeveralErrors_InOneRow_AreAllReported()
    {
        var row = Parse(RecordKind.Production, ("record_id", ""), ("date", "2026-10-32"), ("planned_qty", "-1"), ("actual_qty", "lots"));

        Assert.Equal(["actual_qty", "date", "planned_qty", "record_id"], row.Errors.Select(e => e.Field).Order().ToArray());
        Assert.Contains(row.Errors, e => e.Field == "actual_qty" && e.Reason.Contains("'lots' is not a number"));
    }

    [Fact]
    public void SeveralErrors_PassedAboveInspectedBesideAnotherError_AreBothReported()
    {
        var row = Parse(RecordKind.Inspections, ("record_id", ""), ("passed_qty", "201"));

        Assert.Equal(["passed_qty", "record_id"], row.Errors.Select(e => e.Field).Order().ToArray());
    }

    [Fact]
    public void SeveralErrors_LeftBeforeHiredBesideAnotherError_AreBothReported()
    {
        var row = Parse(RecordKind.Staff, ("name", ""), ("left_on", "2019-12-31"), ("qualified", "perhaps"));

        Assert.Equal(["left_on", "name", "qualified"], row.Errors.Select(e => e.Field).Order().ToArray());
    }

    [Fact]
    public void SeveralErrors_CallbackAndResolutionBeforeOpened_AreBothReported()
    {
        var row = Parse(RecordKind.Tickets, ("kind", "question"), ("callback_at", "2026-10-01T00:00:00Z"), ("resolved_at", "2026-10-01T00:00:00Z"));

        Assert.Equal(["callback_at", "kind", "resolved_at"], row.Errors.Select(e => e.Field).Order().ToArray());
    }

    [Theory]
    [InlineData(RecordKind.Inspections, "inspected_qty", "many")] // not also "passed_qty is more than inspected_qty 0"
    [InlineData(RecordKind.Staff, "hired_on", "unknown")] // not also "left_on is before hired_on 0001-01-01"
    public void CrossColumnCheck_WithAnInvalidInput_DoesNotAddASpuriousError(RecordKind kind, string column, string bad) =>
        Assert.Equal(column, Assert.Single(Parse(kind, (column, bad)).Errors).Field);

    [Fact]
    public void OneBadValue_IsReportedOnce()
    {
        // An unparsable required value must not also be reported as missing.
        var row = Parse(RecordKind.Production, ("date", "someday"));

        Assert.Single(row.Errors);
    }

    /// <summary>Codes that are not safe identifiers: path segments, hidden names, and text Excel reads as a formula.</summary>
    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("-1+1")]
    [InlineData("_W1")]
    [InlineData("W/1")]
    [InlineData("W1\\..")]
    public void DepartmentCode_NotASafeIdentifier_IsARowErrorWhereverACodeIsNamed(string code)
    {
        var department = Parse(RecordKind.Departments, ("code", code));
        var parent = Parse(RecordKind.Departments, ("parent_code", code));
        var record = Parse(RecordKind.Hours, ("department", code));

        Assert.Equal(new FieldError("code", $"'{code}' is not a valid department code ({Department.CodeRule})"), Only(department));
        Assert.Equal("parent_code", Only(parent).Field);
        Assert.Equal("department", Only(record).Field);
        Assert.Contains("starting with a letter or digit", Only(record).Reason);
    }

    [Theory]
    [InlineData("EX")]
    [InlineData("EX-1")]
    [InlineData("PROD-LATEX")]
    [InlineData("1A")]
    [InlineData("W1.2_b")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    public void DepartmentCode_LettersDigitsAndSeparators_IsAccepted(string code)
    {
        Assert.Equal(code, Valid<Department>(RecordKind.Departments, ("code", code)).Code);
        Assert.Equal(code, Valid<HoursRecord>(RecordKind.Hours, ("department", code)).Department);
    }

    [Theory]
    [InlineData(RecordKind.Production, "date", "0001-01-01")]
    [InlineData(RecordKind.Production, "date", "1899-12-31")]
    [InlineData(RecordKind.Production, "date", "9999-12-31")]
    [InlineData(RecordKind.Deliveries, "delivered_date", "9999-12-31")]
    [InlineData(RecordKind.Staff, "left_on", "9999-12-31")]
    [InlineData(RecordKind.Budget, "month", "9999-12")]
    [InlineData(RecordKind.Budget, "month", "1899-12")]
    [InlineData(RecordKind.Tickets, "opened_at", "0001-01-01T00:00:00+08:00")]
    [InlineData(RecordKind.Tickets, "opened_at", "0001-01-01T00:00:00")]
    [InlineData(RecordKind.Tickets, "resolved_at", "9999-12-31T23:59:59Z")]
    [InlineData(RecordKind.Safety, "occurred_at", "9999-01-01 00:00")]
    // Still 9998 where it was written, but already 9999-01-01 in the company zone (Asia/Shanghai), where periods are.
    [InlineData(RecordKind.Safety, "occurred_at", "9998-12-31T20:00:00-05:00")]
    [InlineData(RecordKind.Safety, "occurred_at", "1899-12-31T12:00:00Z")]
    public void DateOutsideEveryPeriod_IsARowErrorNamingTheColumn(RecordKind kind, string column, string text)
    {
        var error = Only(Parse(kind, (column, text)));

        Assert.Equal(column, error.Field);
        Assert.Equal($"'{text}' is outside the dates Kpi reports on, 1900-01-01 to 9998-12-31", error.Reason);
    }

    [Fact]
    public void DatesAtEitherEndOfThePeriods_AreAccepted()
    {
        Assert.Equal(new DateOnly(1900, 1, 1), Valid<ProductionRecord>(RecordKind.Production, ("date", "1900-01-01")).Date);
        Assert.Equal(new DateOnly(9998, 12, 31), Valid<ProductionRecord>(RecordKind.Production, ("date", "9998-12-31")).Date);
        Assert.Equal(new DateOnly(9998, 12, 1), Valid<BudgetRecord>(RecordKind.Budget, ("month", "9998-12")).Month);
        Assert.Equal(new DateTime(9998, 12, 31, 15, 59, 59, DateTimeKind.Utc),
            Valid<SafetyRecord>(RecordKind.Safety, ("occurred_at", "9998-12-31T23:59:59")).OccurredAt);
    }

    private static FieldError Only(ParsedRow row)
    {
        Assert.False(row.IsValid);
        return Assert.Single(row.Errors);
    }

    [Theory]
    [InlineData("production", RecordKind.Production)]
    [InlineData("measurements", RecordKind.Measurements)]
    [InlineData("departments", RecordKind.Departments)]
    public void RecordKinds_KnownName_Parses(string name, RecordKind kind)
    {
        Assert.True(RecordKinds.TryParse(name, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(name, kind.Name());
    }

    [Theory]
    [InlineData("invoices")]
    [InlineData("Production")] // names are exact, like the CSV headers
    [InlineData("")]
    [InlineData(null)]
    public void RecordKinds_UnknownName_IsRefused(string? name) => Assert.False(RecordKinds.TryParse(name, out _));

    [Theory]
    [InlineData(RecordKind.Production, "record_id,department,date,planned_qty,actual_qty")]
    [InlineData(RecordKind.Tickets, "record_id,department,kind,opened_at,callback_at,resolved_at")]
    [InlineData(RecordKind.Staff, "record_id,department,employee_no,name,position,hired_on,left_on,qualified")]
    [InlineData(RecordKind.Measurements, "record_id,department,metric,date,numerator,denominator")]
    [InlineData(RecordKind.Departments, "code,name,parent_code,head_employee_no")]
    public void RecordKinds_Columns_AreTheContractsHeaders(RecordKind kind, string header) =>
        Assert.Equal(header, string.Join(",", kind.Columns()));
}
