using Hangfire;
using Kpi.Demo.Company;
using Kpi.Domain.Periods;
using Kpi.Jobs.Close;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Models;
using Kpi.Reporting.Xlsx;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Testing.Storage;
using Kpi.Testing.Time;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Testing.Jobs;

/// <summary>A stored pack as the database holds it, bytes included.</summary>
public sealed record StoredPack(StoredFileKey Key, string Sha256, long Size, byte[] Content);

/// <summary>
/// The demo company's October 2026 closed by worker processes, for tests that break the close on purpose: seed the
/// company, ask for the close the way the API does, watch its phase in the database, and compute what one uninterrupted
/// close stores, to compare with what a broken one ended with.
/// </summary>
public static class DemoClose
{
    public static readonly Period Month = Period.Month(2026, 10);

    /// <summary><see cref="Month"/> as the database and the API write it.</summary>
    public static readonly string MonthCode = Month.ToString();

    /// <summary>15 departments × (PDF + XLSX) and the executive summary.</summary>
    public const int PackCount = 31;

    private static readonly DateTime SeededAt = new(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc);

    public static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        if (await DemoSeeder.SeedIfEmptyAsync(db, new FixedClock(SeededAt), CompanyTimeZone.Default) is null)
            throw new InvalidOperationException("The database was not empty: the demo company was not seeded.");
    }

    /// <summary>Asks for the close as <c>POST /api/periods/{month}/close</c> does (<see cref="MonthlyClose"/>); returns the close job's id.</summary>
    public static async Task<string> RequestAsync(TestDatabase database, JobQueue queue)
    {
        await using var db = database.NewContext();
        var clock = TimeProvider.System;
        var close = new MonthlyClose(db, new CloseProgress(db, queue.Client, clock), queue.Client, queue.Storage, CompanyTimeZone.Default, clock);
        var request = await close.RequestAsync(Month, CloseJob.ManualTrigger, "fault-test", CancellationToken.None);
        return request.JobId ?? throw new InvalidOperationException($"The close was refused: {request.Refusal}");
    }

    /// <summary>
    /// The first half of <see cref="RequestAsync"/>: the month marked closing, as the API does before it enqueues the
    /// job. With <see cref="Enqueue"/>, for a test that must hold a lock between the two.
    /// </summary>
    public static async Task MarkClosingAsync(TestDatabase database, JobQueue queue)
    {
        await using var db = database.NewContext();
        await new CloseProgress(db, queue.Client, TimeProvider.System).RequestAsync(MonthCode, "fault-test", null, CancellationToken.None);
    }

    /// <summary>The close job, as <see cref="MonthlyClose.RequestAsync"/> enqueues it.</summary>
    public static string Enqueue(JobQueue queue) =>
        queue.Client.Enqueue<CloseJob>(j => j.RunAsync(MonthCode, CloseJob.ManualTrigger, "fault-test", CancellationToken.None));

    public static async Task<PeriodClose?> CloseAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.PeriodCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Period == MonthCode);
    }

    public static async Task<int> StoredCountAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.StoredFiles.CountAsync(f => f.Period == MonthCode);
    }

    /// <summary>Every stored file of the month, ordered by key.</summary>
    public static async Task<List<StoredPack>> StoredAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var rows = await db.StoredFiles.AsNoTracking().Where(f => f.Period == MonthCode).ToListAsync();
        return rows.Select(f => new StoredPack(new StoredFileKey(f.Report, f.Period, f.Subject, f.Version, f.Language, f.Format), f.Sha256, f.Size, f.Content))
            .OrderBy(p => p.Key.ToString(), StringComparer.Ordinal)
            .ToList();
    }

    public static async Task<List<ScorecardVersion>> VersionsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.ScorecardVersions.AsNoTracking().Where(v => v.Period == MonthCode).OrderBy(v => v.DepartmentCode).ThenBy(v => v.Version).ToListAsync();
    }

    /// <summary>
    /// The versions one uninterrupted freeze writes, made in-process on <paramref name="fresh"/> (an empty database):
    /// the demo seeded the same way and frozen once. A version's content does not depend on when it was frozen, so it
    /// can be compared with the versions of any close of the same data.
    /// </summary>
    public static async Task<List<ScorecardVersion>> CleanFreezeAsync(TestDatabase fresh)
    {
        await SeedAsync(fresh);
        await using (var db = fresh.NewContext())
            await Freezer.FreezeAsync(db, Month, CloseJob.ManualTrigger, "reference", new CloseOptions().CompanyName, CompanyTimeZone.Default, SeededAt);
        return await VersionsAsync(fresh);
    }

    /// <summary>
    /// The packs an uninterrupted close renders from the month's stored versions: for each latest version its Chinese
    /// PDF and XLSX, and the executive summary of the latest revision, rendered in-process the way
    /// <see cref="ReportFiles"/> renders them for the render jobs. Rendering is a function of the version alone (its
    /// freeze time included), so these are the bytes any close that froze these versions must have stored.
    /// </summary>
    public static async Task<List<StoredPack>> RenderedAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var zone = CompanyTimeZone.Default;
        var versions = await db.ScorecardVersions.AsNoTracking().Latest(MonthCode).OrderBy(v => v.DepartmentCode).ToListAsync();
        var packs = new List<StoredPack>();
        void Add(string report, string subject, int version, FileFormat format, byte[] bytes) =>
            packs.Add(new StoredPack(new StoredFileKey(report, MonthCode, subject, version, ReportLanguage.Zh.Code(), format.Name()),
                StoredFileStore.Sha256(bytes), bytes.LongLength, bytes));
        foreach (var version in versions)
        {
            var model = ReportModels.Department(version, ReportLanguage.Zh, zone, PackVariant.Full);
            Add(StoredFile.DepartmentReport, version.DepartmentCode, version.Version, FileFormat.Pdf, new DepartmentPackPdf(model).Render());
            Add(StoredFile.DepartmentReport, version.DepartmentCode, version.Version, FileFormat.Xlsx, new DepartmentPackXlsx(model).Render());
        }
        var revision = await db.PeriodCloses.Where(c => c.Period == MonthCode).Select(c => c.Revision).SingleAsync();
        var asOfRevision = await db.ScorecardVersions.AsNoTracking().Latest(MonthCode, revision).OrderBy(v => v.DepartmentCode).ToListAsync();
        Add(StoredFile.SummaryReport, "", revision, FileFormat.Pdf,
            new ExecutiveSummaryPdf(ReportModels.Summary(MonthCode, asOfRevision, ReportLanguage.Zh, zone)).Render());
        return packs.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToList();
    }

    /// <summary>The Hangfire state of a job (<c>Processing</c>, <c>Failed</c>, <c>Scheduled</c>…), or null when the storage does not answer.</summary>
    public static string? JobState(JobQueue queue, string jobId)
    {
        try
        {
            using var connection = queue.Storage.GetConnection();
            return connection.GetStateData(jobId)?.Name;
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>The states a job went through, oldest first, with their reasons: for assertions and failure messages.</summary>
    public static IReadOnlyList<(string State, string? Reason, string? Exception)> History(JobQueue queue, string jobId) =>
        queue.Storage.GetMonitoringApi().JobDetails(jobId).History
            .OrderBy(h => h.CreatedAt)
            .Select(h => (h.StateName, (string?)h.Reason, h.Data is not null && h.Data.TryGetValue("ExceptionMessage", out var message) ? message : (string?)null))
            .ToList();
}
