namespace Kpi.Delivery.Subscriptions;

/// <summary>The reports a subscription can send, and the attachment formats, by the names the API and the outbox use.</summary>
public static class ReportKinds
{
    /// <summary>The company view: headline score and grade, ranking, red flags; the summary PDF attached. Whole-company readers only.</summary>
    public const string ExecutiveSummary = "executive_summary";

    /// <summary>One mail per recipient listing the departments their scope allows, each department's pack attached.</summary>
    public const string DepartmentPacks = "department_packs";

    public static readonly IReadOnlyList<string> All = [ExecutiveSummary, DepartmentPacks];
}

public static class AttachmentFormats
{
    public const string Pdf = "pdf";
    public const string Xlsx = "xlsx";

    public static readonly IReadOnlyList<string> All = [Pdf, Xlsx];

    /// <summary>The formats a report exists in: the executive summary is a PDF only.</summary>
    public static IReadOnlyList<string> Of(string report) => report == ReportKinds.ExecutiveSummary ? [Pdf] : All;

    public static string Join(IEnumerable<string> formats) => string.Join(',', formats);

    public static IReadOnlyList<string> Split(string formats) => formats.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Why an outbox row was made.</summary>
public static class Triggers
{
    public const string AfterClose = "after_close";
    public const string Cron = "cron";
    public const string Manual = "manual";
}
