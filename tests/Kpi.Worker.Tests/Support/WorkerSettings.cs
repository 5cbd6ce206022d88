using Kpi.Testing.Jobs;
using Kpi.Testing.Storage;

namespace Kpi.Worker.Tests.Support;

/// <summary>
/// How a test's worker processes are configured: the database, the data directory, how soon a dead worker's job is
/// handed out again (<c>Kpi__Jobs__InvisibilityTimeout</c>) and how many jobs a process runs at once. The monthly
/// schedule is off: the test says when a month closes.
/// </summary>
public sealed record WorkerSettings(TestDatabase Database, string DataPath, TimeSpan InvisibilityTimeout, int Workers)
{
    public Dictionary<string, string> Environment()
    {
        var settings = JobQueue.WorkerSettings(Database, DataPath);
        settings["Kpi__Jobs__InvisibilityTimeout"] = InvisibilityTimeout.ToString("c");
        settings["Kpi__Jobs__WorkerCount"] = Workers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Kpi__Close__ScheduleEnabled"] = "false";
        return settings;
    }
}

/// <summary>A worker's data directory of its own (job storage on SQLite, inbox, locks), deleted with everything in it.</summary>
public sealed class TemporaryDataDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kpi-worker-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
