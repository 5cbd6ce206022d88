using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using Kpi.Storage;
using Kpi.Testing.Storage;
using static Kpi.Api.Tests.Support.ApiCalls;

namespace Kpi.Api.Tests.Metrics;

/// <summary>
/// The drill-down over HTTP: the records behind a metric's value are exactly those its sums count — the subtree's, in
/// the period, no sibling's, no other month's — page after page, in the order asked, and as CSV that no spreadsheet
/// runs; with the row the same import refused.
/// </summary>
public sealed class MetricRecordsApiTests
{
    private const string Month = "2026-10";

    private static async Task<KpiApp> CompanyAsync(DatabaseProvider provider)
    {
        var app = await KpiApp.StartAsync(provider, new Dictionary<string, string?> { ["Kpi:Close:ScheduleEnabled"] = "false" });
        var admin = app.Admin();
        await Upload(admin, "departments", Utf8Bom("code,name,parent_code\nHQ,华彩涂料有限公司,\nPROD,生产部,HQ\nRESIN,树脂车间,PROD\nQA,质量部,HQ\n"), "text/csv");
        // Five records of PROD's subtree in October (one with an id a spreadsheet would run), one of September, one of
        // the sibling QA, and a row refused on line 10.
        await Upload(admin, "production", Utf8Bom(
            "record_id,department,date,planned_qty,actual_qty\n" +
            $"P1,PROD,{Month}-01,100,90\n" +
            $"P2,PROD,{Month}-15,200,210\n" +
            $"R1,RESIN,{Month}-02,50,50\n" +
            $"R2,RESIN,{Month}-31,80,72\n" +
            $"=1+2,RESIN,{Month}-20,10,9\n" +
            "S1,PROD,2026-09-30,1000,1000\n" +
            $"Q1,QA,{Month}-10,500,400\n" +
            $"P3,PROD,{Month}-03,100,-4\n"), "text/csv");
        return app;
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task Records_AreThoseTheMetricSums_PageByPage_WithTheRefusedRow(DatabaseProvider provider)
    {
        using var app = await CompanyAsync(provider);
        var admin = app.Admin();
        var metric = (await ReadMetricsAsync(admin, "PROD", Month))["plan_completion"];

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 3; page++)
            pages.Add(await admin.GetFromJsonAsync<JsonElement>($"/api/metrics/PROD/{Month}/plan_completion/records?page_size=2&page={page}&sort=record_id",
                KpiApp.Json));

        var first = pages[0];
        Assert.Equal(5, first.GetProperty("total").GetInt64());
        Assert.Equal(metric.Records, first.GetProperty("total").GetInt64());
        Assert.Equal(3, first.GetProperty("pages").GetInt32());
        // The sums shown are the metric's numerator and denominator: 90 + 210 + 50 + 72 + 9 over 100 + 200 + 50 + 80 + 10.
        Assert.Equal(431m, first.GetProperty("sums").GetProperty("actual_qty").GetDecimal());
        Assert.Equal(440m, first.GetProperty("sums").GetProperty("planned_qty").GetDecimal());
        Assert.Equal<(decimal?, decimal?)>((431m, 440m), (metric.Numerator, metric.Denominator));
        var ids = pages.SelectMany(p => p.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("record_id").GetString())).ToList();
        Assert.Equal(["=1+2", "P1", "P2", "R1", "R2"], ids);

        var rejected = first.GetProperty("rejected");
        Assert.Equal(1, rejected.GetProperty("total").GetInt64());
        var row = Assert.Single(rejected.GetProperty("listed").EnumerateArray());
        Assert.Equal((9, "actual_qty"), (row.GetProperty("line").GetInt32(), row.GetProperty("column").GetString()));
    }

    [Fact]
    public async Task SortedDescending_FilteredToAChild_AndAsCsv_WithoutAFormula()
    {
        using var app = await CompanyAsync(DatabaseProvider.Sqlite);
        var admin = app.Admin();

        var sorted = await admin.GetFromJsonAsync<JsonElement>($"/api/metrics/PROD/{Month}/plan_completion/records?sort=actual_qty&desc=true", KpiApp.Json);
        Assert.Equal(["P2", "P1", "R2", "R1", "=1+2"],
            sorted.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("record_id").GetString()));

        var resin = await admin.GetFromJsonAsync<JsonElement>($"/api/metrics/PROD/{Month}/plan_completion/records?within=RESIN", KpiApp.Json);
        Assert.Equal(3, resin.GetProperty("total").GetInt64());
        Assert.Equal(131m, resin.GetProperty("sums").GetProperty("actual_qty").GetDecimal());

        var csv = await admin.GetAsync($"/api/metrics/PROD/{Month}/plan_completion/records?format=csv&sort=record_id");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(6, lines.Count); // a header and the five records
        // The id a spreadsheet would evaluate is written as text.
        Assert.Contains(lines, l => l.Contains("'=1+2"));
        Assert.DoesNotContain(lines, l => l.StartsWith("=") || l.Contains(",=1+2"));
    }

    [Theory]
    [InlineData("page_size=501", "page_size")]
    [InlineData("page=0", "page")]
    [InlineData("sort=salary", "sort")]
    [InlineData("within=QA", "within")]
    [InlineData("counted=maybe", "counted")]
    [InlineData("kind=hours", "kind")]
    [InlineData("format=pdf", "format")]
    public async Task BadQuery_Is400NamingIt(string query, string field)
    {
        using var app = await CompanyAsync(DatabaseProvider.Sqlite);

        var response = await app.Admin().GetAsync($"/api/metrics/PROD/{Month}/plan_completion/records?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task ManagerOfASibling_IsRefused_AndAnUnknownMetricIs404()
    {
        using var app = await CompanyAsync(DatabaseProvider.Sqlite);
        await app.NewUserAsync("qa-lead", "manager", ["QA"]);
        var qa = await app.WithTokenAsync("qa-lead");

        Assert.Equal(HttpStatusCode.Forbidden, (await qa.GetAsync($"/api/metrics/PROD/{Month}/plan_completion/records")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await qa.GetAsync($"/api/metrics/QA/{Month}/plan_completion/records")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin().GetAsync($"/api/metrics/PROD/{Month}/no_such_metric/records")).StatusCode);
    }
}
