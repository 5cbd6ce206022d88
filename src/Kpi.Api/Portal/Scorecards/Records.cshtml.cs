using Kpi.Api.Metrics;
using Kpi.Api.Portal.Shared;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Storage;
using Kpi.Storage.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Scorecards;

/// <summary>
/// <c>/scorecards/{department}/{period}/{metric}/records</c>: the drill-down page — the records behind a figure,
/// paged, sorted and filtered, with their sums (the figure's inputs), a CSV download (the API's
/// <c>GET /api/metrics/…/records?format=csv</c>) and the rows refused by the imports that fed them. The request is
/// checked by the API's own <see cref="MetricRecordsApi.ParseAsync"/>, so the page and the API refuse alike.
/// </summary>
public sealed class RecordsModel(PortalContext portal) : PortalPage(portal)
{
    public MetricRecordsApi.Request Drill { get; private set; } = null!;
    public RecordPage Records { get; private set; } = null!;
    public FeedingRejections Rejected { get; private set; } = null!;
    public MetricDefinition Metric { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string department, string period, string metric, string? kind, string? sort, bool? desc, int? page,
        [FromQuery(Name = "page_size")] int? pageSize, string? q, string? counted, string? within, [FromServices] KpiDbContext db,
        [FromServices] CompanyTimeZone zone, CancellationToken ct)
    {
        var (request, problem) = await MetricRecordsApi.ParseAsync(db, HttpContext, department, period, metric, kind, sort, desc, page, pageSize, q,
            counted, within, ct);
        if (problem is not null) return Fail(problem, department);
        Drill = request!;
        Metric = MetricCatalogue.Describe(metric);
        Records = await db.RecordsAsync(Drill.Org, department, Drill.Period, zone, metric, Drill.Kind, Drill.Query, ct);
        Rejected = await db.RejectionsAsync(Drill.Org, department, Records.Runs, MetricRecordsApi.RejectionsListed, ct);
        Title = $"{Metric.Name(Portal.Code)} · {Drill.Org.Tree.Get(department).Name} · {Portal.Labels.Period(Drill.Period)}";
        return Page();
    }

    private IActionResult Fail(ProblemHttpResult problem, string department) => problem.StatusCode switch
    {
        403 or 404 when problem.ProblemDetails.Detail?.Contains("department", StringComparison.Ordinal) == true => RefuseDepartment(problem.StatusCode, department),
        _ => Refuse(problem.StatusCode, problem.ProblemDetails.Detail ?? "", problem.ProblemDetails.Detail ?? ""),
    };

    /// <summary>This page with some of its query changed (null removes a parameter).</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var query = Drill.Query;
        var values = new Dictionary<string, string?>
        {
            ["kind"] = Drill.Kind == Records.Kinds[0] ? null : Kpi.Domain.Records.RecordKinds.Name(Drill.Kind),
            ["within"] = query.Department, ["q"] = query.Search, ["counted"] = query.Counted?.ToString().ToLowerInvariant(),
            ["sort"] = query.Sort, ["desc"] = query.Descending ? "true" : null, ["page"] = query.Page > 1 ? query.Page.ToString() : null,
            ["page_size"] = query.PageSize != RecordQuery.DefaultPageSize ? query.PageSize.ToString() : null,
        };
        foreach (var (key, value) in changes) values[key] = value;
        var qs = string.Join('&', values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return qs.Length == 0 ? "?" : "?" + qs;
    }

    public string ApiCsv => $"/api/metrics/{Uri.EscapeDataString(Drill.Department)}/{Drill.Period}/{Uri.EscapeDataString(Drill.Metric)}/records"
                            + With(("page", null), ("page_size", null), ("sort", null), ("desc", null)) + "&format=csv";

    public string ColumnName(string column) => Portal.IsEn ? column.Replace('_', ' ') : column switch
    {
        "record_id" => "记录编号", "department" => "部门", "date" => "日期", "planned_qty" => "计划产量", "actual_qty" => "实际产量", "hours" => "工时",
        "order_no" => "订单号", "promised_date" => "承诺交期", "delivered_date" => "交付日期", "on_time" => "按期交付", "inspected_qty" => "检验数",
        "passed_qty" => "合格数", "kind" => "类型", "opened_at" => "受理时间", "callback_at" => "回访时间", "callback_in48h" => "48小时内回访",
        "resolved_at" => "解决时间", "resolved_in_period" => "期内解决", "survey" => "调查", "score" => "得分", "employee_no" => "工号",
        "course" => "课程", "planned_date" => "计划日期", "completed_date" => "完成日期", "completed" => "期末前完成", "month" => "月份",
        "budget_amount" => "预算费用", "actual_amount" => "实际费用", "occurred_at" => "发生时间", "severity" => "严重程度", "name" => "姓名",
        "position" => "岗位", "hired_on" => "入职日期", "left_on" => "离职日期", "on_first_day" => "期初在册", "on_last_day" => "期末在册",
        "left_in_period" => "期内离职", "qualified_on_last_day" => "期末资格达标", "numerator" => "分子", "denominator" => "分母",
        _ => column,
    };

    public string Cell(object? value) => value switch
    {
        null => "—",
        bool b => b ? T("是", "yes") : T("否", "no"),
        decimal d => Kpi.Reporting.Localization.ReportFormat.Input(d),
        DateTime t => Portal.Time(t, HttpContext.RequestServices.GetRequiredService<CompanyTimeZone>()),
        _ => MetricRecordsApi.Cell(value) ?? "—",
    };
}
