using Kpi.Api.Imports;
using Kpi.Api.Portal.Shared;
using Kpi.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Operations;

/// <summary><c>/operations/imports/{id}</c>: one import run — its counts and every refused row with line, column and reason.</summary>
public sealed class ImportModel(PortalContext portal) : PortalPage(portal)
{
    public ImportsApi.RunDetailResponse Run { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, [FromServices] KpiDbContext db, CancellationToken ct)
    {
        if ((await ImportsApi.GetRun(id, db, ct)).Result is not Ok<ImportsApi.RunDetailResponse> { Value: { } run })
            return Refuse(404, $"没有导入 #{id}。", $"There is no import #{id}.");
        Run = run;
        Title = T($"导入 #{id}", $"Import #{id}");
        return Page();
    }
}
