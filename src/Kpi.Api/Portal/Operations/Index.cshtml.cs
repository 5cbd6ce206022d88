using Kpi.Domain.Access;
using Kpi.Api.Imports;
using Kpi.Api.Portal.Shared;
using Kpi.Jobs.Close;
using Kpi.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Operations;

/// <summary>
/// <c>/operations</c> (admins): the import form (posted to <see cref="ImportUpload"/>), the latest import runs, the
/// closes and links to sources, users, keys, the audit trail and the job dashboard. Lists come from the API's own
/// handlers, so the page shows what the API answers.
/// </summary>
public sealed class IndexModel(PortalContext portal) : PortalPage(portal)
{
    public IReadOnlyList<ImportsApi.RunResponse> Runs { get; private set; } = [];
    public IReadOnlyList<PeriodSummary> Closes { get; private set; } = [];

    /// <summary>Closes still under way or failed, described: how many files are rendered, and why one failed.</summary>
    public IReadOnlyDictionary<string, PeriodStatus> Progress { get; private set; } = new Dictionary<string, PeriodStatus>();

    /// <summary>A fixed problem code from <see cref="ImportUpload"/>; the page words it, never echoing request text.</summary>
    public string? Problem { get; private set; }

    public async Task OnGetAsync(string? problem, [FromServices] KpiDbContext db, [FromServices] MonthlyClose close, CancellationToken ct)
    {
        Title = T("运营管理", "Operations");
        Problem = problem;
        Runs = (await ImportsApi.ListRuns(db, 20, ct)).Value!;
        Closes = (await close.ListAsync(ct)).Take(13).ToList();
        var progress = new Dictionary<string, PeriodStatus>();
        foreach (var c in Closes.Where(c => c.Status is not ("closed" or "open")))
            progress[c.Period] = await close.DescribeAsync(c.Period, AccessScope.Company, ct);
        Progress = progress;
    }

    public string ProblemText => Problem switch
    {
        "token" => T("表单已过期,请刷新页面后重试。", "The form has expired: reload the page and try again."),
        "kind" => T("请选择记录类型。", "Choose a record kind."),
        "too_large" => T("文件太大。", "The file is too large."),
        "type" => T("只接受 CSV 或 XLSX 文件。", "Only CSV or XLSX files are accepted."),
        "form" => T("请求不是文件上传表单。", "The request was not a file upload form."),
        _ => T("导入失败:请检查文件。", "The import failed: check the file."),
    };
}
