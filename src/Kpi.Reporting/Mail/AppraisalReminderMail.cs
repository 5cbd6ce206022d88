using System.Globalization;
using Kpi.Domain.Appraisal;
using Kpi.Reporting.Appraisal;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;

namespace Kpi.Reporting.Mail;

/// <summary>
/// A reminder of one pending appraisal step, as its holder reads it: whose appraisal (employee, department), which cycle,
/// the step and its deadline, whether it has passed, and <see cref="HrReviews"/> when HR holds a review because the
/// employee has no appraiser.
/// </summary>
public sealed record AppraisalReminderMailModel(
    string CompanyName,
    string CycleName,
    string EmployeeName,
    string EmployeeNo,
    string Department,
    ReminderStep Step,
    ReminderTiming Timing,
    DateOnly Due,
    bool HrReviews,
    DateTimeOffset GeneratedAt,
    ReportLanguage Language);

/// <summary>
/// The mail that reminds someone of an appraisal step: subject <c>{company} 绩效考核提醒 {cycle}</c>, one sentence saying
/// what is due when (or overdue since when), the appraisal it belongs to, and a button to the form itself. HTML and
/// plain text say the same; names from data are escaped or put on one line, as in every mail.
/// </summary>
public sealed class AppraisalReminderMail
{
    private readonly AppraisalReminderMailModel model;
    private readonly Uri form;
    private readonly Labels labels;
    private readonly AppraisalLabels words;

    /// <param name="form">The form the step is taken on (<c>/appraisal/{id}/self</c> or <c>/review</c>): an absolute http(s) address.</param>
    public AppraisalReminderMail(AppraisalReminderMailModel model, Uri form)
    {
        this.model = model;
        this.form = MailLinks.Checked(form);
        labels = Labels.For(model.Language);
        words = AppraisalLabels.For(model.Language);
    }

    public string Subject => MailText.OneLine($"{model.CompanyName} {words.ReminderTitle} {model.CycleName}");

    public RenderedMail Render() => new(Subject, Html(), Text());

    private string Sentence
    {
        get
        {
            var format = (model.Step, model.Timing) switch
            {
                (ReminderStep.SelfAssessment, ReminderTiming.Before) => words.ReminderSelfBefore,
                (ReminderStep.SelfAssessment, _) => words.ReminderSelfAfter,
                (_, ReminderTiming.Before) => words.ReminderReviewBefore,
                _ => words.ReminderReviewAfter,
            };
            return string.Format(CultureInfo.InvariantCulture, format, Employee, DueText);
        }
    }

    private string Employee => $"{model.EmployeeName} ({model.EmployeeNo})";

    private string DueText => model.Language == ReportLanguage.En
        ? model.Due.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
        : model.Due.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    private IEnumerable<(string Label, string Value)> Facts =>
    [
        (words.Cycle, model.CycleName),
        (words.Name, Employee),
        (labels.Department, model.Department),
        (words.Step, words.StatusName(model.Step == ReminderStep.SelfAssessment ? AppraisalStatus.SelfAssessment : AppraisalStatus.ManagerReview)),
    ];

    private string Html()
    {
        var html = new MailHtml(Subject, model.Language).Banner(model.CompanyName, words.ReminderTitle, model.CycleName);
        var overdue = model.Timing == ReminderTiming.After;
        html.Notice(Sentence, model.HrReviews ? [words.ReminderHrReviews] : [], overdue ? Palette.Red : Palette.NoticeAccent,
            overdue ? Palette.RedFill : Palette.NoticeFill, overdue ? Palette.Red : Palette.Amber);
        html.Facts(Facts);
        return html.Button(words.ReminderOpenForm, form, labels.PortalLinkFallback)
            .Footer([$"{labels.GeneratedAt}: {labels.Timestamp(model.GeneratedAt)}", labels.SentAutomatically]).ToString();
    }

    private string Text()
    {
        var text = new MailText().Title(model.CompanyName, $"{words.ReminderTitle} · {model.CycleName}").Line().Line(Sentence);
        if (model.HrReviews) text.Line(words.ReminderHrReviews);
        text.Line();
        foreach (var (label, value) in Facts) text.Line($"{label}: {value}");
        return text.Line().Line($"{words.ReminderOpenForm}: {form.AbsoluteUri}").Line()
            .Line($"{labels.GeneratedAt}: {labels.Timestamp(model.GeneratedAt)}").Line(labels.SentAutomatically).ToString();
    }
}
