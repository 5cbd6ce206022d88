using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Kpi.Api.Tests.Packs;
using Kpi.Api.Tests.Support;
using Kpi.Domain.Periods;
using Kpi.Storage;
using Kpi.Testing.Storage;
using static Kpi.Api.Tests.Support.ApiCalls;

namespace Kpi.Api.Tests.Access;

/// <summary>
/// A scorecard line scoped to a department outside the caller's scope (issue 14): 装配部's card scores, besides its own
/// plan completion, 涂装部's. The manager of 装配部 gets 403 on 涂装部's metrics, so every route that carries the card —
/// the explained score, the PDF and XLSX packs, the zip and the close's status — gives them none of 涂装部's figures and
/// none of the card's total, grade or completeness (which would rebuild them); the admin gets all of it.
/// </summary>
public sealed class ScopeRedactionTests
{
    private static readonly string Month = CompanyTimeZone.Default.MonthOf(DateTime.UtcNow).Previous.ToString();

    /// <summary>
    /// 装配部 made 900 of 1,000 planned (90 %); 涂装部 8,731 of 10,000 (87.31 %): the figures that must not reach the
    /// manager of 装配部, and the total (60 × 90 + 40 × 87.31) / 100 = 88.924 that would give them away.
    /// </summary>
    private const string Card = """
        {"lines":[
          {"metric":"plan_completion","target":1.0,"weight":60,"rule":{"type":"linear","cap":1.2}},
          {"metric":"plan_completion","scope":"PAINT","target":1.0,"weight":40,"rule":{"type":"linear","cap":1.2}}]}
        """;

