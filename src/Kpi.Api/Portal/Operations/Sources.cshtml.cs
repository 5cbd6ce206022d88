using Kpi.Api.Portal.Shared;
using Kpi.Api.Sources;
using Kpi.Ingestion.Sources.Connectors;
using Kpi.Jobs.Sources;
using Kpi.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Operations;

/// <summary><c>/operations/sources</c>: the scheduled sources with their schedule and watermark, and each one's latest runs.</summary>
public sealed class SourcesModel(PortalContext portal) : PortalPage(portal)
{
    public IReadOnlyList<(SourcesApi.SourceResponse Source, IReadOnlyList<SourcesApi.RunResponse> Runs)> Sources { get; private set; } = [];

    public async Task OnGetAsync([FromServices] KpiDbContext db, [FromServices] SourceConnectors connectors, [FromServices] SourceSchedules schedules,
        CancellationToken ct)
    {
        Title = T("数据源", "Sources");
        var list = new List<(SourcesApi.SourceResponse, IReadOnlyList<SourcesApi.RunResponse>)>();
        foreach (var s in (await SourcesApi.ListSources(db, connectors, schedules, ct)).Value!)
        {
            var runs = (await SourcesApi.ListRuns(s.Name, 5, db, ct)).Result is Microsoft.AspNetCore.Http.HttpResults.Ok<List<SourcesApi.RunResponse>> ok ? ok.Value! : [];
            list.Add((s, runs));
        }
        Sources = list;
    }
}
