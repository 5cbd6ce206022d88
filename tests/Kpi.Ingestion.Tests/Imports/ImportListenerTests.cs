using System.Text;
using Kpi.Domain.Records;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Kpi.Storage.Imports;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;
using static Kpi.Ingestion.Tests.Imports.ImporterDatabase;

namespace Kpi.Ingestion.Tests.Imports;

/// <summary>
/// What listens for committed imports (the restatement request) hears of them after the commit: a listener that fails
/// cannot turn stored records into a "failed" import, nor a source pull around it into a failed run.
/// </summary>
public sealed class ImportListenerTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static MemoryStream Csv(string rows) =>
        new(Encoding.UTF8.GetBytes("record_id,department,date,planned_qty,actual_qty\n" + rows));

    [Fact]
    public async Task AListenerThatFails_LeavesTheCommittedImportSucceeded_AndTheOthersStillHear()
    {
        var database = await CreateAsync(databases, DatabaseProvider.Sqlite, "listener-fails");
        var heard = new Heard();

        await using var db = database.NewContext();
        var outcome = await Importer(db, null, new Failing(), heard)
            .ImportFileAsync(Csv("P1,W1,2026-10-01,10,9\nP2,W1,2026-10-02,10,10\n"), "october.csv", RecordKind.Production, "text/csv", Upload);

        Assert.Equal((ImportStatus.Succeeded, 2L), (outcome.Status, outcome.Accepted));
        Assert.Equal([outcome.RunId], heard.Runs);
        await using var read = database.NewContext();
        Assert.Equal(ImportStatus.Succeeded, (await read.ImportRuns.SingleAsync(r => r.Id == outcome.RunId)).Status);
        Assert.Equal(2, await read.Production.CountAsync());
    }

    [Fact]
    public async Task AnImportThatStoredNothingNew_IsNotTold()
    {
        var database = await CreateAsync(databases, DatabaseProvider.Sqlite, "listener-unchanged");
        var heard = new Heard();
        await using var db = database.NewContext();
        var importer = Importer(db, null, heard);

        var first = await importer.ImportFileAsync(Csv("P1,W1,2026-10-01,10,9\n"), "a.csv", RecordKind.Production, "text/csv", Upload);
        var again = await importer.ImportFileAsync(Csv("P1,W1,2026-10-01,10,9\n"), "a.csv", RecordKind.Production, "text/csv", Upload);

        Assert.Equal((1L, 1L), (first.Accepted, again.Unchanged));
        Assert.Equal([first.RunId], heard.Runs);
    }

    private sealed class Failing : IImportCommitted
    {
        public void Committed(ImportOutcome outcome) => throw new InvalidOperationException("database is locked");
    }

    private sealed class Heard : IImportCommitted
    {
        public List<long> Runs { get; } = [];
        public void Committed(ImportOutcome outcome) => Runs.Add(outcome.RunId);
    }
}
