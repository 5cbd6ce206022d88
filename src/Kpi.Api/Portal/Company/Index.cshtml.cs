using Kpi.Api.Portal.Shared;
using Kpi.Domain.Periods;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Close;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Portal.Company;

/// <summary>
/// <c>/company</c> and <c>/company/{period}</c> (admins, HR, executives): a closed month's executive summary — the
/// company's headline, the ranking of its units, every red flag, the score's 13-month trend — built by
/// <see cref="ReportModels.Summary"/> from the latest frozen versions, so it says what the summary PDF says.
/// </summary>
public sealed class IndexModel(PortalContext portal) : PortalPage(portal)
{
    public ExecutiveSummaryModel? Summary { get; private set; }
    public IReadOnlyList<string> Closed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? period, [FromServices] KpiDbContext db, [FromServices] CompanyTimeZone zone, CancellationToken ct)
    {
        Title = T("公司视图", "Company view");
        Closed = await db.PeriodCloses.AsNoTracking().Where(c => c.Revision > 0).OrderByDescending(c => c.Period).Select(c => c.Period).ToListAsync(ct);
        var chosen = period ?? Closed.FirstOrDefault();
        if (chosen is null) return Page();
        if (!Period.TryParse(chosen, out var p, out var error) || p.Kind != PeriodKind.Month)
            return Refuse(400, $"“{chosen}”不是月份:{error}", $"'{chosen}' is not a month: {error ?? "the summary is monthly"}");
        var versions = await Freezer.LatestVersionRowsAsync(db, p.ToString(), ct);
        if (versions.Count == 0) return Refuse(404, $"{p} 尚未结账。", $"{p} has not been closed.");
        Summary = ReportModels.Summary(p.ToString(), versions, Portal.Language, zone);
        Title = $"{Title} · {Portal.Labels.Period(p)}";
        return Page();
    }
}
