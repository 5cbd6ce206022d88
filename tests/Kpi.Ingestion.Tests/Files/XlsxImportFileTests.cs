using System.IO.Compression;
using ClosedXML.Excel;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Ingestion.Files;

namespace Kpi.Ingestion.Tests.Files;

public sealed class XlsxImportFileTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A workbook made with ClosedXML, the way a user's spreadsheet is made: row 1 the header, then the data.</summary>
    private static byte[] Workbook(Action<IXLWorksheet> fill, Action<XLWorkbook>? more = null)
    {
        using var workbook = new XLWorkbook();
        fill(workbook.Worksheets.Add("Data"));
        more?.Invoke(workbook);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Header(IXLWorksheet sheet, RecordKind kind)
    {
        var columns = kind.Columns();
        for (var i = 0; i < columns.Count; i++) sheet.Cell(1, i + 1).Value = columns[i];
    }

    private List<ImportRow> Read(byte[] bytes, RecordKind kind, string name = "data.xlsx")
    {
        using var file = ImportFile.Open(_folder.Write(name, bytes), kind);
        Assert.Equal(ImportFormat.Xlsx, file.Format);
        return [.. file.ReadRows()];
    }

    [Fact]
    public void DatesDecimalsAndText_ReadAsACsvOfTheSameDataWould()
    {
        var bytes = Workbook(sheet =>
        {
            Header(sheet, RecordKind.Production);
            sheet.Cell(2, 1).SetValue("00123").SetDataType(XLDataType.Text);
            sheet.Cell(2, 2).Value = "生产部";
            sheet.Cell(2, 3).Value = new DateTime(2026, 10, 1);
            sheet.Cell(2, 4).Value = 0.1m;
            sheet.Cell(2, 5).Value = 0.1 + 0.2;
            sheet.Cell(3, 1).Value = "P2";
            sheet.Cell(3, 2).Value = "  PRD  ";
            sheet.Cell(3, 3).Value = new DateTime(2026, 10, 2);
            sheet.Cell(3, 4).Value = 1234567.891m;
            sheet.Cell(3, 5).Value = -5.25m;
        });

        var rows = Read(bytes, RecordKind.Production);

        Assert.Equal(new string?[] { "00123", "生产部", "2026-10-01", "0.1", "0.3" }, Values(rows[0]));
        Assert.Equal(new string?[] { "P2", "PRD", "2026-10-02", "1234567.891", "-5.25" }, Values(rows[1]));
        Assert.Equal([2, 3], rows.Select(r => r.Line));
    }

    [Fact]
    public void DateTimes_KeepTheirTimeOfDay_AndParseAsInstantsInTheCompanyZone()
    {
        var bytes = Workbook(sheet =>
        {
            Header(sheet, RecordKind.Tickets);
            sheet.Cell(2, 1).Value = "T1";
            sheet.Cell(2, 2).Value = "CS";
            sheet.Cell(2, 3).Value = "complaint";
            sheet.Cell(2, 4).Value = new DateTime(2026, 10, 31, 17, 30, 0);
            sheet.Cell(2, 5).Value = new DateTime(2026, 11, 2, 7, 0, 0);
        });

        var row = Assert.Single(Read(bytes, RecordKind.Tickets));

        Assert.Equal("2026-10-31T17:30:00", row.Get("opened_at"));
        Assert.Equal("2026-11-02T07:00:00", row.Get("callback_at"));
        Assert.Null(row.Get("resolved_at"));
        var parsed = RecordParser.Parse(RecordKind.Tickets, row.Get, CompanyTimeZone.Default);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(new DateTime(2026, 10, 31, 9, 30, 0, DateTimeKind.Utc), ((TicketRecord)parsed.Record!).OpenedAt);
    }

    [Theory]
    [InlineData("yyyy\"年\"m\"月\"d\"日\"", 0u)]
    [InlineData("[$-804]yyyy/mm/dd;@", 0u)]
    [InlineData(null, 31u)]
    [InlineData(null, 14u)]
    public void ChineseAndCustomDateFormats_AreDates(string? format, uint builtInId)
    {
        var bytes = Workbook(sheet =>
        {
            Header(sheet, RecordKind.Hours);
            sheet.Cell(2, 1).Value = "H1";
            sheet.Cell(2, 2).Value = "PRD";
            var date = sheet.Cell(2, 3);
            date.Value = new DateTime(2026, 10, 1).ToOADate();
            if (format is not null) date.Style.NumberFormat.Format = format;
            else date.Style.NumberFormat.NumberFormatId = (int)builtInId;
            sheet.Cell(2, 4).Value = 7.5;
        });

        var row = Assert.Single(Read(bytes, RecordKind.Hours));

        Assert.Equal("2026-10-01", row.Get("date"));
        Assert.Equal("7.5", row.Get("hours"));
    }

    [Theory]
    [InlineData("0.00", false)]
    [InlineData("#,##0.00\"元\"", false)]
    [InlineData("[Red]0.0%", false)]
    [InlineData("0.00E+00", false)]
    [InlineData("General", false)]
    [InlineData("@", false)]
    [InlineData("[h]:mm:ss", true)]
    [InlineData("m/d/yyyy h:mm", true)]
    [InlineData("yyyy\"年\"m\"月\"", true)]
    public void NumberFormats_AreTold_FromDateFormats(string code, bool isDate)
    {
        Assert.Equal(isDate, XlsxStyles.IsDateFormat(164, code));
    }

    [Fact]
    public void OnlyTheFirstSheetIsRead_AndEmptyRowsAreSkipped_KeepingSheetRowNumbers()
    {
        var bytes = Workbook(sheet =>
        {
            Header(sheet, RecordKind.Hours);
            sheet.Cell(2, 1).Value = "H1";
            sheet.Cell(2, 2).Value = "PRD";
            sheet.Cell(2, 3).Value = new DateTime(2026, 10, 1);
            sheet.Cell(2, 4).Value = 8;
            sheet.Cell(3, 1).Style.Fill.BackgroundColor = XLColor.Yellow;
            sheet.Cell(5, 1).Value = "H2";
            sheet.Cell(5, 2).Value = "PRD";
            sheet.Cell(5, 3).Value = new DateTime(2026, 10, 2);
            sheet.Cell(5, 4).Value = true;
        }, workbook =>
        {
            var other = workbook.Worksheets.Add("Notes");
            other.Cell(1, 1).Value = "anything";
        });

        var rows = Read(bytes, RecordKind.Hours);

        Assert.Equal([2, 5], rows.Select(r => r.Line));
        Assert.Equal("true", rows[1].Get("hours"));
    }

    [Fact]
    public void ColumnsInAnyOrder_AndUnnamedColumns_AreHandledLikeCsv()
    {
        var bytes = Workbook(sheet =>
        {
            sheet.Cell(1, 1).Value = "hours";
            sheet.Cell(1, 2).Value = "date";
            sheet.Cell(1, 4).Value = "department";
            sheet.Cell(1, 5).Value = "record_id";
            sheet.Cell(2, 1).Value = 8;
            sheet.Cell(2, 2).Value = new DateTime(2026, 10, 1);
            sheet.Cell(2, 4).Value = "PRD";
            sheet.Cell(2, 5).Value = "H1";
            sheet.Cell(3, 1).Value = 8;
            sheet.Cell(3, 3).Value = "stray";
            sheet.Cell(3, 5).Value = "H2";
        });

        var rows = Read(bytes, RecordKind.Hours);

        Assert.Equal(new string?[] { "H1", "PRD", "2026-10-01", "8" }, Values(rows[0]));
        Assert.Empty(rows[0].Errors);
        Assert.Equal(new RowError(3, null, "has a value in column C, whose header is empty"), Assert.Single(rows[1].Errors));
    }

    [Fact]
    public void AHeaderThatDoesNotMatchTheKind_RefusesTheWholeFile()
    {
        var bytes = Workbook(sheet =>
        {
            sheet.Cell(1, 1).Value = "record_id";
            sheet.Cell(1, 2).Value = "department";
            sheet.Cell(1, 3).Value = "date";
            sheet.Cell(1, 4).Value = "hours";
            sheet.Cell(1, 5).Value = "hours";
            sheet.Cell(1, 6).Value = "备注";
        });

        var e = Assert.Throws<FileRefusedException>(() => Read(bytes, RecordKind.Hours, "hours.xlsx"));

        Assert.Equal("File 'hours.xlsx' is refused: row 1 of the first sheet does not match the hours columns: unknown column '备注'; " +
                     "duplicated column 'hours'. Expected record_id,department,date,hours (line 1).", e.Message);
    }

    [Fact]
    public void AnErrorCell_IsARowError()
    {
        var bytes = Workbook(sheet =>
        {
            Header(sheet, RecordKind.Hours);
            sheet.Cell(2, 1).Value = "H1";
            sheet.Cell(2, 4).FormulaA1 = "1/0";
        });
        // ClosedXML saves the formula without a result; give it the one Excel would have saved.
        bytes = RewriteSheet(bytes, xml => xml.Replace(
            "<x:c r=\"D2\" s=\"0\"><x:f>1/0</x:f>", "<x:c r=\"D2\" s=\"0\" t=\"e\"><x:f>1/0</x:f><x:v>#DIV/0!</x:v>"));

        var row = Assert.Single(Read(bytes, RecordKind.Hours));

        Assert.Contains(new RowError(2, "hours", "holds the Excel error #DIV/0!"), row.Errors);
    }

    [Fact]
    public void RichTextIsJoined_AndPhoneticGuidesAreLeftOut()
    {
        var bytes = Workbook(sheet =>
        {
            Header(sheet, RecordKind.Departments);
            sheet.Cell(2, 1).Value = "PRD";
            sheet.Cell(2, 2).Value = "生产部";
        });
        // Excel saves a name typed with a Chinese or Japanese input method as runs plus its reading.
        bytes = RewritePart(bytes, "xl/sharedStrings.xml", xml => xml.Replace(
            "<x:t>生产部</x:t>", "<x:r><x:t>生产</x:t></x:r><x:r><x:rPr><x:b /></x:rPr><x:t>部</x:t></x:r><x:rPh sb=\"0\" eb=\"2\"><x:t>shengchan</x:t></x:rPh>"));

        var row = Assert.Single(Read(bytes, RecordKind.Departments));

        Assert.Equal("生产部", row.Get("name"));
    }

    [Fact]
    public void AnEmptySheet_IsRefused()
    {
        var e = Assert.Throws<FileRefusedException>(() => Read(Workbook(_ => { }), RecordKind.Hours));

        Assert.Contains("empty", e.Problem);
    }

    [Fact]
    public void ABrokenZip_IsRefused()
    {
        var bytes = Workbook(sheet => Header(sheet, RecordKind.Hours));

        var e = Assert.Throws<FileRefusedException>(() => Read(bytes[..(bytes.Length / 2)], RecordKind.Hours, "cut.xlsx"));

        Assert.StartsWith("File 'cut.xlsx' is refused: it is not a readable XLSX workbook", e.Message);
    }

    [Fact]
    public void AZipThatIsNoWorkbook_IsRefused()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("not a workbook");
        }

        var e = Assert.Throws<FileRefusedException>(() => Read(stream.ToArray(), RecordKind.Hours, "other.xlsx"));

        Assert.Equal("it is a zip but holds no workbook", e.Problem);
    }

    [Fact]
    public void AForwardOnlyUpload_IsSpooledAndRead()
    {
        var bytes = Workbook(sheet =>
        {
            Header(sheet, RecordKind.Hours);
            sheet.Cell(2, 1).Value = "H1";
        });
        using var upload = new ForwardOnlyStream(bytes);
        using var file = ImportFile.Open(upload, "upload", RecordKind.Hours, ImportFormats.XlsxContentType);

        Assert.Equal("H1", Assert.Single(file.ReadRows()).Get("record_id"));
    }

    private static IEnumerable<string?> Values(ImportRow row) => Enumerable.Range(0, row.Columns.Count).Select(i => row[i]);

    private static byte[] RewriteSheet(byte[] workbook, Func<string, string> rewrite) =>
        RewritePart(workbook, "xl/worksheets/sheet1.xml", rewrite);

    private static byte[] RewritePart(byte[] workbook, string part, Func<string, string> rewrite)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(part)!;
            string xml;
            using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
            entry.Delete();
            var rewritten = rewrite(xml);
            Assert.NotEqual(xml, rewritten); // the test would prove nothing if ClosedXML's XML changed shape
            using var writer = new StreamWriter(zip.CreateEntry(part).Open());
            writer.Write(rewritten);
        }
        return stream.ToArray();
    }
}
