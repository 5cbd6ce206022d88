using System.Text;
using Kpi.Api.Tests.Support;
using Kpi.Ingestion.Files;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Kpi.Storage.Imports;
using Kpi.Testing.Postgres;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Tests.Imports;

/// <summary>
/// The API process killed (SIGKILL) while it imports an upload: the import's transaction dies with its connection,
/// but its run stayed <c>running</c> for ever, and its upload copy stayed in the temp folder. The copy now leaves
/// nothing behind, and the recovery a host runs at start-up (<see cref="ImportRecovery.RunAtStartupAsync"/>) marks the
/// run <c>interrupted</c> once its process is gone.
/// </summary>
public sealed class KilledUploadTests : IDisposable
{
    private const int Rows = 600_000;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-killed-upload-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task UploadKilledMidImport_LeavesNoCopy_AndIsInterruptedAtTheNextStart(DatabaseProvider provider)
    {
        var connectionString = provider == DatabaseProvider.Postgres
            ? await (await PostgresServer.GetAsync()).CreateDatabaseAsync("killed-upload")
            : $"Data Source={Path.Combine(_dataDirectory, "kpi.db")}";
        using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["Kpi__DataDirectory"] = _dataDirectory,
            ["Kpi__Database__Provider"] = provider.ToString(),
            ["Kpi__Database__ConnectionString"] = connectionString,
        });
        (await api.Client.PostAsync("/api/imports/departments", KpiApp.File("code,name,parent_code\nW1,一车间,\n"u8.ToArray(), "text/csv"))).EnsureSuccessStatusCode();

        var upload = api.Client.PostAsync("/api/imports/production", KpiApp.File(ProductionCsv(), "text/csv", "big.csv"));
        await using var db = StorageServices.Create(provider, connectionString);
        ImportRun? running = null;
        await ApiProcess.Until(async () => (running = await RunningUploadAsync(db)) is not null, TimeSpan.FromSeconds(120),
            () => "the upload's import never started:\n" + api.Output);
        api.Kill();
        await Assert.ThrowsAnyAsync<Exception>(() => upload);

        // Killed mid-transaction: nothing stored, the run still says running, and no copy of the upload anywhere.
        Assert.Equal(0, await db.Production.CountAsync());
        Assert.Equal(ImportStatus.Running, (await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == running!.Id)).Status);
        Assert.Empty(Directory.EnumerateFiles(api.TempDirectory, "*", SearchOption.AllDirectories));
        var spool = ImportSpool.FolderIn(_dataDirectory);
        Assert.True(!Directory.Exists(spool) || !Directory.EnumerateFiles(spool).Any());

        // The next start. PostgreSQL drops the dead session (and the run's lock) once it sees the socket closed.
        var interrupted = new List<long>();
        await ApiProcess.Until(async () =>
        {
            interrupted.AddRange((await ImportRecovery.RunAtStartupAsync(db, spool, TimeProvider.System)).RunsInterrupted);
            return interrupted.Count > 0;
        }, TimeSpan.FromSeconds(60), () => "the killed upload's run was never taken for abandoned");

        Assert.Equal([running!.Id], interrupted);
        var run = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == running.Id);
        Assert.Equal((ImportStatus.Interrupted, ImportRecovery.InterruptedReason), (run.Status, run.Error));
    }

    private static byte[] ProductionCsv()
    {
        var csv = new StringBuilder("record_id,department,date,planned_qty,actual_qty\n", Rows * 40);
        var first = new DateOnly(2025, 1, 1);
        for (var i = 0; i < Rows; i++) csv.Append($"P{i:D7},W1,{first.AddDays(i % 700):yyyy-MM-dd},{100 + i % 50},{95 + i % 7}\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static async Task<ImportRun?> RunningUploadAsync(KpiDbContext db) =>
        await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Kind == "production" && r.Source == "upload" && r.Status == ImportStatus.Running);
}
