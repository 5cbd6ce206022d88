using System.Text;
using Kpi.Domain.Records;
using Kpi.Ingestion.Files;

namespace Kpi.Ingestion.Tests.Files;

public sealed class ImportFormatsTests
{
    [Theory]
    [InlineData("text/csv", ImportFormat.Csv)]
    [InlineData("text/csv; charset=utf-8", ImportFormat.Csv)]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ImportFormat.Xlsx)]
    [InlineData("application/json", ImportFormat.Json)]
    [InlineData("Application/JSON; charset=UTF-8", ImportFormat.Json)]
    [InlineData("application/octet-stream", null)]
    [InlineData("application/vnd.ms-excel", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ContentTypes_NameAFormat_OrLeaveItOpen(string? contentType, ImportFormat? expected)
    {
        Assert.Equal(expected, ImportFormats.FromContentType(contentType));
    }

    [Theory]
    [InlineData("production.csv", ImportFormat.Csv)]
    [InlineData("生产.XLSX", ImportFormat.Xlsx)]
    [InlineData("inbox/tickets.json", ImportFormat.Json)]
    [InlineData("budget.xls", null)]
    [InlineData("noextension", null)]
    public void Extensions_NameAFormat_OrLeaveItOpen(string fileName, ImportFormat? expected)
    {
        Assert.Equal(expected, ImportFormats.FromFileName(fileName));
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, ImportFormat.Xlsx)]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x20, 0x0A, 0x5B }, ImportFormat.Json)]
    [InlineData(new byte[] { 0x7B, 0x22 }, ImportFormat.Json)]
    [InlineData(new byte[] { 0x63, 0x6F, 0x64, 0x65, 0x2C }, ImportFormat.Csv)]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1 }, null)]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x63, 0x00 }, null)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0x00 }, null)]
    [InlineData(new byte[] { 0x20, 0x0A }, null)]
    public void Bytes_ShowTheFormat(byte[] head, ImportFormat? expected)
    {
        Assert.Equal(expected, ImportFormats.Sniff(head));
    }

    [Theory]
    [InlineData("data", null, ImportFormat.Csv)]
    [InlineData("data.txt", "application/octet-stream", ImportFormat.Csv)]
    [InlineData("data.csv", "application/vnd.ms-excel", ImportFormat.Csv)]
    public void WithNothingDeclared_TheBytesDecide(string fileName, string? contentType, ImportFormat expected)
    {
        using var file = ImportFile.Open(new MemoryStream("code,name,parent_code\nHQ,总公司,\n"u8.ToArray()), fileName, RecordKind.Departments, contentType);

        Assert.Equal(expected, file.Format);
        Assert.Equal("总公司", Assert.Single(file.ReadRows()).Get("name"));
    }

    [Theory]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "data.xls", null, "legacy Excel 97-2003 (.xls)")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00 }, "chart.png", null, "binary file")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x63, 0x00, 0x6F, 0x00 }, "unicode.txt", null, "UTF-16")]
    [InlineData(new byte[] { 0x63, 0x6F, 0x64, 0x65, 0x0A }, "data.xlsx", null, "sent as an XLSX workbook (zip) but its content is CSV text")]
    [InlineData(new byte[] { 0x63, 0x6F, 0x64, 0x65, 0x0A }, "data", "application/json", "sent as JSON but its content is CSV text")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00 }, "data.csv", null, "sent as CSV text but its content is an XLSX workbook (zip)")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00 }, "broken.xlsx", null, "not a readable XLSX workbook")]
    public void AFileThatIsNotWhatWeRead_IsRefused_Whole(byte[] bytes, string fileName, string? contentType, string problem)
    {
        var e = Assert.Throws<FileRefusedException>(() => ImportFile.Open(new MemoryStream(bytes), fileName, RecordKind.Departments, contentType));

        Assert.Contains(problem, e.Problem);
        Assert.StartsWith($"File '{fileName}' is refused: ", e.Message);
    }

    [Fact]
    public void TheCallersStreamIsLeftWhereItWas_WhenSeekable()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("code,name,parent_code\nHQ,总公司,\n"));
        using var file = ImportFile.Open(stream, "d.csv", RecordKind.Departments);

        Assert.Single(file.ReadRows());
        Assert.True(stream.CanRead, "the reader must not close a stream it does not own");
    }
}
