using System.Globalization;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;

namespace Kpi.Reporting.Mail;

/// <summary>
/// The executives' monthly summary as a mail: subject <c>{company} {report} {period}</c> (a restatement's says it is a
/// correction and which version), then the headline figures, the department ranking with scores and grades, every red
/// flag with its figure against its target, and a link to the portal — in HTML that reads with images blocked and in
/// plain text. It shows the same model as <see cref="ExecutiveSummaryPdf"/>, which is usually attached.
/// </summary>
public sealed class ExecutiveSummaryMail
{
    private readonly ExecutiveSummaryModel model;
    private readonly Uri portal;
    private readonly Labels labels;

    /// <param name="model">The summary of one revision of a period.</param>
    /// <param name="portal">Where the recipient reads more: an absolute http(s) address, shown as a button and as text.</param>
    public ExecutiveSummaryMail(ExecutiveSummaryModel model, Uri portal)
    {
        this.model = model;
        this.portal = MailLinks.Checked(portal);
        labels = Labels.For(model.Language);
    }

    public string Subject
    {
        get
        {
            var subject = MailText.OneLine($"{model.CompanyName} {labels.SummaryMailName} {labels.Period(model.Period)}");
            return IsCorrection ? labels.CorrectionSubject(model.Version, subject) : subject;
        }
    }

    /// <summary>A revision after the first restates the period: the mail replaces one already sent.</summary>
    public bool IsCorrection => model.Version > 1 || model.Restatement is not null;

    public RenderedMail Render() => new(Subject, Html(), Text());

    private string Html()
    {
        var card = model.CompanyScorecard;
        var html = new MailHtml(Subject, model.Language)
            .Banner(model.CompanyName, labels.ExecutiveSummaryTitle, Heading);
        if (model.Restatement is { } restated)
            html.Notice(RestatedHeading(restated), RestatedLines(restated), Palette.NoticeAccent, Palette.NoticeFill, Palette.Amber);
        html.Figures(
        [
            (labels.TotalScore, ReportFormat.Points(card.Total), Palette.Ink),
            (labels.Grade, card.Grade ?? ReportFormat.Dash, Palette.GradeColor(card.Grade)),
            (labels.Completeness, ReportFormat.Percent(card.Completeness), Palette.Ink),
            (labels.RedFlags, model.RedFlags.Count.ToString(CultureInfo.InvariantCulture), model.RedFlags.Count > 0 ? Palette.Red : Palette.Green),
        ]);
        if (card.VetoReason is { } veto)
            html.Notice(labels.VetoApplied, [veto], Palette.Red, Palette.RedFill, Palette.Red);

        html.Heading(labels.DepartmentRanking).Table(
            [
                new MailColumn(labels.RankColumn, 48, "center"),
                new MailColumn(labels.Department),
                new MailColumn(labels.TotalScore, 96, "right"),
                new MailColumn(labels.Grade, 56, "center"),
                new MailColumn(labels.CompletenessColumn, 96, "right"),
            ],
            model.Ranking.Select(row => (IReadOnlyList<MailCell>)
            [
                row.Rank.ToString(CultureInfo.InvariantCulture),
                new MailCell(row.DepartmentName, Note: row.VetoReason is { } v ? $"{labels.Veto}: {v}" : null),
                new MailCell(ReportFormat.Points(row.Total), Bold: true),
                new MailCell(row.Grade ?? ReportFormat.Dash, Palette.GradeColor(row.Grade), Bold: true),
                ReportFormat.Percent(row.Completeness),
            ]));

        html.Heading(labels.RedFlags);
        if (model.RedFlags.Count == 0) html.Paragraph(labels.NoRedFlags);
        else
            html.Table(
                [
                    new MailColumn(labels.Department, 120),
                    new MailColumn(labels.Metric, 150),
                    new MailColumn(labels.Status, 64, "center"),
                    new MailColumn(labels.Why),
                ],
                model.RedFlags.Select(flag => (IReadOnlyList<MailCell>)
                [
                    flag.DepartmentName,
                    flag.MetricName,
                    new MailCell(labels.Rag(flag.Status), Palette.RagText(flag.Status), Palette.RagFill(flag.Status), Bold: true),
                    flag.Why,
                ]));

        return html.Closing(labels, portal, model.GeneratedAt).ToString();
    }

    private string Text()
    {
        var card = model.CompanyScorecard;
        var text = new MailText().Title(model.CompanyName, $"{labels.ExecutiveSummaryTitle} · {Heading}");
        if (model.Restatement is { } restated)
        {
            text.Line().Line(RestatedHeading(restated));
            foreach (var line in RestatedLines(restated)) text.Indented(line);
        }
        text.Line()
            .Line($"{labels.TotalScore}: {ReportFormat.Points(card.Total)}")
            .Line($"{labels.Grade}: {card.Grade ?? ReportFormat.Dash}")
            .Line($"{labels.Completeness}: {ReportFormat.Percent(card.Completeness)}")
            .Line($"{labels.RedFlags}: {model.RedFlags.Count.ToString(CultureInfo.InvariantCulture)}");
        if (card.VetoReason is { } veto) text.Line($"{labels.VetoApplied}: {veto}");

        text.Heading(labels.DepartmentRanking);
        foreach (var row in model.Ranking)
        {
            text.Line($"{row.Rank}. {row.DepartmentName} · {labels.TotalScore} {ReportFormat.Points(row.Total)} · {labels.Grade} {row.Grade ?? ReportFormat.Dash} · " +
                      $"{labels.CompletenessColumn} {ReportFormat.Percent(row.Completeness)}");
            if (row.VetoReason is { } v) text.Indented($"{labels.Veto}: {v}");
        }

        text.Heading(labels.RedFlags);
        if (model.RedFlags.Count == 0) text.Line(labels.NoRedFlags);
        foreach (var flag in model.RedFlags)
            text.Line($"- {flag.DepartmentName} · {flag.MetricName} [{labels.Rag(flag.Status)}]: {flag.Why}");

        return text.Closing(labels, portal, model.GeneratedAt).ToString();
    }

    private string Heading => $"{labels.Period(model.Period)} · {labels.Version} {model.Version}";

    private string RestatedHeading(SummaryRestatement restated) =>
        labels.Paren(labels.RestatedSummary, $"{labels.Version} {restated.Version}");

    private IEnumerable<string> RestatedLines(SummaryRestatement restated) =>
    [
        $"{labels.RestatedAt}: {labels.Timestamp(restated.RestatedAt)}",
        $"{labels.DepartmentsRestated}: {(restated.Departments.Count == 0 ? ReportFormat.Dash : labels.List(restated.Departments))}",
    ];
}
