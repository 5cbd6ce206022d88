using System.Text;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Ingestion.Files;

namespace Kpi.Ingestion.Tests.Files;

public sealed class CsvImportFileTests : IDisposable
{
    private const string ProductionHeader = "record_id,department,date,planned_qty,actual_qty";
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private List<ImportRow> ReadFile(string name, byte[] bytes, RecordKind kind)
    {
        using var file = ImportFile.Open(_folder.Write(name, bytes), kind);
        Assert.Equal(ImportFormat.Csv, file.Format);
        return [.. file.ReadRows()];
    }

    private List<ImportRow> ReadText(string text, RecordKind kind = RecordKind.Production) =>
        ReadFile("data.csv", Encodings.Bytes(text, Encodings.Utf8NoBom), kind);

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("gb18030")]
    [InlineData("gbk")]
    public void ChineseDepartmentNames_ReadBackExactly_InEveryEncodingExcelSaves(string encoding)
    {
        var text = "code,name,parent_code\r\nHQ,总公司,\r\nPRD,生产部,HQ\r\nQA,质量部,HQ\r\nCS,客户服务中心,HQ\r\nHR,行政人力资源部,HQ\r\nFIN,综合财务部,HQ\r\n";

        var rows = ReadFile($"departments-{encoding}.csv", Encodings.Bytes(text, Encodings.ByName(encoding)), RecordKind.Departments);

        Assert.Equal(["总公司", "生产部", "质量部", "客户服务中心", "行政人力资源部", "综合财务部"], rows.Select(r => r.Get("name")));
        Assert.Equal([2, 3, 4, 5, 6, 7], rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Empty(r.Errors));
    }

    [Fact]
    public void Gb18030_WhoseFirstChineseComesAfterALongAsciiStretch_IsStillDetected()
    {
        var sb = new StringBuilder("code,name,parent_code\n");
        for (var i = 0; i < 5000; i++) sb.Append($"D{i:0000},Department {i},\n");
        sb.Append("PRD,生产部,\n");

        var rows = ReadFile("late-chinese.csv", Encodings.Bytes(sb.ToString(), Encodings.Gb18030), RecordKind.Departments);

        Assert.Equal(5001, rows.Count);
        Assert.Equal("生产部", rows[^1].Get("name"));
        Assert.Equal(5002, rows[^1].Line);
    }

    [Fact]
    public void Utf8ThatTurnsIntoGbkHalfWay_RefusesTheFile_SayingWhere()
    {
        var bytes = Encodings.Bytes("code,name,parent_code\nPRD,生产部,\nQA,质量部,\n", Encodings.Utf8NoBom)
            .Concat(Encodings.Gbk.GetBytes("CS,客户服务中心,\n")).ToArray();

        var e = Assert.Throws<FileRefusedException>(() => ReadFile("mixed.csv", bytes, RecordKind.Departments));

        Assert.Equal("File 'mixed.csv' is refused: its text stops being valid UTF-8, the encoding it started in; " +
                     "save the whole file in one encoding (\"CSV UTF-8\" is best) (line 4).", e.Message);
        Assert.Equal(4, e.Line);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void QuotedCommasNewlinesAndQuotes_AreValues_AndLinesCountPhysicalLines(string eol)
    {
        var text = string.Join(eol,
            "code,name,parent_code",
            "A,\"Sales, North\",",
            $"B,\"two{eol}lines\",A",
            "C,\"says \"\"hi\"\"\",A",
            "D,  padded  ,\"  kept  \"",
            "E,27\" screen,A",
            "") + eol + eol;

        var rows = ReadText(text, RecordKind.Departments);

        Assert.Equal(["Sales, North", $"two{eol}lines", "says \"hi\"", "padded", "27\" screen"], rows.Select(r => r.Get("name")));
        Assert.Equal("  kept  ", rows[3].Get("parent_code"));
        Assert.Equal([2, 3, 5, 6, 7], rows.Select(r => r.Line));
        Assert.Equal($"B,\"two{eol}lines\",A", rows[1].OriginalText);
        Assert.All(rows, r => Assert.Empty(r.Errors));
    }

    [Fact]
    public void RaggedRows_AreRowErrors_AndTheRowsAfterThemStillCome()
    {
        var rows = ReadText($"{ProductionHeader}\nP1,PRD,2026-10-01,100,98\nP2,PRD,2026-10-02,100\nP3,PRD,2026-10-03,100,97,extra\nP4,PRD,2026-10-04,100,99\n");

        Assert.Equal(["P1", "P2", "P3", "P4"], rows.Select(r => r.Get("record_id")));
        Assert.Empty(rows[0].Errors);
        Assert.Equal(new RowError(3, null, "has 4 fields; the header has 5"), Assert.Single(rows[1].Errors));
        Assert.Equal(new RowError(4, null, "has 6 fields; the header has 5"), Assert.Single(rows[2].Errors));
        Assert.Empty(rows[3].Errors);
        Assert.Equal("P3,PRD,2026-10-03,100,97,extra", rows[2].OriginalText);
    }

    [Fact]
    public void ColumnsInAnotherOrder_AreReadByName_AndParseAsRecords()
    {
        var rows = ReadText("actual_qty,date,department,record_id,planned_qty\n98.5,2026-10-01,PRD,P1,100\n");

        var row = Assert.Single(rows);
        Assert.Equal("P1", row.Get("record_id"));
        Assert.Equal("98.5", row.Get("actual_qty"));
        var parsed = RecordParser.Parse(RecordKind.Production, row.Get, CompanyTimeZone.Default);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
    }

    [Fact]
    public void BlankLinesAndEmptyRows_AreSkipped_WithoutShiftingLineNumbers()
    {
        var rows = ReadText($"{ProductionHeader}\n\nP1,PRD,2026-10-01,100,98\n,,,,\n   \nP2,PRD,2026-10-02,100,99\n\n\n");

        Assert.Equal([3, 6], rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("record_id,department,date,planned_qty", "missing column 'actual_qty'")]
    [InlineData("record_id,department,date,planned_qty,actual_qty,remark", "unknown column 'remark'")]
    [InlineData("record_id,department,date,planned_qty,actual_qty,date", "duplicated column 'date'")]
    [InlineData("Record_ID,department,date,planned_qty,actual_qty", "missing column 'record_id'; unknown column 'Record_ID'")]
    [InlineData("code,name,parent_code", "missing columns 'record_id', 'department', 'date', 'planned_qty', 'actual_qty'")]
    public void AHeaderThatDoesNotMatchTheKind_RefusesTheWholeFile(string header, string problem)
    {
        var e = Assert.Throws<FileRefusedException>(() => ReadText($"{header}\nP1,PRD,2026-10-01,100,98\n"));

        Assert.Contains("'data.csv'", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Contains("Expected record_id,department,date,planned_qty,actual_qty", e.Message);
        Assert.Equal(1, e.Line);
    }

    [Theory]
    [InlineData("record_id;department;date;planned_qty;actual_qty", "semicolons")]
    [InlineData("record_id\tdepartment\tdate\tplanned_qty\tactual_qty", "tabs")]
    public void AFileSeparatedByOtherThanCommas_IsRefused_SayingSo(string header, string separator)
    {
        var e = Assert.Throws<FileRefusedException>(() => ReadText($"{header}\nP1;PRD;2026-10-01;100;98\n"));

        Assert.Contains($"separated by {separator}, not by commas", e.Problem);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { (byte)'\r', (byte)'\n', (byte)' ' })]
    public void AnEmptyFile_IsRefused(byte[] bytes)
    {
        var e = Assert.Throws<FileRefusedException>(() => ReadFile("empty.csv", bytes, RecordKind.Production));

        Assert.Contains("'empty.csv'", e.Message);
        Assert.Contains("empty", e.Problem);
    }

    [Fact]
    public void AHeaderOnly_IsAFileWithNoRows()
    {
        Assert.Empty(ReadText(ProductionHeader + "\r\n"));
    }

    [Fact]
    public void AValueLongerThanTheLimit_IsARowError_NotARefusal()
    {
        var options = new ImportFileOptions { MaxFieldLength = 50 };
        var text = $"{ProductionHeader}\nP1,{new string('X', 51)},2026-10-01,100,98\nP2,PRD,2026-10-02,100,99\n";
        using var file = ImportFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), "long.csv", RecordKind.Production, "text/csv", options);

        var rows = file.ReadRows().ToList();

        Assert.Equal(new RowError(2, "department", "is longer than 50 characters"), Assert.Single(rows[0].Errors));
        Assert.Null(rows[0].Get("department"));
        Assert.Empty(rows[1].Errors);
    }

    [Fact]
    public void ARecordLongerThanTheRecordLimit_IsSkippedAsARowError_QuotesAndAll()
    {
        var options = new ImportFileOptions { MaxFieldLength = 100, MaxRecordLength = 2000 };
        var huge = new string('y', 10_000);
        var text = $"{ProductionHeader}\nP1,PRD,\"{huge}\n{huge}\",100,98\nP2,PRD,2026-10-02,100,99\n";
        using var file = ImportFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), "huge.csv", RecordKind.Production, "text/csv", options);

        var rows = file.ReadRows().ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(new RowError(2, null, "the record is longer than 2000 characters"), Assert.Single(rows[0].Errors));
        Assert.Equal("P2", rows[1].Get("record_id"));
        Assert.Equal(4, rows[1].Line);
    }

    [Fact]
    public void AnUnclosedQuote_IsARowErrorOfTheRecordItStarts()
    {
        var rows = ReadText($"{ProductionHeader}\nP1,PRD,2026-10-01,100,98\nP2,\"PRD,2026-10-02,100,99\nP3,PRD,2026-10-03,100,97\n");

        Assert.Equal(2, rows.Count);
        Assert.Contains(rows[1].Errors, e => e.Line == 3 && e.Column == "department" && e.Reason.Contains("not closed"));
    }

    [Fact]
    public void TextAfterAClosingQuote_IsARowError()
    {
        var rows = ReadText($"{ProductionHeader}\nP1,\"PRD\"x,2026-10-01,100,98\n");

        Assert.Equal(new RowError(2, "department", "has text after its closing quote"), Assert.Single(Assert.Single(rows).Errors));
    }

    [Fact]
    public void AValueUnderAnUnnamedColumn_IsARowError_AnEmptyOneIsNot()
    {
        var rows = ReadText($"{ProductionHeader},,\nP1,PRD,2026-10-01,100,98,,\nP2,PRD,2026-10-01,100,98,,oops\n");

        Assert.Empty(rows[0].Errors);
        Assert.Equal(new RowError(3, null, "has a value in column 7, whose header is empty"), Assert.Single(rows[1].Errors));
    }

    [Fact]
    public void AForwardOnlyStream_IsReadLikeAFile()
    {
        var bytes = Encodings.Bytes($"{ProductionHeader}\nP1,PRD,2026-10-01,100,98\n", Encodings.Utf8Bom);
        using var upload = new ForwardOnlyStream(bytes);
        using var file = ImportFile.Open(upload, "upload.csv", RecordKind.Production);

        Assert.Equal("P1", Assert.Single(file.ReadRows()).Get("record_id"));
    }

    [Fact]
    public void ManyRowsAcrossBufferRefills_KeepTheirValuesAndLines()
    {
        var sb = new StringBuilder(ProductionHeader).Append("\r\n");
        for (var i = 1; i <= 20_000; i++)
        {
            sb.Append(i % 7 == 0 ? $"P{i},\"PRD\r\nline\",2026-10-01,{i},{i}\r\n" : $"P{i},PRD,2026-10-01,{i},{i}\r\n");
        }

        var rows = ReadText(sb.ToString());

        Assert.Equal(20_000, rows.Count);
        var line = 2;
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(line, rows[i].Line);
            Assert.Equal((i + 1).ToString(), rows[i].Get("planned_qty"));
            line += (i + 1) % 7 == 0 ? 2 : 1;
        }
    }

    [Fact]
    public void ReadingTwice_IsRefused_BecauseTheFileIsStreamed()
    {
        using var file = ImportFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(ProductionHeader + "\n")), "a.csv", RecordKind.Production);
        _ = file.ReadRows().ToList();

        Assert.Throws<InvalidOperationException>(() => file.ReadRows());
    }

    [Fact]
    public void AskingForAColumnTheKindDoesNotHave_IsAProgrammingError()
    {
        var row = Assert.Single(ReadText($"{ProductionHeader}\nP1,PRD,2026-10-01,100,98\n"));

        Assert.Throws<ArgumentException>(() => row.Get("hours"));
    }
}
