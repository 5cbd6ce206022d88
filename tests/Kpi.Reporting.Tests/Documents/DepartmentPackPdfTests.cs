using Kpi.Domain.Metrics;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Kpi.Reporting.Tests.Pdf;
using Kpi.Testing.Reports;

namespace Kpi.Reporting.Tests.Documents;

public class DepartmentPackPdfTests
{
    private static readonly Lazy<byte[]> Chinese = new(() => new DepartmentPackPdf(SamplePacks.Production()).Render());
    private static readonly Lazy<PdfText> ChineseText = new(() => PdfText.Read(Chinese.Value));

    [Fact]
    public void Renders_cover_scorecard_metric_sections_and_appendix_on_A4_pages()
    {
        var pdf = ChineseText.Value;
        // Cover with the scorecard; the 10 metric sections from page 2 (the heading leaves room for 2, then 3 a page);
        // the appendix.
        Assert.Equal(6, pdf.Pages.Count);
        Assert.Contains("部门月度 KPI 报告", pdf.Pages[0]);
        Assert.Contains("记分卡", pdf.Pages[0]);
        var firstSection = $"1. {SamplePacks.Production().Metrics[0].MetricName}";
        Assert.DoesNotContain(firstSection, pdf.Pages[0]);
        Assert.Contains(firstSection, pdf.Pages[1]);
        var details = pdf.Pages[1].IndexOf("指标明细", StringComparison.Ordinal);
        Assert.InRange(details, 0, pdf.Pages[1].IndexOf("1. ", StringComparison.Ordinal));
        Assert.Contains("附录:数据质量", pdf.Pages[^1]);
        Assert.Contains("被拒绝的记录", pdf.Pages[^1]);
    }

    [Fact]
    public void Chinese_text_copies_out_as_the_same_characters()
    {
        var pdf = ChineseText.Value;
        Assert.Contains("生产部", pdf.Pages[0]);
        Assert.Contains("华东精密制造有限公司", pdf.Pages[0]);
        Assert.Contains("生产计划完成率", pdf.Pages[0]);
        // The font once mapped these look-alikes onto the same glyphs; none may come out.
        Assert.DoesNotContain(pdf.All, c => c is >= '\u2E80' and <= '\u2FDF' or >= '\uF900' and <= '\uFAFF');
    }

    [Fact]
    public void Every_page_says_which_page_of_how_many()
    {
        var pdf = ChineseText.Value;
        for (var i = 0; i < pdf.Pages.Count; i++)
        {
            Assert.Contains($"第 {i + 1} 页 / 共 {pdf.Pages.Count} 页", pdf.Pages[i]);
        }
    }

    [Fact]
    public void Cover_shows_score_grade_rank_completeness_and_the_restatement()
    {
        var cover = ChineseText.Value.Pages[0];
        Assert.Contains("94.9", cover);
        Assert.Contains("综合得分", cover);
        Assert.Contains("2 / 6", cover);
        Assert.Contains("95.0%", cover);
        Assert.Contains("本报告为重述版本(版本 2)", cover);
        Assert.Contains("10月28–31日的质检记录于11月10日补录", cover);
        // Restated quality pass rate: was 0.9875, now 0.992.
        Assert.Contains("98.8%", cover);
        Assert.Contains("99.2%", cover);
    }

    [Fact]
    public void Scorecard_shows_the_models_numbers_exactly_as_formatted()
    {
        var model = SamplePacks.Production();
        var page = ChineseText.Value.Pages[0];
        foreach (var line in model.Scorecard.Lines)
        {
            var row = line.MetricName + (line.IsVeto ? Labels.Zh.VetoLineSuffix : "") + Labels.DirectionArrow(line.Direction)
                + ReportFormat.Value(line.Target, line.Unit) + ReportFormat.Value(line.Actual, line.Unit)
                + ReportFormat.Percent(line.Achievement) + ReportFormat.Points(line.Points)
                + (line.IsVeto ? "—" : ReportFormat.Weight(line.Weight)) + (line.IsVeto ? "—" : ReportFormat.Weighted(line.Weighted))
                + Labels.Zh.Rag(line.Status);
            Assert.Contains(row, page);
        }

        // The same, spelled out for plan completion (12,315 / 12,500 = 0.9852 against 1.0, weight 20 of 95 with data).
        Assert.Contains("生产计划完成率↑100.0%98.5%98.5%98.52020.74预警", page);
        Assert.Contains("部门协作满意度↑90.0———5—无数据", page);
        Assert.Contains("合计10094.9B", page);
    }

