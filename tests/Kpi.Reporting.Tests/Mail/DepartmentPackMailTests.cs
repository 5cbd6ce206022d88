using Kpi.Reporting.Mail;
using Kpi.Reporting.Models;
using Kpi.Testing.Reports;

namespace Kpi.Reporting.Tests.Mail;

public class DepartmentPackMailTests
{
    private static readonly Uri Portal = new("https://kpi.huacai.example/packs/2026-10");

    [Fact]
    public void One_department_names_it_in_the_subject_several_name_the_packs()
    {
        var production = SamplePacks.Production();
        Assert.Equal("华东精密制造有限公司 生产部 部门月度 KPI 报告 2026年10月", Render([production]).Subject);
        Assert.Equal("华东精密制造有限公司 部门月度 KPI 报告 2026年10月", Render([production, Resin(production)]).Subject);
        Assert.Equal("华东精密制造有限公司 Department KPI packs October 2026",
            Render([SamplePacks.Production(ReportLanguage.En), Resin(SamplePacks.Production(ReportLanguage.En))]).Subject);
    }

    [Fact]
    public void Each_department_shows_its_score_grade_rank_and_version_as_its_pack_does()
    {
        var production = SamplePacks.Production();
        var resin = Resin(production) with { Scorecard = production.Scorecard with { Total = 101.25m, Grade = "A", Rank = new PeerRank(1, 4) } };
        var mail = Render([production, resin]);

        var table = new MailHtmlReader(mail.Html).DataTables.Single();
        Assert.Equal(["部门", "综合得分", "等级", "名次", "版本"], table[0]);
        // 生产部's sample pack is version 2, a restatement; 树脂车间's is version 1.
        Assert.Equal(["生产部", "94.9", "B", "2 / 6", "2 · 已重述"], table[1]);
        Assert.Equal(["树脂车间", "101.3", "A", "1 / 4", "1"], table[2]);
        Assert.Contains("- 生产部 · 综合得分 94.9 · 等级 B · 名次 2 / 6 · 版本 2 (已重述)", mail.Text);
        Assert.Contains("- 树脂车间 · 综合得分 101.3 · 等级 A · 名次 1 / 4 · 版本 1", mail.Text);
        Assert.Contains("报告文件见附件", mail.Text);
        Assert.Equal([Portal.AbsoluteUri, Portal.AbsoluteUri], new MailHtmlReader(mail.Html).Links);
    }

    [Fact]
    public void A_correction_says_so_in_its_subject_and_above_the_list()
    {
        var model = DepartmentPackMailModel.From([SamplePacks.Production(ReportLanguage.En, "Production")], revision: 3);
        var mail = new DepartmentPackMail(model, Portal).Render();

        Assert.Equal("Correction (version 3): 华东精密制造有限公司 Production Department monthly KPI pack October 2026", mail.Subject);
        Assert.Contains("This mail is a correction (Version 3)", new MailHtmlReader(mail.Html).Text);
        Assert.Contains("The departments marked “Restated” have new figures", mail.Text);
        Assert.DoesNotContain("更正", Render([SamplePacks.Production()]).Subject);
    }

    [Fact]
    public void Names_from_data_are_escaped()
    {
        const string hostile = "<script>alert(1)</script> & =HYPERLINK(\"x\")";
        var mail = Render([SamplePacks.Production(departmentName: hostile)]);

        var html = new MailHtmlReader(mail.Html);
        Assert.DoesNotContain("script", html.ElementNames);
        Assert.Equal(hostile, html.DataTables.Single()[1][0]);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; =HYPERLINK(&quot;x&quot;)", mail.Html);
        Assert.Contains(hostile, mail.Text);
    }

    [Fact]
    public void Packs_of_different_periods_or_languages_do_not_make_one_mail()
    {
        var production = SamplePacks.Production();
        Assert.Throws<ArgumentException>(() => DepartmentPackMailModel.From([production, SamplePacks.Production(ReportLanguage.En)], 1));
        Assert.Throws<ArgumentException>(() => DepartmentPackMailModel.From([production, production with { Period = production.Period.Previous }], 1));
        Assert.Throws<ArgumentException>(() => DepartmentPackMailModel.From([], 1));
    }

    private static RenderedMail Render(IReadOnlyList<DepartmentPackModel> packs) =>
        new DepartmentPackMail(DepartmentPackMailModel.From(packs, revision: 1), Portal).Render();

    private static DepartmentPackModel Resin(DepartmentPackModel production) =>
        production with { DepartmentCode = "RES", DepartmentName = production.Language == ReportLanguage.En ? "Resin" : "树脂车间", Version = 1, Restatement = null };
}
