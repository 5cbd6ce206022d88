using System.Globalization;
using Kpi.Domain.Periods;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Mail;
using Kpi.Reporting.Models;
using Kpi.Testing.Reports;

namespace Kpi.Reporting.Tests.Mail;

public class ExecutiveSummaryMailTests
{
    private static readonly Uri Portal = new("https://kpi.huacai.example/executive/2026-10");

    [Fact]
    public void The_subject_is_company_report_and_period()
    {
        Assert.Equal("华东精密制造有限公司 经营月度摘要 2026年10月", Render().Subject);
        Assert.Equal("华东精密制造有限公司 Monthly summary October 2026", Render(SamplePacks.Executive(ReportLanguage.En)).Subject);
    }

    [Fact]
    public void A_restated_summary_is_a_correction_in_its_subject_and_says_what_was_restated()
    {
        var model = Restated(SamplePacks.Executive());
        var mail = Render(model);

        Assert.Equal("更正（版本 2）：华东精密制造有限公司 经营月度摘要 2026年10月", mail.Subject);
        Assert.Equal("Correction (version 2): 华东精密制造有限公司 Monthly summary October 2026",
            Render(Restated(SamplePacks.Executive(ReportLanguage.En))).Subject);
        foreach (var body in new[] { new MailHtmlReader(mail.Html).Text, mail.Text })
        {
            Assert.Contains("本摘要为重述版本(版本 2)", body);
            Assert.Contains("重述时间: 2026-11-10 10:00 (UTC+08:00)", body);
            Assert.Contains("重述部门: 树脂车间、生产部", body);
        }
        Assert.DoesNotContain("重述", Render().Text);
    }

    [Fact]
    public void The_html_shows_the_headline_the_ranking_and_every_red_flag_with_the_models_figures()
    {
        var model = SamplePacks.Executive();
        var html = new MailHtmlReader(Render(model).Html);

        // Headline: score 94.9, grade B, completeness 95.0% (生产部's card: 9 of 10 weighted lines have data), 2 red flags.
        Assert.Contains("综合得分\n94.9", html.Text);
        Assert.Contains("等级\nB", html.Text);
        Assert.Contains("数据完整度\n95.0%", html.Text);
        Assert.Contains("红色预警\n2", html.Text);

        var ranking = html.DataTables[0];
        Assert.Equal(["名次", "部门", "综合得分", "等级", "完整度"], ranking[0]);
        Assert.Equal(["1", "质量部", "96.8", "A", "100.0%"], ranking[1]);
        Assert.Equal(["4", "业务部 | 一票否决: 安全生产事故(重大及以上) = 1 > 0,等级由 B 封顶为 C", "90.1", "C", "100.0%"], ranking[4]);
        Assert.Equal(model.Ranking.Select(r => new[]
            {
                r.Rank.ToString(CultureInfo.InvariantCulture),
                r.VetoReason is null ? r.DepartmentName : $"{r.DepartmentName} | 一票否决: {r.VetoReason}",
                ReportFormat.Points(r.Total), r.Grade ?? "—", ReportFormat.Percent(r.Completeness),
            }),
            ranking.Skip(1));

        var flags = html.DataTables[1];
        Assert.Equal(["部门", "指标", "状态", "说明"], flags[0]);
        Assert.Equal(["生产部", "安全生产事故", "未达标", "实际 1 / 目标 0,得分 50.0"], flags[1]);
        Assert.Equal(model.RedFlags.Select(f => new[] { f.DepartmentName, f.MetricName, "未达标", f.Why }), flags.Skip(1));
    }

    [Fact]
    public void The_text_part_carries_the_same_figures()
    {
        var text = Render().Text;

        Assert.Contains("综合得分: 94.9\n等级: B\n数据完整度: 95.0%\n红色预警: 2", text.ReplaceLineEndings("\n"));
        Assert.Contains("1. 质量部 · 综合得分 96.8 · 等级 A · 完整度 100.0%", text);
        Assert.Contains("4. 业务部 · 综合得分 90.1 · 等级 C · 完整度 100.0%", text);
        Assert.Contains("   一票否决: 安全生产事故(重大及以上) = 1 > 0,等级由 B 封顶为 C", text);
        Assert.Contains("- 生产部 · 安全生产事故 [未达标]: 实际 1 / 目标 0,得分 50.0", text);
        Assert.Contains("在门户中查看: https://kpi.huacai.example/executive/2026-10", text);
    }