    [Fact]
    public void Metric_sections_show_month_quarter_ytd_and_same_month_last_year()
    {
        var model = SamplePacks.Production();
        var quality = model.Metrics.Single(m => m.MetricCode == MetricCatalogue.QualityPass);
        var text = ChineseText.Value.All;
        Assert.Contains("4. 产品质量合格率", text);
        Assert.Contains(
            "本月" + ReportFormat.Value(quality.Month, quality.Unit) + "本季度累计" + ReportFormat.Value(quality.Quarter, quality.Unit)
            + "本年累计" + ReportFormat.Value(quality.YearToDate, quality.Unit) + "去年同月" + ReportFormat.Value(quality.SameMonthLastYear, quality.Unit)
            + "目标99.0%", text);
        Assert.Contains("分子9,920", text);
        Assert.Contains("分母10,000", text);
    }

    [Fact]
    public void A_long_table_repeats_its_header_row_on_the_next_page()
    {
        var pdf = PdfText.Read(new DepartmentPackPdf(SamplePacks.Production(extraRejectedRows: 150)).Render());
        var pagesWithRows = pdf.Pages.Where(p => p.Contains("inbox/bulk-", StringComparison.Ordinal)).ToList();
        Assert.True(pagesWithRows.Count >= 2, $"the rejected rows should flow over several pages, not {pagesWithRows.Count}");
        foreach (var page in pagesWithRows)
        {
            var header = page.IndexOf("来源行号列原因", StringComparison.Ordinal);
            Assert.True(header >= 0, "each page of the table starts with its header row");
            Assert.True(header < page.IndexOf("inbox/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void English_labels_with_lang_en()
    {
        var pdf = PdfText.Read(new DepartmentPackPdf(SamplePacks.Production(ReportLanguage.En)).Render());
        Assert.Contains("Department monthly KPI pack", pdf.Pages[0]);
        Assert.Contains("Total score", pdf.Pages[0]);
        Assert.Contains("This pack is a restatement (Version 2)", pdf.Pages[0]);
        // Every header of the scorecard on one line: none broken inside a word ("Achieveme" / "nt").
        Assert.Contains("MetricDirectionTargetActualAchievementPointsWeightWeightedStatus", pdf.Pages[0]);
        Assert.Contains("Scorecard", pdf.Pages[0]);
        Assert.Contains("Plan completion", pdf.Pages[0]);
        Assert.Contains("Appendix: data quality", pdf.Pages[^1]);
        for (var i = 0; i < pdf.Pages.Count; i++) Assert.Contains($"Page {i + 1} of {pdf.Pages.Count}", pdf.Pages[i]);
        Assert.DoesNotContain("记分卡", pdf.All);
    }

    [Fact]
    public void Document_information_comes_from_the_model()
    {
        var pdf = ChineseText.Value;
        Assert.Equal("生产部 部门月度 KPI 报告 2026年10月", pdf.Title);
        Assert.Equal(SamplePacks.Company, pdf.Author);
        Assert.StartsWith("D:20261112024500", pdf.Created);
    }

    [Fact]
    public void The_same_model_renders_to_the_same_bytes()
    {
        var again = new DepartmentPackPdf(SamplePacks.Production()).Render();
        Assert.Equal(Chinese.Value, again);
    }

    [Fact]
    public void Packs_rendered_in_parallel_are_the_same_as_one_rendered_alone()
    {
        // The monthly close renders departments side by side; fonts, ScottPlot and Skia state must not leak between renders.
        var parallel = new byte[4][];
        Parallel.For(0, parallel.Length, i => parallel[i] = new DepartmentPackPdf(SamplePacks.Production()).Render());
        Assert.All(parallel, bytes => Assert.Equal(Chinese.Value, bytes));
    }

    [Fact]
    public void The_font_is_embedded_small_and_once()
    {
        // Type 3 fonts hold only the glyphs used; a whole CJK font would be megabytes.
        Assert.InRange(Chinese.Value.Length, 50_000, 1_000_000);
    }
}
