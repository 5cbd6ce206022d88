using Kpi.Api.Auth;
using Kpi.Api.Portal.Shared;
using Kpi.Domain.Periods;
using Kpi.Storage;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Scorecards;

/// <summary>
/// <c>/scorecards/{department}/{period}</c>: a department's scorecard for a month, quarter, year or year-to-date, each
/// line explained, with 13-month trends and the sub-departments' scores. Scoped as the API: 404 for an unknown
/// department, 403 outside the caller's scope.
/// </summary>
public sealed class DepartmentModel(PortalContext portal) : PortalPage(portal)
{
    public ScorecardPageData Data { get; private set; } = null!;
    public StoredOrganisation Org { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string department, string period, [FromServices] KpiDbContext db, [FromServices] CompanyTimeZone zone,
        CancellationToken ct)
    {
        if (!Period.TryParse(period, out var p, out var error))
            return Refuse(400, $"“{period}”不是期间:{error}", $"'{period}' is not a period: {error}");
        Org = await db.LoadOrganisationAsync(ct);
        if (!Org.Tree.Contains(department)) return RefuseDepartment(404, department);
        if (!Portal.Caller.CanSee(Org.Tree, department)) return RefuseDepartment(403, department);
        var data = await ScorecardPageData.LoadAsync(db, Org, department, p, Caller.From(User).Scope, Portal.Language, zone, ct);
        if (data is null)
            return Refuse(404, $"部门“{Org.Tree.Get(department).Name}”没有记分卡。", $"Department '{department}' has no scorecard.");
        Data = data;
        Title = $"{data.DepartmentName} · {Portal.Labels.Period(p)}";
        return Page();
    }

    /// <summary>The drill-down of a line, when the caller may see the department its metric is computed over.</summary>
    public string? DrillUrl(int line, string metric, string? query = null)
    {
        var over = Data.Scopes[line] ?? Data.Department;
        if (!Org.Tree.Contains(over) || !Portal.Caller.CanSee(Org.Tree, over)) return null;
        return $"/scorecards/{Uri.EscapeDataString(over)}/{Data.Period}/{Uri.EscapeDataString(metric)}/records{query}";
    }

    /// <summary>The picker's quick choices around the period: its month, quarter, year and year-to-date, and the months before and after.</summary>
    public IReadOnlyList<(string Label, Period Period)> Choices()
    {
        var month = Data.Period.LastMonth;
        return
        [
            (T("上月", "Previous month"), month.Previous),
            (T("月", "Month"), month),
            (T("季度", "Quarter"), month.QuarterOfLastMonth),
            (T("年初至今", "Year to date"), month.YearToDateOfLastMonth),
            (T("全年", "Year"), Period.OfYear(month.Year)),
            (T("下月", "Next month"), month.Next),
        ];
    }
}
