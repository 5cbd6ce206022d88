using System.Globalization;
using Kpi.Domain.Metrics;
using Kpi.Reporting.Documents.Components;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Kpi.Reporting.Pdf;

namespace Kpi.Reporting.Documents;

/// <summary>
/// The executives' monthly summary as PDF: headline figures, the department ranking, red flags, the company score's
/// 13-month trend and the company scorecard. Mailed as an attachment; the same model always gives the same bytes.
/// </summary>
public sealed class ExecutiveSummaryPdf(ExecutiveSummaryModel model)
{
    private readonly Labels _labels = Labels.For(model.Language);

    public byte[] Render() => Compose().Render();

    public void Render(Stream output) => Compose().Render(output);

    private PdfReport Compose()
    {
        var report = new PdfReport(Info()) { Header = ComposeHeader, Footer = ComposeFooter };
        ComposeContent(report.Content);
        return report;
    }

    private DocumentInfo Info() => new(
        Title: $"{model.CompanyName} {_labels.ExecutiveSummaryTitle} {_labels.Period(model.Period)}",
        Author: model.CompanyName,
        Subject: $"{_labels.ExecutiveSummaryTitle}: {model.CompanyName}, {model.Period}, {_labels.Version} {model.Version}",
        Keywords: $"KPI, {model.Period}",
        Created: model.GeneratedAt);

    private Block ComposeHeader(PageInfo page) => PageChrome.Header(
        $"{model.CompanyName} · {_labels.ExecutiveSummaryTitle}", $"{_labels.Period(model.Period)} · {_labels.Version} {model.Version}");

    private Block ComposeFooter(PageInfo page) => PageChrome.Footer(
        $"{_labels.Confidential} · {_labels.GeneratedAt} {_labels.Timestamp(model.GeneratedAt)}",
        _labels.PageOf(page.Number, page.Total));

    private void ComposeContent(Column content)
    {
        ComposeHeadline(content);
        ComposeRanking(content);
        ComposeRedFlags(content);
        ComposeTrend(content);
        ComposeCompanyScorecard(content);
    }

    private void ComposeHeadline(Column content)
    {
        var card = model.CompanyScorecard;
        content.Paragraph(model.CompanyName, Typography.CoverCompany)
            .Paragraph(_labels.ExecutiveSummaryTitle, Typography.CoverTitle)
            .Paragraph(_labels.Period(model.Period), Typography.CoverSubtitle)
            .Rule(Palette.Brand, 1.5f, 4f)
            .Spacing(10f)
            .Add(KeyFigures.Tiles(
            [
                new KeyFigure(_labels.TotalScore, ReportFormat.Points(card.Total)),
                new KeyFigure(_labels.Grade, card.Grade ?? ReportFormat.Dash, Palette.GradeColor(card.Grade)),
                new KeyFigure(_labels.Completeness, ReportFormat.Percent(card.Completeness)),
                new KeyFigure(_labels.RedFlags, model.RedFlags.Count.ToString(CultureInfo.InvariantCulture),
                    model.RedFlags.Count > 0 ? Palette.Red : Palette.Green),
            ]));
        if (card.VetoReason is { } veto)
        {
            content.Spacing(10f).Box(new BoxStyle(Palette.RedFill, Accent: Palette.Red, Padding: 10f), box => box
                .Paragraph(_labels.VetoApplied, Typography.Heading3.WithColor(Palette.Red))
                .Paragraph(veto, Typography.Body));
        }
        if (model.Restatement is { } restated)
        {
            content.Spacing(10f).Box(new BoxStyle(Palette.NoticeFill, Accent: Palette.NoticeAccent, Padding: 10f), box => box
                .Paragraph(_labels.Paren(_labels.RestatedSummary, $"{_labels.Version} {restated.Version}"), Typography.Heading3.WithColor(Palette.Amber))
                .Spacing(3f)
                .KeyValues(new KeyValueList(
                    [
                        (_labels.RestatedAt, _labels.Timestamp(restated.RestatedAt)),
                        (_labels.RestatedDepartments, restated.Departments.Count == 0 ? ReportFormat.Dash : _labels.List(restated.Departments)),
                    ], Typography.KeyLabel, Typography.KeyValue, columns: 1, keyShare: 0.16f)));
        }
    }

    private void ComposeRanking(Column content)
    {
        var table = new Table(
        [
            new TableColumn(_labels.RankColumn, 5f, TextAlign.Center),
            new TableColumn(_labels.Department, 18f),
            new TableColumn(_labels.Code, 8f),
            new TableColumn(_labels.TotalScore, 9f, TextAlign.Right),
            new TableColumn(_labels.Grade, 6f, TextAlign.Center),
            new TableColumn(_labels.CompletenessColumn, 12f, TextAlign.Right),
            new TableColumn(_labels.Veto, 27f),
        ], Typography.Table);
        foreach (var row in model.Ranking)
        {
            table.AddRow(
                row.Rank.ToString(CultureInfo.InvariantCulture),
                row.DepartmentName,
                row.DepartmentCode,
                ReportFormat.Points(row.Total),
                new TableCell(row.Grade ?? ReportFormat.Dash, Style: Typography.TableCellBold.WithColor(Palette.GradeColor(row.Grade))),
                ReportFormat.Percent(row.Completeness),
                row.VetoReason is { } veto ? new TableCell(veto, Style: Typography.TableCell.WithColor(Palette.Red)) : ReportFormat.Dash);
        }
        content.Heading(_labels.DepartmentRanking, Typography.Heading1, spaceBefore: 18f, spaceAfter: 4f).Table(table);
    }

    private void ComposeRedFlags(Column content)
    {
        content.Heading(_labels.RedFlags, Typography.Heading1, spaceBefore: 18f, spaceAfter: 4f);
        if (model.RedFlags.Count == 0)
        {
            content.Paragraph(_labels.NoRedFlags, Typography.Body);
            return;
        }
        var table = new Table(
        [
            new TableColumn(_labels.Department, 16f),
            new TableColumn(_labels.Metric, 20f),
            new TableColumn(_labels.Status, 9f, TextAlign.Center),
            new TableColumn(_labels.Why, 40f),
        ], Typography.Table);
        foreach (var flag in model.RedFlags)
            table.AddRow(flag.DepartmentName, flag.MetricName, ScorecardTable.Status(flag.Status, _labels), flag.Why);
        content.Table(table);
    }

    private void ComposeTrend(Column content) =>
        content.Spacing(18f).KeepTogether(c => c
            .Heading(_labels.CompanyScoreTrend, Typography.Heading1, spaceAfter: 2f)
            .Add(TrendChart.Create(model.ScoreTrend, null, MetricUnit.Score, _labels, 170f, seriesLabel: _labels.TotalScore)));

    private void ComposeCompanyScorecard(Column content) =>
        content.Heading(_labels.CompanyScorecard, Typography.Heading1, spaceBefore: 18f, spaceAfter: 4f)
            .Table(ScorecardTable.Create(model.CompanyScorecard, _labels))
            .Spacing(6f)
            .Paragraph(_labels.ScorecardNote, Typography.Small);
}
