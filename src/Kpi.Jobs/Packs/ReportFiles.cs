using Kpi.Domain.Access;
using Kpi.Domain.Organisation;
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
/// request gets the same bytes. The close renders the full Chinese PDF and XLSX ahead; other languages, and the
/// restricted variant (<see cref="PackVariant"/>), render on first request.
/// </summary>
public sealed class ReportFiles(KpiDbContext db, CompanyTimeZone zone, TimeProvider clock)
{
    /// <summary>
    /// The pack a reader may have: the variant <see cref="PackVariants.For(ScorecardVersion, AccessScope, OrgTree)"/> chooses
    /// for their scope. Every route that hands a department pack to a person (downloads, the zip, mails) goes through here.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reader may not see the version's department.</exception>
    public Task<StoredFileInfo> DepartmentForAsync(ScorecardVersion version, AccessScope reader, OrgTree tree, ReportLanguage language, FileFormat format,
        CancellationToken ct = default) =>
        DepartmentAsync(version, PackVariants.For(version, reader, tree), language, format, ct);

    /// <summary>One variant of a department pack, whoever reads it: for the close's renders and for callers that chose the variant.</summary>
    public async Task<StoredFileInfo> DepartmentAsync(ScorecardVersion version, PackVariant variant, ReportLanguage language, FileFormat format,
        CancellationToken ct = default)
    {
        var key = new StoredFileKey(variant.Report(), version.Period, version.DepartmentCode, version.Version, language.Code(), format.Name());
        if (await db.FindAsync(key, ct) is { } stored) return stored;
        var model = ReportModels.Department(version, language, zone, variant);
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
