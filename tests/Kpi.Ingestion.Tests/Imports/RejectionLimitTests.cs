using System.Text;
using Kpi.Domain.Records;
using Kpi.Ingestion.Files;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Kpi.Storage.Imports;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;
using static Kpi.Ingestion.Tests.Imports.ImporterDatabase;

namespace Kpi.Ingestion.Tests.Imports;

/// <summary>
/// Rejected rows cost storage and time: 3.4 MB of JSON once stored 800,000 rejections in 48 s, holding the kind's lock
/// meanwhile. A run keeps its first 1,000 rejections and counts the rest; a file whose first 1,000 rows are all
/// refused is refused whole, after reading no further.
/// </summary>
public sealed class RejectionLimitTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string ProductionHeader = "record_id,department,date,planned_qty,actual_qty\n";

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task ThousandsOfRejectedRows_KeepTheFirstThousandRejections_AndCountThemAll(DatabaseProvider provider)
    {
        var database = await CreateAsync(databases, provider, "rejection-cap");
        var csv = new StringBuilder(ProductionHeader).Append("P0,W1,2026-10-01,10,9\n");
        for (var i = 1; i < 5_000; i++) csv.Append($"P{i},W1,2026-10-01,-1,lots\n"); // two rejections a row

        await using var db = database.NewContext();
        var outcome = await Importer(db).ImportFileAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "many.csv",
            RecordKind.Production, "text/csv", Upload);

        Assert.Equal(ImportStatus.Succeeded, outcome.Status);
        Assert.Equal((1L, 4_999L, 9_998L), (outcome.Accepted, outcome.RejectedRows, outcome.RejectionCount));
        Assert.Equal(RecordImporter.MaxRejectionsStored, outcome.Rejections.Count);
        await using var read = database.NewContext();
        var stored = await read.ImportRejections.Where(r => r.RunId == outcome.RunId).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(1_001, stored.Count);
        // 500 rows' two rejections each are kept (lines 3 to 502); the last says what was not.
        Assert.Equal((3, 502), (stored[0].Line, stored[999].Line));
        var notKept = stored[^1];
        Assert.Equal((0, ""), (notKept.Line, notKept.Column));
        Assert.Equal("8,998 more rejections, on 4,499 more rows, were counted but not kept: a run keeps its first 1,000", notKept.Reason);
        Assert.Null(notKept.Department); // not any department's data-quality problem
        Assert.Equal(4_999, (await read.ImportRuns.SingleAsync(r => r.Id == outcome.RunId)).RejectedRows);
    }

    /// <summary>The issue's file: 3.4 MB of empty JSON objects, each row refused for five missing columns.</summary>
    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task FileWhoseFirstThousandRowsAreAllRefused_IsRefusedWhole_HavingReadLittleOfIt(DatabaseProvider provider)
    {
        var database = await CreateAsync(databases, provider, "all-rejected");
        var json = new StringBuilder("[\n");
        for (var i = 0; i < 850_000; i++) json.Append("{},\n");
        json.Append("{}\n]");
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        Assert.InRange(bytes.Length, 3_400_000, 3_500_000);
        var upload = new CountingStream(new MemoryStream(bytes));

        await using var db = database.NewContext();
        var outcome = await Importer(db).ImportFileAsync(upload, "flood.json", RecordKind.Production, "application/json", Upload);

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        Assert.Equal("File 'flood.json' is refused: its first 1,000 rows were all refused, so it is not taken for records of kind 'production'; " +
                     "the first reasons: line 2 record_id: is required; line 2 department: is required; line 2 date: is required (line 2).",
            outcome.Error);
        Assert.Equal((0L, 0L, 0L), (outcome.Accepted, outcome.RejectedRows, outcome.RejectionCount));
        Assert.True(upload.BytesRead < 1_000_000, $"read {upload.BytesRead:N0} of {bytes.Length:N0} bytes");
        await using var read = database.NewContext();
        Assert.Equal(0, await read.ImportRejections.CountAsync());
        Assert.Equal(0, await read.Production.CountAsync());
        Assert.Equal(ImportStatus.Refused, (await read.ImportRuns.SingleAsync(r => r.Id == outcome.RunId)).Status);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task FewRowsAllRefused_AreStillKeptAsRejections(DatabaseProvider provider)
    {
        var database = await CreateAsync(databases, provider, "few-rejected");
        var csv = ProductionHeader + "P1,W1,2026-10-01,-1,9\nP2,NOPE,2026-10-01,1,1\n";

        await using var db = database.NewContext();
        var outcome = await Importer(db).ImportFileAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "few.csv", RecordKind.Production, "text/csv", Upload);

        Assert.Equal(ImportStatus.Succeeded, outcome.Status);
        Assert.Equal(2, outcome.RejectedRows);
        await using var read = database.NewContext();
        Assert.Equal(2, await read.ImportRejections.CountAsync(r => r.RunId == outcome.RunId));
    }

    /// <summary>A source's pull is not a file someone picked: its refused rows are kept (up to the cap) like any others.</summary>
    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task PullWhoseRowsAreAllRefused_IsNotRefusedWhole_ButItsRejectionsAreCapped(DatabaseProvider provider)
    {
        var database = await CreateAsync(databases, provider, "pull-rejected");
        var rows = Enumerable.Range(1, 1_500).Select(i => new SourceRow(i, column => column == "record_id" ? $"P{i}" : null, [], () => $"P{i}"));

        await using var db = database.NewContext();
        var outcome = await Importer(db).ImportAsync(RecordKind.Production, rows, new ImportOrigin("mes", "source:mes"));

        Assert.Equal(ImportStatus.Succeeded, outcome.Status);
        Assert.Equal((1_500L, 6_000L), (outcome.RejectedRows, outcome.RejectionCount));
        await using var read = database.NewContext();
        Assert.Equal(1_001, await read.ImportRejections.CountAsync(r => r.RunId == outcome.RunId));
    }

    /// <summary>The issue's header: half a million one-letter columns, which made a 2.5 MB error, stored and served.</summary>
    [Fact]
    public void HeaderOfHalfAMillionColumns_IsRefusedInAShortMessage()
    {
        var header = "record_id,department,date,planned_qty,actual_qty," + string.Join(",", Enumerable.Range(0, 499_970).Select(i => (char)('a' + i % 26)));

        var e = Assert.Throws<FileRefusedException>(() =>
            ImportFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(header + "\n")), "wide.csv", RecordKind.Production, "text/csv"));

        Assert.Equal("File 'wide.csv' is refused: the header (line 1) does not match the production columns: " +
                     "unknown columns 'a', 'b', 'c', 'd', 'e' and 21 more. Expected record_id,department,date,planned_qty,actual_qty (line 1).",
            e.Message);
    }

    [Fact]
    public void JsonPropertyNameOfAMegabyte_IsQuotedBriefly()
    {
        var json = $"[{{\"{new string('x', 900_000)}\":1}}]";

        var e = Assert.Throws<FileRefusedException>(() =>
            ImportFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(json)), "odd.json", RecordKind.Production, "application/json").ReadRows().ToList());

        Assert.Contains($"has the property '{new string('x', 39)}…', which is not a production column", e.Message);
        Assert.True(e.Message.Length < 300, e.Message);
    }
}
