using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Storage.Imports;
using Kpi.Testing.Storage;

namespace Kpi.Jobs.Tests.Close;

/// <summary>The watermark below which every import run has finished: what a freeze can be sure it has seen.</summary>
public sealed class LateRecordsTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Now = new(2026, 11, 3, 8, 0, 0, DateTimeKind.Utc);

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task Watermark_StopsBelowARunStillRunning_AndIgnoresOneAbandonedLongAgo(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "watermark");
        await using var db = database.NewContext();
        Assert.Equal(0, await LateRecords.WatermarkAsync(db, Now));

        var done = Run(ImportStatus.Succeeded, Now.AddMinutes(-30));
        var running = Run(ImportStatus.Running, Now.AddMinutes(-5));
        var after = Run(ImportStatus.Succeeded, Now.AddMinutes(-1));
        var abandoned = Run(ImportStatus.Running, Now - LateRecords.AbandonedAfter - TimeSpan.FromHours(1));
        db.ImportRuns.AddRange(abandoned, done, running, after);
        await db.SaveChangesAsync();

        // The running import may commit its rows at any moment: nothing from it on is certain.
        Assert.Equal(running.Id - 1, await LateRecords.WatermarkAsync(db, Now));

        running.Status = ImportStatus.Succeeded;
        await db.SaveChangesAsync();
        Assert.Equal(after.Id, await LateRecords.WatermarkAsync(db, Now));
    }

    private static ImportRun Run(ImportStatus status, DateTime startedAt) =>
        new() { Kind = "production", Source = "test", StartedAt = startedAt, Status = status, Inserted = 1 };
}
