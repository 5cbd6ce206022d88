using Kpi.Reporting.Documents;
using Kpi.Reporting.Models;
using Kpi.Reporting.Tests.Pdf;
using Kpi.Testing.Reports;

namespace Kpi.Reporting.Tests.Documents;

public class ExecutiveSummaryPdfTests
{
    [Fact]
    public void Shows_headline_ranking_red_flags_trend_and_company_scorecard()
    {
        var pdf = PdfText.Read(new ExecutiveSummaryPdf(SamplePacks.Executive()).Render());
        var text = pdf.All;
        Assert.Contains("经营月度摘要", pdf.Pages[0]);
        Assert.Contains("部门排名", text);
        Assert.Contains("1质量部QA96.8A100.0%—", text);
        Assert.Contains("4业务部SALES90.1C100.0%安全生产事故(重大及以上)", text);
        Assert.Contains("红色预警", text);
        Assert.Contains("生产部安全生产事故未达标实际 1 / 目标 0,得分 50.0", text);
        Assert.Contains("公司综合得分趋势", text);
        Assert.Contains("公司记分卡", text);
        for (var i = 0; i < pdf.Pages.Count; i++) Assert.Contains($"第 {i + 1} 页 / 共 {pdf.Pages.Count} 页", pdf.Pages[i]);
    }

    [Fact]
    public void English_summary()
    {
        var pdf = PdfText.Read(new ExecutiveSummaryPdf(SamplePacks.Executive(ReportLanguage.En)).Render());
        Assert.Contains("Executive monthly summary", pdf.Pages[0]);
        Assert.Contains("Department ranking", pdf.All);
        Assert.Contains("Red flags", pdf.All);
        Assert.Contains("Actual 1 / Target 0, Points 50.0", pdf.All);
    }

    [Fact]
    public void A_restated_summary_says_its_version_when_and_which_departments()
    {
        var model = SamplePacks.Executive() with
        {
            Version = 2,
            Restatement = new SummaryRestatement(2, new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.FromHours(8)), ["树脂车间", "生产部"]),
        };
        var pdf = PdfText.Read(new ExecutiveSummaryPdf(model).Render());
        Assert.Contains("本摘要为重述版本(版本 2)", pdf.Pages[0]);
        Assert.Contains("重述时间2026-11-10 10:00 (UTC+08:00)", pdf.Pages[0]);
        Assert.Contains("重述部门树脂车间、生产部", pdf.Pages[0]);
        Assert.Contains("2026年10月 · 版本 2", pdf.Pages[0]);
        Assert.DoesNotContain("重述", PdfText.Read(new ExecutiveSummaryPdf(SamplePacks.Executive()).Render()).All);
    }

    [Fact]
    public void The_same_model_renders_to_the_same_bytes()
    {
        Assert.Equal(new ExecutiveSummaryPdf(SamplePacks.Executive()).Render(), new ExecutiveSummaryPdf(SamplePacks.Executive()).Render());
    }
}
