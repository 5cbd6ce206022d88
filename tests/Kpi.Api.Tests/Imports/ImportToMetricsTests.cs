using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Kpi.Api.Tests.Support;
using static Kpi.Api.Tests.Support.ApiCalls;
using Kpi.Storage;
using Kpi.Testing.Storage;

namespace Kpi.Api.Tests.Imports;

/// <summary>
/// From an empty database to metric values, through HTTP only: departments, then records in every upload form and
/// encoding a company sends (UTF-8 with BOM, GB18030 from Chinese Excel, JSON with offsets, XLSX), with a bad row, a
/// re-import and an update. Every expected value below is worked out by hand in the comments.
/// </summary>
public sealed class ImportToMetricsTests
{
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task EdgeCaseFiles_GiveHandComputedMetrics(DatabaseProvider provider)
    {
        using var app = await KpiApp.StartAsync(provider);
        var admin = app.Admin();

        var departments = await Upload(admin, "departments", Utf8Bom("code,name,parent_code\nZZ,示例公司,\nZZ-A,一车间,ZZ\nZZ-B,二车间,ZZ\n"), "text/csv");
        Assert.Equal(3, departments.GetProperty("accepted").GetInt64());

        // GB18030, as Excel in China saves CSV: Chinese names must come back exactly.
        var staff = await Upload(admin, "staff", Gb18030.GetBytes(
            "record_id,department,employee_no,name,position,hired_on,left_on,qualified\r\n" +
            "S1,ZZ-A,E1,张三,操作工,2025-01-01,,yes\r\n" +
            "S2,ZZ-A,E2,李四,操作工,2025-06-01,2026-10-31,no\r\n" +
            "S3,ZZ-B,E3,王五,质检员,2026-10-15,,yes\r\n" +
            "S4,ZZ-B,E4,赵六,班长,2024-03-01,2026-09-30,yes\r\n"), "text/csv");
        Assert.Equal(4, staff.GetProperty("accepted").GetInt64());

        const string production = "record_id,department,date,planned_qty,actual_qty\n" +
                                  "P1,ZZ-A,2026-10-01,100,98\n" +
                                  "P2,ZZ-A,2026-10-31,50.5,50\n" +
                                  "P3,ZZ-B,2026-10-15,200,210\n" +
                                  "P4,ZZ-B,2026-10-16,-5,10\n" +
                                  "P5,ZZ-B,2026-11-01,80,80\n";
        var first = await Upload(admin, "production", Utf8Bom(production), "text/csv");
        Assert.Equal((4L, 0L, 0L, 1L), Counts(first));
        var rejected = Assert.Single(first.GetProperty("rejected").EnumerateArray());
        Assert.Equal(5, rejected.GetProperty("line").GetInt32());
        Assert.Equal("planned_qty", rejected.GetProperty("column").GetString());
        Assert.Contains("negative", rejected.GetProperty("reason").GetString());

        var again = await Upload(admin, "production", Utf8Bom(production), "text/csv");
        Assert.Equal((0L, 0L, 4L, 1L), Counts(again));

        var update = await Upload(admin, "production", Encoding.UTF8.GetBytes("record_id,department,date,planned_qty,actual_qty\nP2,ZZ-A,2026-10-31,50.5,55\n"), "text/csv");
        Assert.Equal((0L, 1L, 0L, 0L), Counts(update));

        // Instants with and without offsets; T1 is opened on 2026-11-01 01:30 in Shanghai and so belongs to November.
        var tickets = await Upload(admin, "tickets", Encoding.UTF8.GetBytes("""
            [
              {"record_id":"T1","department":"ZZ-B","kind":"complaint","opened_at":"2026-10-31T17:30:00Z","callback_at":"2026-11-02T17:30:00Z","resolved_at":null},
              {"record_id":"T2","department":"ZZ-B","kind":"inquiry","opened_at":"2026-10-10T09:00:00","callback_at":"2026-10-12T09:00:01"},
              {"record_id":"T3","department":"ZZ-B","kind":"complaint","opened_at":"2026-10-20T09:00:00+08:00","callback_at":"2026-10-21T09:00:00+08:00","resolved_at":"2026-10-31T23:59:59+08:00"},
              {"record_id":"T4","department":"ZZ-B","kind":"complaint","opened_at":"2026-10-30T10:00:00","callback_at":null,"resolved_at":"2026-11-01T00:00:00"}
            ]
            """), "application/json");
        Assert.Equal(4, tickets.GetProperty("accepted").GetInt64());

        var inspections = await Upload(admin, "inspections", InspectionsWorkbook(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Equal(2, inspections.GetProperty("accepted").GetInt64());

        var tree = await admin.GetFromJsonAsync<JsonElement>("/api/departments", KpiApp.Json);
        var root = Assert.Single(tree.EnumerateArray());
        Assert.Equal("示例公司", root.GetProperty("name").GetString());
        Assert.Equal(["一车间", "二车间"], root.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var october = await ReadMetricsAsync(admin, "ZZ", "2026-10");
        // Σactual / Σplanned over ZZ-A and ZZ-B in October: (98 + 55 + 210) / (100 + 50.5 + 200); P4 refused, P5 November.
        Assert.Equal(363m / 350.5m, october["plan_completion"].Value);
        Assert.Equal((363m, 350.5m, 3L), (october["plan_completion"].Numerator!.Value, october["plan_completion"].Denominator!.Value, october["plan_completion"].Records));
        // ZZ-A alone: (98 + 55) / (100 + 50.5) — the parent is not the mean of its children's ratios.
        Assert.Equal(153m / 150.5m, (await ReadMetricsAsync(admin, "ZZ-A", "2026-10"))["plan_completion"].Value);
        // October tickets T2, T3, T4: only T3 called back within 48 h (T2 at 48:00:01); complaints T3, T4: T4 resolved at the end instant.
        Assert.Equal(1m / 3m, october["callback_48h"].Value);
        Assert.Equal(0.5m, october["complaint_resolution"].Value);
        // Headcount 2 on Oct 1 (S1, S2), 3 on Oct 31 (S1, S2 leaving that day, S3); one leaver (S2).
        Assert.Equal(1m / 2.5m, october["turnover_rate"].Value);
        Assert.Equal(2m / 3m, october["qualification_rate"].Value);
        // XLSX: (990 + 480.5) / (1000 + 500).
        Assert.Equal(1470.5m / 1500m, october["quality_pass"].Value);
        Assert.Null(october["on_time_delivery"].Value);
        Assert.Equal(0m, october["safety_incidents"].Value);

        var november = await ReadMetricsAsync(admin, "ZZ", "2026-11");
        Assert.Equal(1m, november["callback_48h"].Value);
        Assert.Equal(0m, november["complaint_resolution"].Value);
        Assert.Equal(1m, november["plan_completion"].Value);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task FileWithUnknownHeader_IsRefusedWhole_AndStoresNothing(DatabaseProvider provider)
    {
        using var app = await KpiApp.StartAsync(provider);
        var admin = app.Admin();
        await Upload(admin, "departments", Utf8Bom("code,name,parent_code\nZZ,示例,\n"), "text/csv");

        var response = await admin.PostAsync("/api/imports/production",
            KpiApp.File(Encoding.UTF8.GetBytes("record_id,department,date,planned,actual_qty\nP1,ZZ,2026-10-01,1,1\n"), "text/csv", "mes-october.csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        Assert.Contains("mes-october.csv", problem.GetProperty("detail").GetString());
        Assert.Contains("planned", problem.GetProperty("detail").GetString());
        var metrics = await ReadMetricsAsync(admin, "ZZ", "2026-10");
        Assert.Equal(0, metrics["plan_completion"].Records);
        var runs = await admin.GetFromJsonAsync<JsonElement>("/api/imports", KpiApp.Json);
        Assert.Equal("refused", runs.EnumerateArray().First().GetProperty("status").GetString());
    }

    [Fact]
    public async Task MultipartUpload_AndUnknownKind()
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();
        using var form = new MultipartFormDataContent();
        form.Add(KpiApp.File(Utf8Bom("code,name,parent_code\nZZ,示例,\n"), "text/csv"), "file", "departments.csv");

        var ok = await admin.PostAsync("/api/imports/departments", form);
        var unknown = await admin.PostAsync("/api/imports/widgets", KpiApp.File([1], "text/csv"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("production", (await unknown.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UploadOverTheLimit_Is413()
    {
        using var app = await KpiApp.StartAsync(settings: new() { ["Kpi:Imports:MaxBytes"] = "100" });

        var response = await app.Admin().PostAsync("/api/imports/departments", KpiApp.File(new byte[1000], "text/csv"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static (long, long, long, long) Counts(JsonElement r) =>
        (r.GetProperty("accepted").GetInt64(), r.GetProperty("updated").GetInt64(), r.GetProperty("unchanged").GetInt64(), r.GetProperty("rejected_rows").GetInt64());

    /// <summary>A date cell and a date typed as text, and a fractional passed quantity.</summary>
    private static byte[] InspectionsWorkbook()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("检验");
        string[] header = ["record_id", "department", "date", "inspected_qty", "passed_qty"];
        for (var c = 0; c < header.Length; c++) sheet.Cell(1, c + 1).Value = header[c];
        sheet.Cell(2, 1).Value = "I1"; sheet.Cell(2, 2).Value = "ZZ-A"; sheet.Cell(2, 3).Value = new DateTime(2026, 10, 5); sheet.Cell(2, 4).Value = 1000; sheet.Cell(2, 5).Value = 990;
        sheet.Cell(3, 1).Value = "I2"; sheet.Cell(3, 2).Value = "ZZ-B"; sheet.Cell(3, 3).SetValue("2026-10-06"); sheet.Cell(3, 4).Value = 500; sheet.Cell(3, 5).Value = 480.5;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