    [Fact]
    public void English_labels_and_the_same_numbers()
    {
        var mail = Render(SamplePacks.Executive(ReportLanguage.En));
        var html = new MailHtmlReader(mail.Html);

        Assert.Equal(["Rank", "Department", "Total score", "Grade", "Completeness"], html.DataTables[0][0]);
        Assert.Equal(["1", "Quality", "96.8", "A", "100.0%"], html.DataTables[0][1]);
        Assert.Equal(["Production", "Safety incidents", "Red", "Actual 1 / Target 0, Points 50.0"], html.DataTables[1][1]);
        Assert.Contains("Total score: 94.9", mail.Text);
        Assert.Contains("Open in the portal: https://kpi.huacai.example/executive/2026-10", mail.Text);
        Assert.Contains("lang=\"en\"", mail.Html);
    }

    [Fact]
    public void The_html_links_to_the_portal_and_has_no_image_script_or_style_sheet()
    {
        var html = new MailHtmlReader(Render().Html);

        Assert.Equal([Portal.AbsoluteUri, Portal.AbsoluteUri], html.Links);
        Assert.DoesNotContain("img", html.ElementNames);
        Assert.DoesNotContain("script", html.ElementNames);
        Assert.DoesNotContain("style", html.ElementNames);
        Assert.DoesNotContain("link", html.ElementNames);
        Assert.DoesNotContain(html.Elements, e => (string?)e.Attribute("style") is { } s && (s.Contains("flex") || s.Contains("grid")));
        // The outer layout is tables with widths and background colours as attributes, which Outlook honours.
        Assert.Contains(html.Elements, e => e.Name.LocalName == "table" && (string?)e.Attribute("width") == "640");
        Assert.Contains(html.Elements, e => e.Name.LocalName == "td" && e.Attribute("bgcolor") is not null);
    }

    [Fact]
    public void Names_from_data_are_escaped_in_the_html_and_kept_on_one_line_in_the_text()
    {
        const string hostile = "<script>alert('x')</script> & =HYPERLINK(\"http://evil.example\",\"点我\")";
        var model = SamplePacks.Executive() with { CompanyName = "华东 & <b>精密</b>\r\nBcc: x" };
        model = model with
        {
            Ranking = [model.Ranking[0] with { DepartmentName = hostile }, .. model.Ranking.Skip(1)],
            RedFlags = [model.RedFlags[0] with { MetricName = "<img src=x onerror=alert(1)>" }, .. model.RedFlags.Skip(1)],
        };
        var mail = Render(model);

        var html = new MailHtmlReader(mail.Html);
        Assert.DoesNotContain("script", html.ElementNames);
        Assert.DoesNotContain("img", html.ElementNames);
        Assert.DoesNotContain("b", html.ElementNames);
        Assert.Equal(hostile, html.DataTables[0][1][1]);
        Assert.Equal("<img src=x onerror=alert(1)>", html.DataTables[1][1][1]);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; =HYPERLINK(&quot;http://evil.example&quot;,&quot;点我&quot;)", mail.Html);
        Assert.Contains("华东 &amp; &lt;b&gt;精密&lt;/b&gt;", mail.Html);

        Assert.Equal("华东 & <b>精密</b>  Bcc: x 经营月度摘要 2026年10月", mail.Subject);
        Assert.Contains($"1. {hostile} · ", mail.Text);
        Assert.DoesNotContain("\nBcc: x", mail.Text.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    public void A_portal_link_that_is_not_http_is_refused(string link)
    {
        Assert.Throws<ArgumentException>(() => new ExecutiveSummaryMail(SamplePacks.Executive(), new Uri(link)));
    }

    private static RenderedMail Render(ExecutiveSummaryModel? model = null) => new ExecutiveSummaryMail(model ?? SamplePacks.Executive(), Portal).Render();

    private static ExecutiveSummaryModel Restated(ExecutiveSummaryModel model) => model with
    {
        Version = 2,
        Restatement = new SummaryRestatement(2, new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.FromHours(8)),
            model.Language == ReportLanguage.En ? ["Resin", "Production"] : ["树脂车间", "生产部"]),
    };
}
