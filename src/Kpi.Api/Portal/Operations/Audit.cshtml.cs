using Kpi.Api.Audit;
using Kpi.Api.Portal.Shared;
using Kpi.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Operations;

/// <summary><c>/operations/audit</c>: the audit trail, newest first, 50 a page, filtered by entity (the API's own query).</summary>
public sealed class AuditModel(PortalContext portal) : PortalPage(portal)
{
    public AuditApi.PageResponse Entries { get; private set; } = null!;
    public string? Entity { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? entity, long? before, [FromServices] KpiDbContext db, CancellationToken ct)
    {
        Title = T("审计记录", "Audit trail");
        Entity = entity;
        if ((await AuditApi.ListEntries(db, entity, null, before, 50, ct)).Result is not Ok<AuditApi.PageResponse> { Value: { } page })
            return Refuse(400, "查询参数有误。", "The query is not valid.");
        Entries = page;
        return Page();
    }
}
