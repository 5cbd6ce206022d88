using System.Globalization;
using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;

namespace Kpi.Testing.Builders;

/// <summary>
/// Short builders for the values tests are written in: dates and instants from ISO text, records with only the
/// fields a test is about, record sets and evaluators. Record ids do not matter to any metric, so they are fixed.
/// </summary>
public static class Build
{
    public static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant written with an offset (<c>Z</c> or <c>+08:00</c>), as a UTC <see cref="DateTime"/>.</summary>
    public static DateTime Utc(string isoWithOffset) =>
        DateTimeOffset.Parse(isoWithOffset, CultureInfo.InvariantCulture, DateTimeStyles.None).UtcDateTime;

    public static DateTime? OptUtc(string? isoWithOffset) => isoWithOffset is null ? null : Utc(isoWithOffset);

    public static Period P(string text) => Period.Parse(text);

    public static ProductionRecord Production(string date, decimal planned, decimal actual, string dept = "D") =>
        new("p", dept, Day(date), planned, actual);

    public static HoursRecord Hours(string date, decimal hours, string dept = "D") => new("h", dept, Day(date), hours);

    public static DeliveryRecord Delivery(string promised, string? delivered, string dept = "D") =>
        new("d", dept, "SO-1", Day(promised), delivered is null ? null : Day(delivered));

    public static InspectionRecord Inspection(string date, decimal inspected, decimal passed, string dept = "D") =>
        new("i", dept, Day(date), inspected, passed);

    public static TicketRecord Ticket(TicketKind kind, string opened, string? callback = null, string? resolved = null, string dept = "D") =>
        new("t", dept, kind, Utc(opened), OptUtc(callback), OptUtc(resolved));

    public static TicketRecord Complaint(string opened, string? callback = null, string? resolved = null, string dept = "D") =>
        Ticket(TicketKind.Complaint, opened, callback, resolved, dept);

    public static TicketRecord Inquiry(string opened, string? callback = null, string? resolved = null, string dept = "D") =>
        Ticket(TicketKind.Inquiry, opened, callback, resolved, dept);

    public static SurveyRecord Survey(string date, SurveyType type, decimal score, string dept = "D") => new("s", dept, Day(date), type, score);

    public static TrainingRecord Training(string planned, string? completed, string dept = "D") =>
        new("tr", dept, "E1", "course", Day(planned), completed is null ? null : Day(completed));

    public static BudgetRecord Budget(string month, decimal budget, decimal actual, string dept = "D") =>
        new("b", dept, Day(month + "-01"), budget, actual);

    public static SafetyRecord Safety(string occurred, Severity severity, string dept = "D") => new("sf", dept, Utc(occurred), severity);

    public static StaffRecord Staff(string hired, string? left, bool qualified = true, string dept = "D") =>
        new("st", dept, "E1", "name", "position", Day(hired), left is null ? null : Day(left), qualified);

    public static MeasurementRecord Measurement(string metric, string date, decimal numerator, decimal? denominator, string dept = "D") =>
        new("m", dept, metric, Day(date), numerator, denominator);

    public static RecordSet RecordSetOf(params SourceRecord[] records)
    {
        var set = new RecordSet();
        set.AddRange(records);
        return set;
    }

    /// <summary>
    /// Department <c>D</c>, the one metrics are evaluated for, and an unrelated root <c>X</c> whose records must never
    /// count for <c>D</c>.
    /// </summary>
    public static OrgTree Flat { get; } = new([new Department("D", "部门"), new Department("X", "别的部门")]);

    public static ReferenceEvaluator Evaluator(OrgTree? tree = null, CompanyTimeZone? zone = null) =>
        new(tree ?? Flat, zone ?? CompanyTimeZone.Default);

    /// <summary>The value of one metric of department <c>D</c> (or <paramref name="department"/>) over a period.</summary>
    public static MetricValue Metric(string metric, string period, IEnumerable<SourceRecord> records, OrgTree? tree = null, string department = "D",
        CompanyTimeZone? zone = null)
    {
        var values = Evaluator(tree, zone).Evaluate(RecordSetOf([.. records]), department, P(period));
        return values.SingleOrDefault(v => v.Metric == metric)
            ?? throw new InvalidOperationException($"No value for '{metric}' was computed.");
    }
}