    private static async Task<KpiApp> AssemblyAsync(DatabaseProvider provider)
    {
        var app = await KpiApp.StartAsync(provider, new Dictionary<string, string?> { ["Kpi:Close:ScheduleEnabled"] = "false" });
        var admin = app.Admin();
        await Upload(admin, "departments", Utf8Bom("code,name,parent_code\nHQ,华彩涂料有限公司,\nASM,装配部,HQ\nPAINT,涂装部,HQ\n"), "text/csv");
        await Upload(admin, "production", Utf8Bom(
            $"record_id,department,date,planned_qty,actual_qty\nA1,ASM,{Month}-10,1000,900\nP1,PAINT,{Month}-11,10000,8731\n"), "text/csv");
        var put = await admin.PutAsync("/api/scorecards/ASM", new StringContent(Card, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return app;
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task ManagerOfTheDepartment_GetsNoFigureOfTheSiblingItsLineIsScopedTo_NorTheCardsTotal_AdminGetsAll(DatabaseProvider provider)
    {
        using var app = await AssemblyAsync(provider);
        var admin = app.Admin();
        var manager = await app.NewKeyAsync("manager", "ASM");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/metrics/PAINT/{Month}")).StatusCode);

        // The explained score: the scoped line keeps its definition and loses every figure; the card's own are withheld.
        var seen = await manager.GetStringAsync($"/api/scorecards/ASM/{Month}");
        var score = JsonDocument.Parse(seen).RootElement;
        foreach (var figure in new[] { "total", "grade", "completeness", "veto" })
            Assert.Equal(JsonValueKind.Null, score.GetProperty(figure).ValueKind);
        Assert.Equal(["PAINT"], score.GetProperty("withheld").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var own = score.GetProperty("lines")[0];
        Assert.Equal((0.9m, 900m, 1000m, 1L), (own.GetProperty("actual").GetDecimal(), own.GetProperty("numerator").GetDecimal(),
            own.GetProperty("denominator").GetDecimal(), own.GetProperty("records").GetInt64()));
        Assert.Equal(JsonValueKind.Null, own.GetProperty("weighted").ValueKind);
        var hidden = score.GetProperty("lines")[1];
        Assert.Equal(("PAINT", "outside_scope", true, 40m, 1.0m), (hidden.GetProperty("scope").GetString(), hidden.GetProperty("status").GetString(),
            hidden.GetProperty("outside_scope").GetBoolean(), hidden.GetProperty("weight").GetDecimal(), hidden.GetProperty("target").GetDecimal()));
        foreach (var figure in new[] { "actual", "numerator", "denominator", "records", "achievement", "points", "effective_weight", "weighted", "veto_triggered" })
            Assert.Equal(JsonValueKind.Null, hidden.GetProperty(figure).ValueKind);
        foreach (var leak in new[] { "8731", "0.8731", "87.31", "88.92" }) Assert.DoesNotContain(leak, seen);

        var whole = await admin.GetFromJsonAsync<JsonElement>($"/api/scorecards/ASM/{Month}", KpiApp.Json);
        Assert.Equal(88.924m, whole.GetProperty("total").GetDecimal());
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("withheld").ValueKind);
        var paint = whole.GetProperty("lines")[1];
        Assert.Equal((0.8731m, 8731m, 10000m, 1L, "red"), (paint.GetProperty("actual").GetDecimal(), paint.GetProperty("numerator").GetDecimal(),
            paint.GetProperty("denominator").GetDecimal(), paint.GetProperty("records").GetInt64(), paint.GetProperty("status").GetString()));
        Assert.False(paint.GetProperty("outside_scope").GetBoolean());

        // The month closed: the packs, the zip and the close's status.
        await PackFiles.CloseAsync(admin, Month);

        var (managerPdfResponse, managerPdf) = await PackFiles.GetAsync(manager, $"/api/packs/ASM/{Month}.pdf");
        var (adminPdfResponse, adminPdf) = await PackFiles.GetAsync(admin, $"/api/packs/ASM/{Month}.pdf");
        Assert.NotEqual(adminPdf, managerPdf);
        Assert.NotEqual(adminPdfResponse.Headers.ETag, managerPdfResponse.Headers.ETag);
        var managerText = string.Join("\n", PackFiles.PdfPages(managerPdf));
        Assert.Contains("90.0%", managerText);
        Assert.Contains("不予显示", managerText);
        Assert.Contains("查阅范围外", managerText);
        Assert.Contains("部分指标不在您的查阅范围内", managerText);
        foreach (var leak in new[] { "87.3", "8,731", "8731", "88.9" }) Assert.DoesNotContain(leak, managerText);
        var adminText = string.Join("\n", PackFiles.PdfPages(adminPdf));
        Assert.Contains("87.3%", adminText);
        Assert.Contains("88.9", adminText);
        Assert.DoesNotContain("不予显示", adminText);
        // The restricted pack is stored too: the same bytes and ETag on the next download.
        var (again, managerPdfAgain) = await PackFiles.GetAsync(manager, $"/api/packs/ASM/{Month}.pdf");
        Assert.Equal(managerPdf, managerPdfAgain);
        Assert.Equal(managerPdfResponse.Headers.ETag, again.Headers.ETag);

        var (_, managerXlsx) = await PackFiles.GetAsync(manager, $"/api/packs/ASM/{Month}.xlsx");
        var (_, adminXlsx) = await PackFiles.GetAsync(admin, $"/api/packs/ASM/{Month}.xlsx");
        Assert.NotEqual(adminXlsx, managerXlsx);
        var managerCells = Cells(managerXlsx);
        Assert.Contains(0.9, managerCells.Numbers);
        Assert.Contains("不予显示", managerCells.Texts);
        foreach (var leak in new[] { 0.8731, 8731, 10000, 88.924 }) Assert.DoesNotContain(managerCells.Numbers, n => Math.Abs(n - leak) < 1e-9);
        Assert.DoesNotContain(managerCells.Texts, t => t.Contains("87.3", StringComparison.Ordinal) || t.Contains("8731", StringComparison.Ordinal));
        // No formula that would rebuild the total from the visible lines: only the weights' sum is left.
        Assert.All(managerCells.Formulas, f => Assert.StartsWith("SUM($I$", f));
        var adminCells = Cells(adminXlsx);
        Assert.Contains(adminCells.Numbers, n => Math.Abs(n - 0.8731) < 1e-9);
        Assert.Contains(adminCells.Numbers, n => Math.Abs(n - 8731) < 1e-9);

        // The zip holds the manager's variant of each pack; the admin's holds the full one.
        using (var zip = new ZipArchive(new MemoryStream((await PackFiles.GetAsync(manager, $"/api/packs/{Month}.zip")).Bytes)))
        {
            Assert.Equal([$"装配部-{Month}-v1-zh.pdf", $"装配部-{Month}-v1-zh.xlsx"], zip.Entries.Select(e => e.FullName).Order());
            Assert.Equal(managerPdf, Read(zip, $"装配部-{Month}-v1-zh.pdf"));
            Assert.Equal(managerXlsx, Read(zip, $"装配部-{Month}-v1-zh.xlsx"));
        }
        using (var zip = new ZipArchive(new MemoryStream((await PackFiles.GetAsync(admin, $"/api/packs/{Month}.zip?format=pdf")).Bytes)))
            Assert.Equal(adminPdf, Read(zip, $"装配部-{Month}-v1-zh.pdf"));

        // The close's status: the version's total and grade are the card's, withheld as well.
        var managerVersion = Version(await manager.GetFromJsonAsync<JsonElement>($"/api/periods/{Month}", KpiApp.Json));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, true), (managerVersion.GetProperty("total").ValueKind, managerVersion.GetProperty("grade").ValueKind,
            managerVersion.GetProperty("withheld").GetBoolean()));
        var adminVersion = Version(await admin.GetFromJsonAsync<JsonElement>($"/api/periods/{Month}", KpiApp.Json));
        Assert.Equal((88.924m, false), (adminVersion.GetProperty("total").GetDecimal(), adminVersion.GetProperty("withheld").GetBoolean()));
    }

    [Fact]
    public async Task ManagerWhoseScopeCoversTheScopedLine_GetsTheWholeCard_AndTheFullPack()
    {
        using var app = await AssemblyAsync(DatabaseProvider.Sqlite);
        var both = await app.NewKeyAsync("manager", "ASM", "PAINT");

        var score = await both.GetFromJsonAsync<JsonElement>($"/api/scorecards/ASM/{Month}", KpiApp.Json);
        Assert.Equal(88.924m, score.GetProperty("total").GetDecimal());
        Assert.Equal(JsonValueKind.Null, score.GetProperty("withheld").ValueKind);

        await PackFiles.CloseAsync(app.Admin(), Month);
        Assert.Equal((await PackFiles.GetAsync(app.Admin(), $"/api/packs/ASM/{Month}.pdf")).Bytes, (await PackFiles.GetAsync(both, $"/api/packs/ASM/{Month}.pdf")).Bytes);
    }

    /// <summary>The portal's scorecard page carries the same card: live before the close, frozen after it.</summary>
    [Fact]
    public async Task ManagersScorecardPage_ShowsNoFigureOfTheSibling_LiveOrClosed_AndItsDrillDownIsRefused()
    {
        using var app = await AssemblyAsync(DatabaseProvider.Sqlite);
        await app.NewUserAsync("asm.head", "manager", departments: ["ASM"]);
        await app.NewUserAsync("boss", "admin");
        var manager = await app.BrowserAsync("asm.head");
        var boss = await app.BrowserAsync("boss");

        async Task AssertRedactedAsync(string when)
        {
            var page = await manager.GetAsync($"/scorecards/ASM/{Month}");
            var html = await page.Content.ReadAsStringAsync();
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{when}: {(int)page.StatusCode}");
            Assert.Contains("按涂装部计算", html); // the line is there, saying why it shows nothing
            foreach (var leak in new[] { "8731", "8,731", "87.31", "88.92" }) Assert.False(html.Contains(leak, StringComparison.Ordinal), $"{when}: the page shows {leak}");
            Assert.Contains("87.31", await boss.GetStringAsync($"/scorecards/ASM/{Month}"));
        }

        await AssertRedactedAsync("live");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/scorecards/PAINT/{Month}/plan_completion/records")).StatusCode);
        await PackFiles.CloseAsync(app.Admin(), Month);
        await AssertRedactedAsync("closed");
    }

    private static JsonElement Version(JsonElement period) =>
        period.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("department").GetString() == "ASM").GetProperty("versions")[0];

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var copy = new MemoryStream();
        using (var stream = zip.GetEntry(name)!.Open()) stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Every number and text a reader could find in any cell of the workbook, and its formulas.</summary>
    private static (List<double> Numbers, List<string> Texts, List<string> Formulas) Cells(byte[] xlsx)
    {
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        var cells = workbook.Worksheets.SelectMany(ws => ws.CellsUsed()).ToList();
        return (cells.Where(c => !c.HasFormula && c.DataType == XLDataType.Number).Select(c => c.GetDouble()).ToList(),
            cells.Where(c => c.DataType == XLDataType.Text).Select(c => c.GetString()).ToList(),
            cells.Where(c => c.HasFormula).Select(c => c.FormulaA1).ToList());
    }
}
