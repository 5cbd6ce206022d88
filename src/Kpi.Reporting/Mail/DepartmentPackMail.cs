using Kpi.Reporting.Documents;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;

namespace Kpi.Reporting.Mail;

/// <summary>
/// A department-packs mail: one per recipient and period, listing the departments their scope allows with score, grade
/// and rank (the packs' PDF/XLSX files are attached by the sender), and a link to the portal. A correction says so in
/// its subject and marks the departments whose packs were restated.
/// </summary>
public sealed class DepartmentPackMail
{
    private readonly DepartmentPackMailModel model;
    private readonly Uri portal;
    private readonly Labels labels;

    /// <param name="model">The recipient's departments for the period.</param>
    /// <param name="portal">Where the recipient reads more: an absolute http(s) address.</param>
    public DepartmentPackMail(DepartmentPackMailModel model, Uri portal)
    {
        if (model.Departments.Count == 0) throw new ArgumentException("A department-packs mail needs at least one department.", nameof(model));
        this.model = model;
        this.portal = MailLinks.Checked(portal);
        labels = Labels.For(model.Language);
    }

    /// <summary>
    /// <c>{company} {report} {period}</c>; with a single department the report is named after it
    /// (<c>华彩涂料有限公司 生产部 部门月度 KPI 报告 2026年10月</c>), since that is what a manager looks for.
    /// </summary>
    public string Subject
    {
        get
        {
            var report = model.Departments.Count == 1 ? $"{model.Departments[0].DepartmentName} {labels.DepartmentPackTitle}" : labels.PacksMailName;
            var subject = MailText.OneLine($"{model.CompanyName} {report} {labels.Period(model.Period)}");
            return IsCorrection ? labels.CorrectionSubject(model.Revision, subject) : subject;
        }
    }

    public bool IsCorrection => model.Revision > 1;

    public RenderedMail Render() => new(Subject, Html(), Text());

    private string CorrectionHeading => labels.Paren(labels.CorrectionHeading, $"{labels.Version} {model.Revision}");

    private string Html()
    {
        var html = new MailHtml(Subject, model.Language).Banner(model.CompanyName, labels.PacksMailName, labels.Period(model.Period));
        if (IsCorrection)
            html.Notice(CorrectionHeading, [labels.PacksCorrection], Palette.NoticeAccent, Palette.NoticeFill, Palette.Amber);
        html.Paragraph(labels.PacksMailIntro).Table(
            [
                new MailColumn(labels.Department),
                new MailColumn(labels.TotalScore, 96, "right"),
                new MailColumn(labels.Grade, 56, "center"),
                new MailColumn(labels.RankColumn, 80, "center"),
                new MailColumn(labels.Version, 96, "center"),
            ],
            model.Departments.Select(d => (IReadOnlyList<MailCell>)
            [
                new MailCell(d.DepartmentName, Note: d.VetoReason is { } v ? $"{labels.Veto}: {v}" : null),
                new MailCell(Shown(d, ReportFormat.Points(d.Total)), d.Withheld ? Palette.Muted : null, Bold: !d.Withheld),
                new MailCell(Shown(d, d.Grade ?? ReportFormat.Dash), d.Withheld ? Palette.Muted : Palette.GradeColor(d.Grade), Bold: !d.Withheld),
                Shown(d, d.Rank?.ToString() ?? ReportFormat.Dash),
                d.Restated
                    ? new MailCell($"{d.Version} · {labels.RestatedMark}", Palette.Amber, Palette.NoticeFill, Bold: true)
                    : new MailCell(d.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]));
        return html.Closing(labels, portal, model.GeneratedAt).ToString();
    }

    /// <summary>A headline figure, or "不予显示" where the recipient's pack withholds it (a line outside their scope).</summary>
    private string Shown(DepartmentPackSummary d, string figure) => d.Withheld ? labels.Withheld : figure;

    private string Text()
    {
        var text = new MailText().Title(model.CompanyName, $"{labels.PacksMailName} · {labels.Period(model.Period)}");
        if (IsCorrection) text.Line().Line(CorrectionHeading).Indented(labels.PacksCorrection);
        text.Line().Line(labels.PacksMailIntro).Line();
        foreach (var d in model.Departments)
        {
            text.Line($"- {d.DepartmentName} · {labels.TotalScore} {Shown(d, ReportFormat.Points(d.Total))} · {labels.Grade} {Shown(d, d.Grade ?? ReportFormat.Dash)} · " +
                      $"{labels.RankColumn} {Shown(d, d.Rank?.ToString() ?? ReportFormat.Dash)} · {labels.Version} {d.Version}{(d.Restated ? $" ({labels.RestatedMark})" : "")}");
            if (d.VetoReason is { } v) text.Indented($"{labels.Veto}: {v}");
        }
        return text.Closing(labels, portal, model.GeneratedAt).ToString();
    }
}
