using System.IO.Compression;
using Kpi.Domain.Records;
using Kpi.Ingestion.Files;
using static Kpi.Ingestion.Tests.Files.RawXlsx;

namespace Kpi.Ingestion.Tests.Files;

/// <summary>
/// Small XLSX files built to cost gigabytes, and references that broke the reader: each is refused or made a row error,
/// naming the cell or part, before anything large is held. Files are opened from disk, as the inbox opens them; an
/// upload goes through the same reader. Memory is checked cheaply: by what the refusal says it refused (a part
/// refused before it is read), and by the bytes this thread allocated while a long cell was read.
/// </summary>
public sealed class HostileXlsxTests : IDisposable
{
    private const string HoursHeader = "<row r=\"1\">" +
        "<c r=\"A1\" t=\"inlineStr\"><is><t>record_id</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>department</t></is></c>" +
        "<c r=\"C1\" t=\"inlineStr\"><is><t>date</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>hours</t></is></c></row>";

    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private List<ImportRow> Read(byte[] bytes, ImportFileOptions? options = null, string name = "hostile.xlsx")
    {
        using var file = ImportFile.Open(_folder.Write(name, bytes), RecordKind.Hours, options);
        return [.. file.ReadRows()];
    }

    private FileRefusedException Refused(byte[] bytes, ImportFileOptions? options = null) =>
        Assert.Throws<FileRefusedException>(() => Read(bytes, options));

    [Theory]
    [InlineData("ZZZZZZ1")]    // 321 million columns: the header row alone took 1.2 GB
    [InlineData("ZZZZZZZZZ1")] // overflowed the column number: an IndexOutOfRangeException, a 500 and a failed run
    [InlineData("XFE1")]       // one past the last column a sheet has
    [InlineData("A-1")]
    public void HeaderCellBeyondColumnXfd_RefusesTheFileNamingTheCell(string reference)
    {
        var bytes = Build(w => w.Write($"<row r=\"1\">{InlineCell("A1", "record_id")}{InlineCell(reference, "hours")}</row>"));

        var e = Refused(bytes);

        Assert.Equal(1, e.Line);
        Assert.Equal($"cell '{reference}' (row 1 of its first sheet) is not a cell reference such as B2, or lies beyond column XFD, the last column a sheet has",
            e.Problem);
    }

    [Fact]
    public void CellInColumnXfd_IsStillACell()
    {
        var bytes = Build(w => w.Write(HoursHeader.Replace("</row>", InlineCell("XFD1", "remarks") + "</row>")));

        var e = Refused(bytes);

        Assert.Contains("unknown column 'remarks'", e.Problem);
    }

    [Fact]
    public void DataCellBeyondColumnXfd_RefusesTheFileNamingCellAndRow()
    {
        var bytes = Build(w =>
        {
            w.Write(HoursHeader);
            w.Write(Row(2, "H1", "PRD", "2026-10-01", "8"));
            w.Write($"<row r=\"7\">{InlineCell("A7", "H2")}{InlineCell("AAAA7", "8")}</row>");
        });

        var e = Refused(bytes);

        Assert.Equal(7, e.Line);
        Assert.StartsWith("cell 'AAAA7' (row 7 of its first sheet)", e.Problem);
    }

    [Fact]
    public void CellsWithoutReferencesRunningPastXfd_RefuseTheFile()
    {
        var bytes = Build(w =>
        {
            w.Write(HoursHeader);
            w.Write("<row r=\"2\">");
            for (var i = 0; i <= 16_384; i++) w.Write("<c><v>1</v></c>");
            w.Write("</row>");
        });

        Assert.Equal("row 2 of its first sheet has a cell beyond column XFD, the last column a sheet has", Refused(bytes).Problem);
    }

    [Fact]
    public void RowNumberBeyondTheSheet_RefusesTheFile()
    {
        var bytes = Build(w => w.Write(HoursHeader + Row(2, "H1", "PRD", "2026-10-01", "8").Replace("r=\"2\"", "r=\"99999999999\"")));

        Assert.StartsWith("its first sheet has a row numbered '99999999999'", Refused(bytes).Problem);
    }

    /// <summary>The issue's file: a 257 KB workbook whose one cell holds 256 million characters (it took 2 GB and answered 200).</summary>
    [Fact]
    public void CellOfAQuarterBillionCharacters_IsRefusedBeforeItsPartIsUnpacked()
    {
        var bytes = Build(w =>
        {
            w.Write(HoursHeader);
            w.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
            Repeat(w, 'A', 256_000_000);
            w.Write("</t></is></c></row>");
        });
        Assert.InRange(bytes.Length, 1, 400_000);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var e = Refused(bytes);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.StartsWith("its part 'xl/worksheets/sheet1.xml' is compressed ", e.Problem);
        Assert.EndsWith("no spreadsheet is compressed beyond 200:1", e.Problem);
        // Refused from the zip's directory: the 256 MB part was never unpacked, let alone held as 512 MB of UTF-16.
        Assert.True(allocated < 4_000_000, $"allocated {allocated:N0} bytes");
    }

