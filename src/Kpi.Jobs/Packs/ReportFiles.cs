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
public sealed class ReportFiles(KpiDbContext db, CompanyTimeZone zone, TimeProvider clock)
{
    public async Task<StoredFileInfo> DepartmentAsync(ScorecardVersion version, ReportLanguage language, FileFormat format, CancellationToken ct = default)
    {
        var key = new StoredFileKey(StoredFile.DepartmentReport, version.Period, version.DepartmentCode, version.Version, language.Code(), format.Name());
        if (await db.FindAsync(key, ct) is { } stored) return stored;
        var model = ReportModels.Department(version, language, zone);
        var bytes = format == FileFormat.Xlsx ? new DepartmentPackXlsx(model).Render() : new DepartmentPackPdf(model).Render();
        return await db.SaveAsync(key, bytes, format.ContentType(), clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>The executive summary of a revision of the period, or null when nothing of the period was frozen by then.</summary>
    public async Task<StoredFileInfo?> SummaryAsync(string period, int revision, ReportLanguage language, CancellationToken ct = default)
    {
        var key = new StoredFileKey(StoredFile.SummaryReport, period, "", revision, language.Code(), FileFormat.Pdf.Name());
        if (await db.FindAsync(key, ct) is { } stored) return stored;
        var versions = await AsOfRevisionAsync(period, revision, ct);
        if (versions.Count == 0) return null;
        var bytes = new ExecutiveSummaryPdf(ReportModels.Summary(period, versions, language, zone)).Render();
        return await db.SaveAsync(key, bytes, FileFormat.Pdf.ContentType(), clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>For each department, its latest version frozen in or before the revision: the period as that revision stated it.</summary>
    public Task<List<ScorecardVersion>> AsOfRevisionAsync(string period, int revision, CancellationToken ct = default) =>
        db.ScorecardVersions.AsNoTracking().Latest(period, revision)
            .OrderBy(v => v.DepartmentCode)
            .ToListAsync(ct);
}
