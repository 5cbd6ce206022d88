using Kpi.Api.Portal.Shared;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Storage;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Scorecards;

/// <summary>
/// <c>/scorecards</c>: the departments the caller may see, as the org chart reads, each linked to last month; the
/// picker's GET form (<c>?department=&amp;period=</c>) lands here and is sent on to the shareable URL.
/// </summary>
public sealed class IndexModel(PortalContext portal) : PortalPage(portal)
{
    public IReadOnlyList<(Department Department, int Depth)> Departments { get; private set; } = [];
    public Period LastMonth { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? department, string? period, [FromServices] KpiDbContext db, [FromServices] CompanyTimeZone zone,
        [FromServices] TimeProvider clock, CancellationToken ct)
    {
        LastMonth = zone.MonthOf(clock.GetUtcNow().UtcDateTime).Previous;
        if (!string.IsNullOrWhiteSpace(department))
        {
            var p = string.IsNullOrWhiteSpace(period) ? LastMonth.ToString() : period.Trim();
            return Redirect($"/scorecards/{Uri.EscapeDataString(department.Trim())}/{Uri.EscapeDataString(p)}");
        }
        Title = T("记分卡", "Scorecards");
        var org = await db.LoadOrganisationAsync(ct);
        var list = new List<(Department, int)>();
        foreach (var top in Portal.Caller.Scope.TopDepartments(org.Tree))
        {
            var baseDepth = org.Tree.Depth(top.Code);
            list.AddRange(org.Tree.Subtree(top.Code).Select(c => (org.Tree.Get(c), org.Tree.Depth(c) - baseDepth)));
        }
        Departments = list;
        return Page();
    }
}
