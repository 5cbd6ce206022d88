using Kpi.Api.Portal.Shared;
using Kpi.Domain.Periods;
using Kpi.Jobs.Close;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Packs;

/// <summary>
/// <c>/packs</c> and <c>/packs/{period}</c>: the closed months, and for one month each department the caller may see
/// with its versions, what changed and why, and the PDF/XLSX downloads (the pack API's own links, which the session
/// cookie opens). The month's state comes from <see cref="MonthlyClose.DescribeAsync"/>, scoped as the API scopes it.
/// </summary>
public sealed class IndexModel(PortalContext portal) : PortalPage(portal)
{
    public IReadOnlyList<PeriodSummary> Closes { get; private set; } = [];
    public PeriodStatus? Month { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? period, [FromServices] MonthlyClose close, CancellationToken ct)
    {
        Closes = (await close.ListAsync(ct)).Where(c => c.Revision > 0).ToList();
        Title = T("报告包", "Report packs");
        var chosen = period ?? Closes.FirstOrDefault()?.Period;
        if (chosen is null) return Page();
        if (!Period.TryParse(chosen, out var p, out var error) || p.Kind != PeriodKind.Month)
            return Refuse(400, $"“{chosen}”不是月份:{error}", $"'{chosen}' is not a month: {error ?? "packs are monthly"}");
        Month = await close.DescribeAsync(p.ToString(), Portal.Caller.Scope, ct);
        Title = $"{T("报告包", "Report packs")} · {Portal.Labels.Period(p)}";
        return Page();
    }
}
