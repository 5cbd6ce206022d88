using Kpi.Api.Portal.Shared;
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
/// figures, on their account.
/// </summary>
public sealed class IndexModel(PortalContext portal) : PortalPage(portal)
{
    public async Task<IActionResult> OnGetAsync([FromServices] KpiDbContext db, [FromServices] CompanyTimeZone zone, [FromServices] TimeProvider clock,
        CancellationToken ct)
    {
        var caller = Portal.Caller;
        switch (caller.Role)
        {
            case Roles.Admin: return Redirect("/operations");
            case Roles.Hr or Roles.Executive: return Redirect("/company");
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
                return Page();
        }
    }
}
