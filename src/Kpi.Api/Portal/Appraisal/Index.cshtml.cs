using Kpi.Api.Appraisal;
using Kpi.Api.Portal.Shared;
using Kpi.Jobs.Appraisal;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// <c>/appraisal</c>: what waits for the viewer (<see cref="AppraisalToDo"/>), then the appraisal cycles — every cycle
/// for HR and admins (who drive them) and executives (who read them); for a manager those holding an appraisal of
/// their scope, counting those, as <see cref="AppraisalReads.CyclesAsync"/> (the call <c>GET /api/appraisal/cycles</c>
/// makes) scopes them. Employees, who read no department, have their appraisals on their home instead.
/// </summary>
public sealed class IndexModel(PortalContext portal) : PortalPage(portal)
{
    public IReadOnlyList<CycleSummary> Cycles { get; private set; } = [];

    public IReadOnlyList<ToDoItem> ToDo { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromServices] AppraisalReads reads, CancellationToken ct)
    {
        if (!Portal.SeesFigures)
            return Refuse(403, "考核周期仅供人力资源、管理员、高管和部门经理查看;您的考核在首页。", "Appraisal cycles are for HR, admins, executives and managers; your appraisals are on your home page.");
        Title = T("绩效考核", "Appraisals");
        var viewer = AppraisalApi.Viewer(HttpContext);
        Cycles = await reads.CyclesAsync(viewer, ct);
        ToDo = await AppraisalToDo.ForAsync(reads, viewer, ct);
        return Page();
    }
}
