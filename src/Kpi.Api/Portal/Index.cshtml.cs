using Kpi.Api.Appraisal;
using Kpi.Api.Portal.Shared;
using Kpi.Jobs.Appraisal;
using Kpi.Domain.Access;
using Kpi.Domain.Periods;
using Kpi.Storage;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Portal;

/// <summary>
/// <c>/</c>: each role's home. A manager lands on their department's last closed month (last month when none is
/// closed); HR and executives on the company view; an admin on operations; an employee, who sees no department's
/// figures, on their account with what waits for them (their self-assessment, the reviews they owe) and their appraisals
/// (HR lands on the appraisal cycles, where their own to-do is listed too, as is a manager's).
/// </summary>
public sealed class IndexModel(PortalContext portal) : PortalPage(portal)
{
    /// <summary>An employee's own appraisals, each with its cycle, as the appraisal reads show them to the employee.</summary>
    public IReadOnlyList<(CycleSummary Cycle, AppraisalListItem Appraisal)> MyAppraisals { get; private set; } = [];

    /// <summary>What waits for the employee: their self-assessment, and the reviews they owe as a department's head.</summary>
    public IReadOnlyList<Appraisal.ToDoItem> ToDo { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromServices] KpiDbContext db, [FromServices] CompanyTimeZone zone, [FromServices] TimeProvider clock,
        [FromServices] AppraisalReads reads, CancellationToken ct)
    {
        var caller = Portal.Caller;
        switch (caller.Role)
        {
            case Roles.Admin: return Redirect("/operations");
            case Roles.Hr: return Redirect("/appraisal");
            case Roles.Executive: return Redirect("/company");
            case Roles.Manager:
                var org = await db.LoadOrganisationAsync(ct);
                var tops = caller.Scope.TopDepartments(org.Tree);
                if (tops.Count != 1) return Redirect("/scorecards");
                var code = tops[0].Code;
                var closed = await db.ScorecardVersions.AsNoTracking().Where(v => v.DepartmentCode == code)
                    .Join(db.PeriodCloses.AsNoTracking().Where(c => c.Revision > 0), v => v.Period, c => c.Period, (v, _) => v.Period)
                    .OrderByDescending(p => p).FirstOrDefaultAsync(ct);
                var month = closed ?? zone.MonthOf(clock.GetUtcNow().UtcDateTime).Previous.ToString();
                return Redirect($"/scorecards/{Uri.EscapeDataString(code)}/{month}");
            default:
                Title = T("我的账户", "My account");
                if (caller.EmployeeNo is not null)
                {
                    MyAppraisals = await OwnAppraisalsAsync(reads, ct);
                    ToDo = await Appraisal.AppraisalToDo.ForAsync(reads, AppraisalApi.Viewer(HttpContext), ct);
                }
                return Page();
        }
    }

    private async Task<IReadOnlyList<(CycleSummary, AppraisalListItem)>> OwnAppraisalsAsync(AppraisalReads reads, CancellationToken ct)
    {
        var viewer = AppraisalApi.Viewer(HttpContext);
        var mine = new List<(CycleSummary, AppraisalListItem)>();
        foreach (var cycle in await reads.CyclesAsync(viewer, ct))
        {
            foreach (var a in await reads.AppraisalsAsync(cycle.Id, viewer, ct))
                if (a.EmployeeNo == Portal.Caller.EmployeeNo) mine.Add((cycle, a));
        }
        return mine;
    }
}
