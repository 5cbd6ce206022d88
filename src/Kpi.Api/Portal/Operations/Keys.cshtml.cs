using Kpi.Api.Keys;
using Kpi.Api.Portal.Shared;
using Kpi.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Operations;

/// <summary><c>/operations/keys</c>: the API keys (their prefix only; a key's secret is shown once, when the API creates it).</summary>
public sealed class KeysModel(PortalContext portal) : PortalPage(portal)
{
    public IReadOnlyList<KeysApi.KeyResponse> Keys { get; private set; } = [];

    public async Task OnGetAsync([FromServices] KpiDbContext db, CancellationToken ct)
    {
        Title = T("API 密钥", "API keys");
        Keys = (await KeysApi.ListKeys(db, ct)).Value!;
    }
}
