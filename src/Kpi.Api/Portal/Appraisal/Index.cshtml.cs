using Kpi.Api.Appraisal;
using Kpi.Api.Portal.Shared;
using Kpi.Jobs.Appraisal;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// <c>/appraisal</c>: the appraisal cycles, for HR and admins (who drive them) and executives (who read them). The list
/// is <see cref="AppraisalReads.CyclesAsync"/>, the call <c>GET /api/appraisal/cycles</c> makes.
/// </summary>
public sealed class IndexModel(PortalContext portal) : PortalPage(portal)
{
    public IReadOnlyList<CycleSummary> Cycles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromServices] AppraisalReads reads, CancellationToken ct)
    {
        if (!Portal.SeesCompany) return Refuse(403, "考核周期仅供人力资源、管理员和高管查看。", "Appraisal cycles are for HR, admins and executives.");
        Title = T("绩效考核", "Appraisals");
        Cycles = await reads.CyclesAsync(AppraisalApi.Viewer(HttpContext), ct);
        return Page();
    }
}
