using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Hangfire;
using Hangfire.Storage;
using Kpi.Api.Tests.Support;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Jobs.Close;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Xlsx;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kpi.Api.Tests.Support.ApiCalls;

namespace Kpi.Api.Tests.Packs;

/// <summary>
/// The monthly close end to end, on the demo company the API seeds: closing last month through HTTP, the Hangfire jobs
/// rendering every pack, and the files read back — PDF with PdfPig, XLSX with ClosedXML — against the scorecard the
/// API computes from the same data by its own path. Then the promises around them: the same bytes on every download,
/// ETags, a second close that changes nothing, late data restating the month as version 2, and managers' scope.
/// </summary>
public sealed class ClosePacksTests
{
    /// <summary>The demo company's last month: the month before this one, in the company time zone.</summary>
    private static readonly string Month = CompanyTimeZone.Default.MonthOf(DateTime.UtcNow).Previous.ToString();

    private static Task<KpiApp> DemoAsync(DatabaseProvider provider) =>
        KpiApp.StartAsync(provider, new Dictionary<string, string?> { ["Kpi:Demo:Seed"] = "true", ["Kpi:Close:ScheduleEnabled"] = "false" });

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task Close_RendersPacksThatReadBackAsTheScorecard_AndTheSameBytesEveryTime(DatabaseProvider provider)
    {
        using var app = await DemoAsync(provider);
        var admin = app.Admin();
        // Before the close: a rejected row whose file name reads like a formula, for the pack's data-quality appendix.
        var rejected = await admin.PostAsync("/api/imports/production", KpiApp.File(Utf8Bom(
            $"record_id,department,date,planned_qty,actual_qty\nBAD-1,PROD,{Month}-15,100,lots\n"), "text/csv", "=HYPERLINK(1)-production.csv"));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        var period = await PackFiles.CloseAsync(admin, Month);
        var departments = period.GetProperty("departments").EnumerateArray().ToList();
        Assert.Equal(15, departments.Count);
        Assert.All(departments, d => Assert.Equal(1, d.GetProperty("latest_version").GetInt32()));
        Assert.Equal(31, period.GetProperty("packs").GetProperty("expected").GetInt32()); // 15 × (PDF + XLSX) + the summary
        Assert.Equal(31, period.GetProperty("packs").GetProperty("done").GetInt32());

        var score = await admin.GetFromJsonAsync<JsonElement>($"/api/scorecards/PROD/{Month}", KpiApp.Json);
        var lines = score.GetProperty("lines").EnumerateArray().ToList();

        // PDF: pages, Chinese headings, and the scorecard's numbers exactly as the API scored them.
        var (pdfResponse, pdf) = await PackFiles.GetAsync(admin, $"/api/packs/PROD/{Month}.pdf");
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        var disposition = pdfResponse.Content.Headers.ContentDisposition!;
        Assert.Equal($"PROD-{Month}-v1-zh.pdf", disposition.FileName);
        Assert.Equal($"生产部-{Month}-v1-zh.pdf", disposition.FileNameStar);
        var pages = PackFiles.PdfPages(pdf);
        Assert.Contains($"第 1 页 / 共 {pages.Count} 页", pages[0]);
        Assert.True(pages.Count >= 4, $"cover, scorecard, sections and appendix make at least 4 pages, not {pages.Count}");
        Assert.Contains("部门月度 KPI 报告", pages[0]);
        Assert.Contains("华彩涂料有限公司", pages[0]);
        Assert.Contains("生产部(PROD)", pages[0]);
        Assert.Contains("记分卡", pages[0]);
        Assert.Contains("指标明细", pages[1]);
        Assert.Contains("附录:数据质量", pages[^1]);
        Assert.Contains(ReportFormat.Points(score.GetProperty("total").GetDecimal()), pages[0]);
        foreach (var line in lines.Where(l => l.GetProperty("rule").GetProperty("type").GetString() != "veto"))
            Assert.Contains(ScorecardRow(line), pages[0]);
        Assert.Contains($"合计100{ReportFormat.Points(score.GetProperty("total").GetDecimal())}{score.GetProperty("grade").GetString()}", pages[0]);
        Assert.True(pages[^1].Contains("=HYPERLINK(1)-production.csv"), pages[^1]);

        // XLSX: numbers as numbers with the scorecard's formats, formulas, and source text kept as text.
        var (xlsxResponse, xlsx) = await PackFiles.GetAsync(admin, $"/api/packs/PROD/{Month}.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        using (var workbook = new XLWorkbook(new MemoryStream(xlsx)))
        {
            var summary = workbook.Worksheet("记分卡");
            var first = DepartmentPackXlsx.SummaryHeaderRow + 1;
            var weighted = lines.Where(l => l.GetProperty("rule").GetProperty("type").GetString() != "veto").ToList();
            for (var i = 0; i < weighted.Count; i++)
            {
                var row = summary.Row(first + i);
                var line = weighted[i];
                var metric = line.GetProperty("metric").GetString()!;
                Assert.Equal(metric, row.Cell(1).GetString());
                var actual = row.Cell(6);
                if (line.GetProperty("actual").ValueKind == JsonValueKind.Null)
                {
                    Assert.True(actual.IsEmpty());
                    continue;
                }
                Assert.Equal(XLDataType.Number, actual.DataType);
                Assert.Equal((double)line.GetProperty("actual").GetDecimal(), actual.GetDouble(), 12);
                Assert.Equal(ReportFormat.ExcelFormat(MetricCatalogue.Describe(metric).Unit), actual.Style.NumberFormat.Format);
                if (Decimal(line, "achievement") is { } achievement) Assert.Equal((double)achievement, row.Cell(7).GetDouble(), 12);
                else Assert.True(row.Cell(7).IsEmpty()); // a deduction line scores the count itself, with no achievement
                Assert.Equal("0.0%", row.Cell(7).Style.NumberFormat.Format);
                Assert.StartsWith($"H{first + i}*I{first + i}/SUMIF(", row.Cell(11).FormulaA1);
                Assert.Equal((double)line.GetProperty("weighted").GetDecimal(), row.Cell(11).GetDouble(), 9);
            }
            // Percent metrics are fractions shown as percents: 0.959 with "0.0%", never the text "95.9%".
            Assert.Equal("0.0%", summary.Cell(first, 6).Style.NumberFormat.Format);
            var quality = workbook.Worksheet("数据质量");
            var source = quality.Cell(2, 1);
            Assert.StartsWith("=HYPERLINK(1)-production.csv", source.GetString());
            Assert.False(source.HasFormula);
            Assert.True(source.Style.IncludeQuotePrefix);
        }

        // Downloading again: the same bytes, the same ETag, and 304 for a client that has them.
        var (again, pdfAgain) = await PackFiles.GetAsync(admin, $"/api/packs/PROD/{Month}.pdf");
        Assert.Equal(pdf, pdfAgain);
        Assert.Equal(pdfResponse.Headers.ETag, again.Headers.ETag);
        Assert.Equal($"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf))}\"", again.Headers.ETag!.Tag);
        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/packs/PROD/{Month}.pdf");
        conditional.Headers.IfNoneMatch.Add(again.Headers.ETag);
        var notModified = await admin.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(again.Headers.ETag, notModified.Headers.ETag);
        var (_, xlsxAgain) = await PackFiles.GetAsync(admin, $"/api/packs/PROD/{Month}.xlsx");
        Assert.Equal(xlsx, xlsxAgain);
        var (pinned, pinnedPdf) = await PackFiles.GetAsync(admin, $"/api/packs/PROD/{Month}.pdf?version=1");
        Assert.Equal(pdf, pinnedPdf);
        Assert.Contains("immutable", pinned.Headers.CacheControl!.ToString());

        // English on first request, then stored: the same bytes again.
        var (_, english) = await PackFiles.GetAsync(admin, $"/api/packs/PROD/{Month}.pdf?lang=en");
        Assert.Contains("Department monthly KPI pack", PackFiles.PdfPages(english)[0]);
        Assert.Equal(english, (await PackFiles.GetAsync(admin, $"/api/packs/PROD/{Month}.pdf?lang=en")).Bytes);

        // The zip: every department, PDF and XLSX, the same archive twice.
        var (zipResponse, zip) = await PackFiles.GetAsync(admin, $"/api/packs/{Month}.zip");
        Assert.Equal("application/zip", zipResponse.Content.Headers.ContentType?.MediaType);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.Equal(30, archive.Entries.Count);
            var entry = archive.GetEntry($"生产部-{Month}-v1-zh.pdf")!;
            using var copy = new MemoryStream();
            await using (var stream = entry.Open()) await stream.CopyToAsync(copy);
            Assert.Equal(pdf, copy.ToArray());
        }
        Assert.Equal(zip, (await PackFiles.GetAsync(admin, $"/api/packs/{Month}.zip")).Bytes);

        // The executive summary: the company, its departments ranked, red flags.
        var (_, summaryPdf) = await PackFiles.GetAsync(admin, $"/api/summary/{Month}.pdf");
        var summaryPages = PackFiles.PdfPages(summaryPdf);
        Assert.Contains("经营月度摘要", summaryPages[0]);
        Assert.Contains("部门排名", summaryPages[0]);
        Assert.Contains("红色预警", string.Join("\n", summaryPages));
        Assert.Contains("综合财务部", summaryPages[0]);

        // Closing again without new data changes nothing: no version, no render, the same bytes.
        var packsBefore = await StoredPackCountAsync(app);
        var closedAgain = await PackFiles.CloseAsync(admin, Month);
        Assert.Equal(1, closedAgain.GetProperty("revision").GetInt32());
        Assert.All(closedAgain.GetProperty("departments").EnumerateArray(), d => Assert.Equal(1, d.GetProperty("latest_version").GetInt32()));
        Assert.Equal(packsBefore, await StoredPackCountAsync(app));
        Assert.Equal(pdf, (await PackFiles.GetAsync(admin, $"/api/packs/PROD/{Month}.pdf")).Bytes);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task LateImport_RestatesTheMonthAsVersion2_AndThePackSaysSo(DatabaseProvider provider)
    {
        using var app = await DemoAsync(provider);
        var admin = app.Admin();
        await PackFiles.CloseAsync(admin, Month);
        var (_, version1) = await PackFiles.GetAsync(admin, $"/api/packs/PROD-RESIN/{Month}.pdf");
        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/scorecards/PROD-RESIN/{Month}", KpiApp.Json);

        // A production order of 树脂车间 that missed the close arrives: planned 100, made 10.
        var upload = await admin.PostAsync("/api/imports/production", KpiApp.File(Utf8Bom(
            $"record_id,department,date,planned_qty,actual_qty\nLATE-1,PROD-RESIN,{Month}-20,100,10\n"), "text/csv", "late-resin.csv"));
        var run = (await upload.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("run_id").GetInt64();

        // The upload asks for a restatement check; it closes the month again as revision 2.
        var period = await PackFiles.WaitUntilClosedAsync(admin, Month, revision: 2);
        var resin = period.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("department").GetString() == "PROD-RESIN");
        Assert.Equal(2, resin.GetProperty("latest_version").GetInt32());
        var changes = resin.GetProperty("versions")[1].GetProperty("changes");
        Assert.Equal("restatement", changes.GetProperty("trigger").GetString());
        var changedRun = Assert.Single(changes.GetProperty("runs").EnumerateArray());
        Assert.Equal(run, changedRun.GetProperty("run_id").GetInt64());
        Assert.Equal(1, changedRun.GetProperty("records").GetInt64());
        var unaffected = period.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("department").GetString() == "CS-DESK");
        Assert.Equal(1, unaffected.GetProperty("latest_version").GetInt32());

        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/scorecards/PROD-RESIN/{Month}", KpiApp.Json);
        var (response, version2) = await PackFiles.GetAsync(admin, $"/api/packs/PROD-RESIN/{Month}.pdf");
        Assert.Equal($"树脂车间-{Month}-v2-zh.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
        var cover = PackFiles.PdfPages(version2)[0];
        Assert.Contains("本报告为重述版本(版本 2)", cover);
        Assert.Contains($"导入批次 #{run}(late-resin.csv)变更了本期 1 条生产记录", cover);
        Assert.Contains("综合得分" + ReportFormat.Points(before.GetProperty("total").GetDecimal()) + ReportFormat.Points(after.GetProperty("total").GetDecimal()), cover);
        Assert.Contains("生产计划完成率" + Actual(before, MetricCatalogue.PlanCompletion) + Actual(after, MetricCatalogue.PlanCompletion), cover);

        // Version 1 stays what it was, byte for byte.
        Assert.Equal(version1, (await PackFiles.GetAsync(admin, $"/api/packs/PROD-RESIN/{Month}.pdf?version=1")).Bytes);
        var notFound = await admin.GetAsync($"/api/packs/PROD-RESIN/{Month}.pdf?version=3");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task Managers_GetOnlyTheirDepartments_AndNoSummary()
    {
        using var app = await DemoAsync(DatabaseProvider.Sqlite);
        await PackFiles.CloseAsync(app.Admin(), Month);
        var manager = await app.NewKeyAsync("manager", "PROD");
        var executive = await app.NewKeyAsync("executive");

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/packs/PROD-RESIN/{Month}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/packs/QA/{Month}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/packs/HQ/{Month}.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/summary/{Month}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await executive.GetAsync($"/api/summary/{Month}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync($"/api/periods/{Month}/close", null)).StatusCode);

        var (_, zip) = await PackFiles.GetAsync(manager, $"/api/packs/{Month}.zip?format=pdf");
        using var archive = new ZipArchive(new MemoryStream(zip));
        var names = archive.Entries.Select(e => e.FullName).Order().ToList();
        string[] production = ["生产部", "树脂车间", "制漆车间", "特种漆车间", "乳胶漆车间", "包装组", "设备维修组"];
        Assert.Equal(production.Select(n => $"{n}-{Month}-v1-zh.pdf").Order(), names);

        var period = await manager.GetFromJsonAsync<JsonElement>($"/api/periods/{Month}", KpiApp.Json);
        Assert.Equal(7, period.GetProperty("departments").GetArrayLength());
        // Progress counts their 7 departments' PDF and XLSX, not the company's 15, and says nothing of the summary.
        var packs = period.GetProperty("packs");
        Assert.Equal((14, 14, 0), (packs.GetProperty("expected").GetInt32(), packs.GetProperty("done").GetInt32(), packs.GetProperty("departments_pending").GetInt32()));
        Assert.False(packs.GetProperty("summary_rendered").GetBoolean());
        var all = (await app.Admin().GetFromJsonAsync<JsonElement>($"/api/periods/{Month}", KpiApp.Json)).GetProperty("packs");
        Assert.Equal((31, 31), (all.GetProperty("expected").GetInt32(), all.GetProperty("done").GetInt32()));
    }

    [Fact]
    public async Task Schedule_ClosesLastMonthOnTheConfiguredDayAndTime_InTheCompanyTimeZone()
    {
        using var app = await KpiApp.StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Kpi:Demo:Seed"] = "true", ["Kpi:Close:Day"] = "5", ["Kpi:Close:Time"] = "07:30" });

        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var recurring = connection.GetRecurringJobs().ToDictionary(j => j.Id);
            Assert.Equal("30 7 5 * *", recurring[CloseSchedule.MonthlyCloseId].Cron);
            Assert.Equal(CompanyTimeZone.DefaultId, recurring[CloseSchedule.MonthlyCloseId].TimeZoneId);
            Assert.Contains(CloseSchedule.RestatementCheckId, recurring.Keys);
        }

        // What the schedule runs when its time comes: the close of last month.
        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(CloseSchedule.MonthlyCloseId);
        var period = await PackFiles.WaitUntilClosedAsync(app.Admin(), Month);
        Assert.Equal("schedule", period.GetProperty("requested_by").GetString());
        Assert.Equal(15, period.GetProperty("departments").GetArrayLength());
    }

    [Fact]
    public async Task Close_RefusesWhatCannotBeClosed_AndDownloadsSayWhatIsMissing()
    {
        using var app = await DemoAsync(DatabaseProvider.Sqlite);
        var admin = app.Admin();
        var thisMonth = CompanyTimeZone.Default.MonthOf(DateTime.UtcNow).ToString();

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/periods/{thisMonth}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/periods/2026-Q3/close", null)).StatusCode);
        var notClosed = await admin.GetAsync($"/api/packs/PROD/{Month}.pdf");
        Assert.Equal(HttpStatusCode.NotFound, notClosed.StatusCode);
        Assert.Contains($"POST /api/periods/{Month}/close", await notClosed.Content.ReadAsStringAsync());
        Assert.Equal("open", (await admin.GetFromJsonAsync<JsonElement>($"/api/periods/{Month}", KpiApp.Json)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/packs/PROD/{Month}.pdf?lang=fr")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/packs/NOPE/{Month}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/summary/{Month}.pdf")).StatusCode);

        // The downloads are in the OpenAPI document with the media types they answer with.
        var openApi = await app.Anonymous().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/packs/{department}/{period}.pdf", openApi);
        Assert.Contains("/api/periods/{period}/close", openApi);
        Assert.Contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", openApi);
    }

    /// <summary>A scorecard row of the PDF as PdfPig reads it: the cells' text run together.</summary>
    private static string ScorecardRow(JsonElement line)
    {
        var metric = line.GetProperty("metric").GetString()!;
        var definition = MetricCatalogue.Describe(metric);
        Directions.TryParse(line.GetProperty("direction").GetString(), out var direction);
        return definition.NameZh + Labels.DirectionArrow(direction)
            + ReportFormat.Value(Decimal(line, "target"), definition.Unit) + ReportFormat.Value(Decimal(line, "actual"), definition.Unit)
            + ReportFormat.Percent(Decimal(line, "achievement")) + ReportFormat.Points(Decimal(line, "points"))
            + ReportFormat.Weight(Decimal(line, "weight")) + ReportFormat.Weighted(Decimal(line, "weighted"))
            + Labels.Zh.Rag(Enum.Parse<RagStatus>(line.GetProperty("status").GetString()!.Replace("_", ""), ignoreCase: true));
    }

    private static string Actual(JsonElement score, string metric)
    {
        var line = score.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("metric").GetString() == metric);
        return ReportFormat.Value(Decimal(line, "actual"), MetricCatalogue.Describe(metric).Unit);
    }

    private static decimal? Decimal(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    private static async Task<int> StoredPackCountAsync(KpiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KpiDbContext>().Set<StoredFile>().CountAsync();
    }
}
