using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Kpi.Domain.Access;
using Kpi.Domain.Periods;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Jobs.Packs;

/// <summary>
/// The latest packs of every department a reader may see for a month, as one zip, each in the variant the reader's
/// scope gets (<see cref="PackVariants"/>). Entries are named as the single downloads are and written in name order
/// with the freeze time as their date, so the same packs always make the same archive; its ETag is the hash of the
/// entries' names and hashes, known before a byte is written.
/// </summary>
public sealed class PackArchive(KpiDbContext db, ReportFiles files, CompanyTimeZone zone)
{
    public const string ContentType = "application/zip";

    public sealed record Entry(string Name, StoredFileInfo File, DateTime FrozenAt);

    /// <summary>What the zip will hold; <see cref="Entries"/> is empty when the reader may see no pack of the month.</summary>
    public sealed record Plan(string Period, ReportLanguage Language, IReadOnlyList<Entry> Entries, string ETag, bool PeriodClosed);

    public async Task<Plan> PlanAsync(Period month, ReportLanguage language, IReadOnlyList<FileFormat> formats, AccessScope scope, CancellationToken ct)
    {
        var period = month.ToString();
        var org = await db.LoadOrganisationAsync(ct);
        var latest = (await db.ScorecardVersions.AsNoTracking().Latest(period).OrderBy(v => v.DepartmentCode).ToListAsync(ct))
            .Where(v => scope.CanSee(org.Tree, v.DepartmentCode))
            .ToList();
        if (latest.Count == 0)
            return new Plan(period, language, [], "", await db.PeriodCloses.AnyAsync(c => c.Period == period && c.Revision > 0, ct));

        var entries = new List<Entry>();
        foreach (var row in latest)
        {
            foreach (var format in formats)
            {
                var file = await files.DepartmentForAsync(row, scope, org.Tree, language, format, ct);
                var name = ReportFileNames.Department(row.DepartmentCode, org.Tree.Get(row.DepartmentCode).Name, period, row.Version, language, format).Display;
                entries.Add(new Entry(name, file, row.FrozenAt));
            }
        }
        // Two departments may share a name (一车间 under two plants): their codes tell the files apart.
        var clashing = entries.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        entries = entries.Select(e => clashing.Contains(e.Name) ? e with { Name = $"{e.File.Key.Subject}-{e.Name}" } : e)
            .OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

        var manifest = string.Join("\n", entries.Select(e => $"{e.Name}:{e.File.Sha256}"));
        var etag = $"\"zip-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)))}\"";
        return new Plan(period, language, entries, etag, PeriodClosed: true);
    }

    /// <summary>
    /// Writes the planned zip to a temporary file that deletes itself when the returned stream is closed: the archive may
    /// hold hundreds of packs, and a web server takes only asynchronous writes.
    /// </summary>
    public async Task<Stream> WriteAsync(Plan plan, CancellationToken ct)
    {
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            using (var zip = new ZipArchive(spool, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
            {
                foreach (var entry in plan.Entries)
                {
                    var zipped = zip.CreateEntry(entry.Name, CompressionLevel.Optimal);
                    // Zip dates are wall-clock times without a zone: the company's, so no server's own zone can change the bytes.
                    zipped.LastWriteTime = ReportModels.Local(entry.FrozenAt, zone);
                    await using var content = zipped.Open();
                    await content.WriteAsync(await db.ContentAsync(entry.File.Id, ct), ct);
                }
            }
            spool.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }
}
