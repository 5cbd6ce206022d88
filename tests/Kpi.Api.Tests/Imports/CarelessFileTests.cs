using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using static Kpi.Api.Tests.Support.ApiCalls;

namespace Kpi.Api.Tests.Imports;

/// <summary>
/// What careless or hostile files did to uploads, answered as a client sees it: a bad cell reference was a 500 and a
/// failed run, a wide header a 2.5 MB error, a flood of bad rows hundreds of thousands of stored rejections, unsafe
/// codes and dates outside every period were stored, and a 415 said nothing of why.
/// </summary>
public sealed class CarelessFileTests : IAsyncLifetime
{
    private KpiApp _app = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _app = await KpiApp.StartAsync();
        _admin = _app.Admin();
        await Upload(_admin, "departments", Utf8Bom("code,name,parent_code\nZZ,示例公司,\n"), "text/csv");
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CellReferenceBeyondXfd_Is400NamingTheCell_AndTheRunIsRefusedNotFailed()
    {
        var response = await _admin.PostAsync("/api/imports/hours", KpiApp.File(Workbook("ZZZZZZZZZ1"), ImportFormatsXlsx, "wide.xlsx"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        Assert.Equal("file", problem.GetProperty("field").GetString());
        Assert.Contains("File 'wide.xlsx' is refused: cell 'ZZZZZZZZZ1' (row 1 of its first sheet) is not a cell reference", problem.GetProperty("detail").GetString());
        var run = (await _admin.GetFromJsonAsync<JsonElement>("/api/imports", KpiApp.Json)).EnumerateArray().First();
        Assert.Equal("refused", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task HeaderOfHalfAMillionColumns_GivesAShortError_StoredAndServed()
    {
        var header = "record_id,department,date,hours," + string.Join(",", Enumerable.Range(0, 499_900).Select(i => (char)('a' + i % 26)));

        var response = await _admin.PostAsync("/api/imports/hours", KpiApp.File(Encoding.UTF8.GetBytes(header + "\n"), "text/csv", "wide.csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Length < 2_000, $"{body.Length:N0} characters");
        Assert.Contains("unknown columns 'a', 'b', 'c', 'd', 'e' and 21 more", body);
        var run = (await _admin.GetFromJsonAsync<JsonElement>("/api/imports", KpiApp.Json)).EnumerateArray().First();
        Assert.True(run.GetProperty("error").GetString()!.Length < 400);
    }

    [Fact]
    public async Task ThousandsOfBadRows_AreCountedAll_ButTheRunKeepsTheFirstThousand()
    {
        var csv = new StringBuilder("record_id,department,date,hours\nH0,ZZ,2026-10-01,8\n");
        for (var i = 1; i <= 1_500; i++) csv.Append($"H{i},ZZ,2026-10-01,-{i}\n");

        var posted = await Upload(_admin, "hours", Encoding.UTF8.GetBytes(csv.ToString()), "text/csv");

        Assert.Equal((1L, 1_500L, 1_500L), (posted.GetProperty("accepted").GetInt64(), posted.GetProperty("rejected_rows").GetInt64(),
            posted.GetProperty("rejected_total").GetInt64()));
        Assert.Equal(1_000, posted.GetProperty("rejected").GetArrayLength());
        var run = await _admin.GetFromJsonAsync<JsonElement>($"/api/imports/{posted.GetProperty("run_id").GetInt64()}", KpiApp.Json);
        Assert.Equal(1_000, run.GetProperty("rejected_total").GetInt64());
        Assert.True(run.GetProperty("rejections_capped").GetBoolean());
        Assert.Equal(1_500, run.GetProperty("run").GetProperty("rejected_rows").GetInt64());
        var last = run.GetProperty("rejected").EnumerateArray().Last();
        Assert.Equal((0, "500 more rejections, on 500 more rows, were counted but not kept: a run keeps its first 1,000"),
            (last.GetProperty("line").GetInt32(), last.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task ThousandRowsAllBad_AreRefusedWhole_NamingTheFileAndTheFirstReasons()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat("{}", 5_000)) + "]";

        var response = await _admin.PostAsync("/api/imports/hours", KpiApp.File(Encoding.UTF8.GetBytes(json), "application/json", "export.json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("detail").GetString();
        Assert.Contains("File 'export.json' is refused: its first 1,000 rows were all refused, so it is not taken for records of kind 'hours'; " +
                        "the first reasons: line 1 record_id: is required", detail);
        var runs = await _admin.GetFromJsonAsync<JsonElement>("/api/imports", KpiApp.Json);
        var run = await _admin.GetFromJsonAsync<JsonElement>($"/api/imports/{runs.EnumerateArray().First().GetProperty("id").GetInt64()}", KpiApp.Json);
        Assert.Equal(("refused", 0L), (run.GetProperty("run").GetProperty("status").GetString(), run.GetProperty("rejected_total").GetInt64()));
    }

    [Fact]
    public async Task UnsafeCodesAndDatesOutsideEveryPeriod_AreRowErrors()
    {
        var departments = await Upload(_admin, "departments", Encoding.UTF8.GetBytes("code,name,parent_code\n.,点,\n..,点点,ZZ\nZZ-1,一班,ZZ\n"), "text/csv");
        var hours = await Upload(_admin, "hours", Encoding.UTF8.GetBytes(
            "record_id,department,date,hours\nH1,ZZ,0001-01-01,8\nH2,ZZ,9999-12-31,8\nH3,ZZ-1,2026-10-01,8\n"), "text/csv");

        Assert.Equal(1, departments.GetProperty("accepted").GetInt64());
        Assert.Equal(["code", "code"], departments.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("column").GetString()));
        Assert.Equal(1, hours.GetProperty("accepted").GetInt64());
        Assert.Equal(["'0001-01-01' is outside the dates Kpi reports on, 1900-01-01 to 9998-12-31", "'9999-12-31' is outside the dates Kpi reports on, 1900-01-01 to 9998-12-31"],
            hours.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("reason").GetString()));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("image/png")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task UnsupportedContentType_Is415NamingItAndTheAcceptedOnes(string contentType)
    {
        var response = await _admin.PostAsync("/api/imports/hours", KpiApp.File("record_id\n"u8.ToArray(), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        Assert.Equal($"The content type '{contentType}' is not one an import reads: send the file as text/csv, {ImportFormatsXlsx}, " +
                     "application/json, or as the one file of a multipart/form-data form.", problem.GetProperty("detail").GetString());
        Assert.Equal(["text/csv", ImportFormatsXlsx, "application/json", "multipart/form-data"],
            problem.GetProperty("accepted").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task NoContentType_Is415_AndOnlyAfterAuthentication()
    {
        var content = new ByteArrayContent("x"u8.ToArray());

        var admin = await _admin.PostAsync("/api/imports/hours", content);
        var anonymous = await _app.Anonymous().PostAsync("/api/imports/hours", KpiApp.File("x"u8.ToArray(), "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, admin.StatusCode);
        Assert.StartsWith("The upload has no Content-Type: send the file as text/csv",
            (await admin.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private const string ImportFormatsXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A workbook whose row 1 has <c>record_id</c> in A1 and <c>hours</c> at <paramref name="reference"/>, written as raw XML.</summary>
    private static byte[] Workbook(string reference)
    {
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>",
            ["_rels/.rels"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
            ["xl/workbook.xml"] = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            ["xl/_rels/workbook.xml.rels"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
            ["xl/worksheets/sheet1.xml"] = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{main}\"><sheetData><row r=\"1\">" +
                $"<c r=\"A1\" t=\"inlineStr\"><is><t>record_id</t></is></c><c r=\"{reference}\" t=\"inlineStr\"><is><t>hours</t></is></c></row></sheetData></worksheet>",
        };
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(xml);
            }
        }
        return stream.ToArray();
    }
}
