using Kpi.Domain.Appraisal;
using Kpi.Reporting.Mail;
using Kpi.Reporting.Models;

namespace Kpi.Reporting.Tests.Mail;

public class AppraisalReminderMailTests
{
    private static readonly Uri Form = new("https://kpi.huacai.example/appraisal/12/review");

    private static AppraisalReminderMailModel Model(string employee = "李娜", bool hr = false, ReminderTiming timing = ReminderTiming.After,
        ReportLanguage language = ReportLanguage.Zh) =>
        new("华彩涂料有限公司", "2026年第四季度员工考核", employee, "HC0042", "树脂车间", ReminderStep.Review, timing, new DateOnly(2026, 11, 20), hr,
            new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(8)), language);

    [Fact]
    public void An_overdue_review_says_whose_since_when_and_links_to_the_form()
    {
        var mail = new AppraisalReminderMail(Model(), Form).Render();

        Assert.Equal("华彩涂料有限公司 绩效考核提醒 2026年第四季度员工考核", mail.Subject);
        var html = new MailHtmlReader(mail.Html);
        Assert.Contains("您对 李娜 (HC0042) 的考核评价已于 2026年11月20日 截止，尚未提交，请尽快完成。", html.Text);
        Assert.All(html.Links, link => Assert.Equal(Form.AbsoluteUri, link));
        Assert.Equal(2, html.Links.Count); // the button and the address under it
        Assert.Contains($"打开考核表: {Form.AbsoluteUri}", mail.Text);
        Assert.DoesNotContain("人力资源部评价", mail.Text);
    }

    [Fact]
    public void A_review_HR_holds_says_why_and_an_English_reminder_before_the_deadline_reads_as_such()
    {
        Assert.Contains("该员工没有直属上级，由人力资源部评价。", new AppraisalReminderMail(Model(hr: true), Form).Render().Text);

        var english = new AppraisalReminderMail(Model(timing: ReminderTiming.Before, language: ReportLanguage.En), Form).Render();
        Assert.Equal("华彩涂料有限公司 Appraisal reminder 2026年第四季度员工考核", english.Subject);
        Assert.Contains("Your review of 李娜 (HC0042) is due on 20 November 2026: please submit it by then.", english.Text);
    }

    [Fact]
    public void A_name_with_markup_or_a_line_break_stays_text()
    {
        var mail = new AppraisalReminderMail(Model(employee: "<b>李娜</b>\n姓名: 伪造"), Form).Render();

        var html = new MailHtmlReader(mail.Html);
        Assert.DoesNotContain("b", html.ElementNames);
        Assert.Contains("<b>李娜</b>", html.Text);
        Assert.DoesNotContain("\n姓名: 伪造", mail.Text);
    }
}