    /// <summary>The issue's other file: a shared string of 190 million characters (+1.3 GB).</summary>
    [Fact]
    public void SharedStringOfHundredsOfMillionsOfCharacters_IsRefusedBeforeItsPartIsUnpacked()
    {
        var bytes = Build(
            w => w.Write(HoursHeader + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>"),
            sst =>
            {
                sst.Write("<si><t>");
                Repeat(sst, '0', 190_000_000);
                sst.Write("</t></si>");
            });

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var e = Refused(bytes);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.StartsWith("its part 'xl/sharedStrings.xml' is compressed ", e.Problem);
        Assert.True(allocated < 4_000_000, $"allocated {allocated:N0} bytes");
    }

    /// <summary>
    /// A long cell that compresses as ordinary text does, so no zip check stops it: its row is a row error, and the
    /// reader skips the text in chunks instead of gathering it (the whole value would be 8 MB as a string, and as much
    /// again in the XML reader's buffer).
    /// </summary>
    [Fact]
    public void LongCellThatCompressesLikeText_IsARowError_AndIsNeverHeldWhole()
    {
        var bytes = Build(w =>
        {
            w.Write(HoursHeader);
            w.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
            RandomLetters(w, 4_000_000);
            w.Write("</t></is></c>");
            w.Write(InlineCell("B2", "PRD") + InlineCell("C2", "2026-10-01") + "<c r=\"D2\"><v>8</v></c></row>");
            w.Write(Row(3, "H2", "PRD", "2026-10-02", "7.5"));
        });

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var rows = Read(bytes);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(new RowError(2, "record_id", "is longer than 10000 characters"), Assert.Single(rows[0].Errors));
        Assert.Equal("PRD", rows[0].Get("department"));
        Assert.Empty(rows[1].Errors);
        Assert.True(allocated < 2_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void LongSharedString_IsARowErrorForTheCellsThatUseIt_AndIsNeverHeldWhole()
    {
        var bytes = Build(
            w => w.Write(HoursHeader +
                         "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\"><v>2</v></c><c r=\"D2\"><v>8</v></c></row>" +
                         "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c><c r=\"B3\" t=\"s\"><v>0</v></c><c r=\"C3\" t=\"s\"><v>2</v></c><c r=\"D3\"><v>8</v></c></row>"),
            sst =>
            {
                sst.Write("<si><t>PRD</t></si><si><r><t>");
                RandomLetters(sst, 3_000_000);
                sst.Write("</t></r></si><si><t>2026-10-01</t></si><si><t>H2</t></si>");
            });

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var rows = Read(bytes);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(new RowError(2, "record_id", "is longer than 10000 characters"), Assert.Single(rows[0].Errors));
        Assert.Equal(("H2", "PRD"), (rows[1].Get("record_id"), rows[1].Get("department")));
        Assert.Empty(rows[1].Errors);
        Assert.True(allocated < 2_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void PartLargerThanTheLimit_IsRefusedNamingThePart()
    {
        var bytes = Build(w =>
        {
            w.Write(HoursHeader);
            for (var r = 2; r < 2_000; r++) w.Write(Row(r, $"H{r}", "PRD", "2026-10-01", "8"));
        });

        var e = Refused(bytes, new ImportFileOptions { MaxXlsxPartBytes = 100_000 });

        Assert.Matches(@"^its part 'xl/worksheets/sheet1\.xml' expands to [0-9,]+ bytes, more than the 100,000 an import reads$", e.Problem);
    }

    [Fact]
    public void ZipOfTensOfThousandsOfParts_IsRefusedBeforeItsDirectoryIsRead()
    {
        var bytes = Build(w => w.Write(HoursHeader), more: zip =>
        {
            for (var i = 0; i < 20_000; i++) zip.CreateEntry($"x/{i}", CompressionLevel.NoCompression);
        });

        Assert.Equal("its zip has 20,005 parts; a workbook has a few dozen, and an import reads at most 10,000", Refused(bytes).Problem);
    }

    [Fact]
    public void MoreSharedStringsThanTheLimit_IsRefused()
    {
        var bytes = Build(w => w.Write(HoursHeader), sst =>
        {
            for (var i = 0; i < 101; i++) sst.Write("<si/>");
        });

        Assert.Equal("its shared strings are more than 100", Refused(bytes, new ImportFileOptions { MaxSharedStrings = 100 }).Problem);
    }

    [Fact]
    public void HeaderOfThousandsOfUnknownColumns_IsRefusedInAShortMessage()
    {
        var bytes = Build(w =>
        {
            w.Write("<row r=\"1\">" + InlineCell("A1", "record_id"));
            for (var i = 1; i < 16_384; i++) w.Write($"<c t=\"inlineStr\"><is><t>extra{i % 5000}</t></is></c>");
            w.Write("</row>");
        });

        var e = Refused(bytes);

        Assert.Contains("unknown columns 'extra1', 'extra2', 'extra3', 'extra4', 'extra5' and 4,995 more", e.Problem);
        Assert.True(e.Message.Length < 400, e.Message);
    }
}
