using System.Text;
using Kpi.Domain.Records;
using Kpi.Ingestion.Files;

namespace Kpi.Ingestion.Tests.Files;

public sealed class RejectedRowsWriterTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static List<string?[]> ReadBack(byte[] bytes)
    {
        var reader = new CsvRecordReader(new CsvTextDecoder(new MemoryStream(bytes)), 100_000, 1_000_000);
        var records = new List<string?[]>();
        while (reader.Read()) records.Add(reader.Fields.ToArray());
        return records;
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("plain", "plain")]
    [InlineData("生产部", "生产部")]
    [InlineData("", null)]
    public void CellsExcelWouldRunAsFormulas_AreWrittenAsText_AndReadBack(string cell, string? expected)
    {
        using var output = new MemoryStream();
        using (var writer = new RejectedRowsWriter(output, leaveOpen: true))
        {
            writer.Write(7, cell, cell, cell);
        }

        var records = ReadBack(output.ToArray());

        Assert.Equal(new string?[] { "line", "column", "reason", "original" }, records[0]);
        Assert.Equal(new[] { "7", expected, expected, expected }, records[1]);
    }

    [Fact]
    public void TheFile_StartsWithABom_SoExcelReadsChineseAsUtf8()
    {
        using var output = new MemoryStream();
        using (var writer = new RejectedRowsWriter(output, leaveOpen: true)) writer.Write(2, "name", "is required", "PRD,,HQ");

        var bytes = output.ToArray();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("line,column,reason,original\r\n2,name,is required,\"PRD,,HQ\"\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void RowsOfACsvImport_AreWrittenWithTheirRawText_ReaderAndParserErrorsAlike()
    {
        var csv = "code,name,parent_code\r\nPRD,\"生产部, 一车间\",HQ\r\nQA,质量部,HQ,extra\r\n=cmd,\"=1+1\",\r\n";
        var path = _folder.Write("departments.csv", csv, Encodings.Gb18030);
        var rejected = Path.Combine(_folder.Path, RejectedRowsWriter.FileNameFor(path));

        using (var file = ImportFile.Open(path, RecordKind.Departments))
        using (var writer = new RejectedRowsWriter(File.Create(rejected)))
        {
            foreach (var row in file.ReadRows())
            {
                foreach (var error in row.Errors) writer.Write(row, error);
                if (row.HasErrors) continue;
                var parsed = RecordParser.Parse(RecordKind.Departments, row.Get, Kpi.Domain.Periods.CompanyTimeZone.Default);
                foreach (var error in parsed.Errors) writer.Write(row, error);
            }
            Assert.Equal(2, writer.Count);
        }

        Assert.EndsWith("departments.rejected.csv", rejected);
        var records = ReadBack(File.ReadAllBytes(rejected));
        Assert.Equal(3, records.Count);
        Assert.Equal(new[] { "3", null, "has 4 fields; the header has 3", "QA,质量部,HQ,extra" }, records[1]);
        Assert.Equal("4", records[2][0]);
        Assert.Equal("code", records[2][1]);
        Assert.Equal("'=cmd,\"=1+1\",", records[2][3]);
    }
}
