using Kpi.Domain.Periods;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Models;
using Kpi.Reporting.Xlsx;
using Kpi.Storage;
using Kpi.Storage.Close;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Jobs.Packs;

/// <summary>
/// Gets a pack: the stored one when it exists, else rendered from its frozen version and stored, so that every later
/// request gets the same bytes. The close renders Chinese PDF and XLSX ahead; other languages render on first request.
/// </summary>
public sealed class PackRenderer(KpiDbContext db, CompanyTimeZone zone, TimeProvider clock)
{
    public async Task<PackInfo> DepartmentAsync(ScorecardVersion version, ReportLanguage language, PackFormat format, CancellationToken ct = default)
    {
        var key = new PackKey(StoredPack.DepartmentReport, version.Period, version.DepartmentCode, version.Version, language.Code(), format.Name());
        if (await db.FindAsync(key, ct) is { } stored) return stored;
        var model = PackModels.Department(version, language, zone);
        var bytes = format == PackFormat.Xlsx ? new DepartmentPackXlsx(model).Render() : new DepartmentPackPdf(model).Render();
        return await db.SaveAsync(key, bytes, format.ContentType(), clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>The executive summary of a revision of the period, or null when nothing of the period was frozen by then.</summary>
    public async Task<PackInfo?> SummaryAsync(string period, int revision, ReportLanguage language, CancellationToken ct = default)
    {
        var key = new PackKey(StoredPack.SummaryReport, period, "", revision, language.Code(), PackFormat.Pdf.Name());
        if (await db.FindAsync(key, ct) is { } stored) return stored;
        var versions = await AsOfRevisionAsync(period, revision, ct);
        if (versions.Count == 0) return null;
        var bytes = new ExecutiveSummaryPdf(PackModels.Summary(period, versions, language, zone)).Render();
        return await db.SaveAsync(key, bytes, PackFormat.Pdf.ContentType(), clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>For each department, its latest version frozen in or before the revision: the period as that revision stated it.</summary>
    public Task<List<ScorecardVersion>> AsOfRevisionAsync(string period, int revision, CancellationToken ct = default) =>
        db.ScorecardVersions.AsNoTracking()
            .Where(v => v.Period == period && v.Revision <= revision && v.Version == db.ScorecardVersions
                .Where(o => o.Period == v.Period && o.DepartmentId == v.DepartmentId && o.Revision <= revision).Max(o => o.Version))
            .OrderBy(v => v.DepartmentCode)
            .ToListAsync(ct);
}
