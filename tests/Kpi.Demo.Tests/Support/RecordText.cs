using System.Globalization;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;

namespace Kpi.Demo.Tests.Support;

/// <summary>How a source system writes timestamps; the import contract accepts all three.</summary>
public enum InstantStyle
{
    /// <summary><c>2026-10-31T17:30:00Z</c></summary>
    Utc,
    /// <summary><c>2026-11-01T01:30:00+08:00</c></summary>
    Offset,
    /// <summary><c>2026-11-01 01:30:00</c>, a wall-clock time in the company time zone, as Excel exports it.</summary>
    WallClock,
}

/// <summary>
/// Writes a record's fields as the text of an import file (CSV or JSON values), column by column under the
/// contract's exact names, so that the domain's <see cref="RecordParser"/> can read it back.
/// </summary>
internal static class RecordText
{
    public static IReadOnlyDictionary<string, string?> Fields(Department d) => new Dictionary<string, string?>
    {
        ["code"] = d.Code, ["name"] = d.Name, ["parent_code"] = d.ParentCode, ["head_employee_no"] = d.HeadEmployeeNo,
    };

    public static IReadOnlyDictionary<string, string?> Fields(SourceRecord record, InstantStyle style, CompanyTimeZone zone)
    {
        string Instant(DateTime utc) => style switch
        {
            InstantStyle.Utc => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            InstantStyle.Offset => new DateTimeOffset(utc).ToOffset(zone.Zone.GetUtcOffset(utc)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            _ => TimeZoneInfo.ConvertTimeFromUtc(utc, zone.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        };

        var fields = new Dictionary<string, string?> { ["record_id"] = record.RecordId, ["department"] = record.Department };
        switch (record)
        {
            case ProductionRecord r:
                fields["date"] = Date(r.Date); fields["planned_qty"] = Number(r.PlannedQty); fields["actual_qty"] = Number(r.ActualQty);
                break;
            case HoursRecord r:
                fields["date"] = Date(r.Date); fields["hours"] = Number(r.Hours);
                break;
            case DeliveryRecord r:
                fields["order_no"] = r.OrderNo; fields["promised_date"] = Date(r.PromisedDate); fields["delivered_date"] = Date(r.DeliveredDate);
                break;
            case InspectionRecord r:
                fields["date"] = Date(r.Date); fields["inspected_qty"] = Number(r.InspectedQty); fields["passed_qty"] = Number(r.PassedQty);
                break;
            case TicketRecord r:
                fields["kind"] = r.TicketKind == TicketKind.Complaint ? "complaint" : "inquiry";
                fields["opened_at"] = Instant(r.OpenedAt);
                fields["callback_at"] = r.CallbackAt is { } c ? Instant(c) : null;
                fields["resolved_at"] = r.ResolvedAt is { } s ? Instant(s) : null;
                break;
            case SurveyRecord r:
                fields["date"] = Date(r.Date); fields["survey"] = r.Survey == SurveyType.Customer ? "customer" : "collaboration"; fields["score"] = Number(r.Score);
                break;
            case TrainingRecord r:
                fields["employee_no"] = r.EmployeeNo; fields["course"] = r.Course;
                fields["planned_date"] = Date(r.PlannedDate); fields["completed_date"] = Date(r.CompletedDate);
                break;
            case BudgetRecord r:
                fields["month"] = r.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                fields["budget_amount"] = Number(r.BudgetAmount); fields["actual_amount"] = Number(r.ActualAmount);
                break;
            case SafetyRecord r:
                fields["occurred_at"] = Instant(r.OccurredAt); fields["severity"] = r.Severity.ToString().ToLowerInvariant();
                break;
            case StaffRecord r:
                fields["employee_no"] = r.EmployeeNo; fields["name"] = r.Name; fields["position"] = r.Position;
                fields["hired_on"] = Date(r.HiredOn); fields["left_on"] = Date(r.LeftOn); fields["qualified"] = r.Qualified ? "yes" : "no";
                break;
            case MeasurementRecord r:
                fields["metric"] = r.Metric; fields["date"] = Date(r.Date);
                fields["numerator"] = Number(r.Numerator); fields["denominator"] = r.Denominator is { } d ? Number(d) : null;
                break;
            default:
                throw new ArgumentException($"No text form for {record.GetType().Name}.", nameof(record));
        }
        return fields;
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
