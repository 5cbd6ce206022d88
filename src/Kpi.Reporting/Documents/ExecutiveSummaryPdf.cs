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
public sealed class ExecutiveSummaryPdf(ExecutiveSummaryModel model) : ReportPdf(model.Language, model.GeneratedAt)
{
    protected override DocumentInfo Info() => new(
        Title: $"{model.CompanyName} {Labels.ExecutiveSummaryTitle} {Labels.Period(model.Period)}",
        Author: model.CompanyName,
        Subject: $"{Labels.ExecutiveSummaryTitle}: {model.CompanyName}, {model.Period}, {Labels.Version} {model.Version}",
        Keywords: $"KPI, {model.Period}",
        Created: model.GeneratedAt);

    protected override Block ComposeHeader(PageInfo page) => PageChrome.Header(
        $"{model.CompanyName} · {Labels.ExecutiveSummaryTitle}", $"{Labels.Period(model.Period)} · {Labels.Version} {model.Version}");

    protected override void ComposeContent(Column content)
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
            .Paragraph(Labels.ExecutiveSummaryTitle, Typography.CoverTitle)
            .Paragraph(Labels.Period(model.Period), Typography.CoverSubtitle)
            .Rule(Palette.Brand, 1.5f, 4f)
            .Spacing(10f)
            .Add(KeyFigures.Tiles(
            [
                new KeyFigure(Labels.TotalScore, ReportFormat.Points(card.Total)),
                new KeyFigure(Labels.Grade, card.Grade ?? ReportFormat.Dash, Palette.GradeColor(card.Grade)),
                new KeyFigure(Labels.Completeness, ReportFormat.Percent(card.Completeness)),
                new KeyFigure(Labels.RedFlags, model.RedFlags.Count.ToString(CultureInfo.InvariantCulture),
                    model.RedFlags.Count > 0 ? Palette.Red : Palette.Green),
            ]));
        if (card.VetoReason is { } veto)
        {
            content.Spacing(10f).Box(new BoxStyle(Palette.RedFill, Accent: Palette.Red, Padding: 10f), box => box
                .Paragraph(Labels.VetoApplied, Typography.Heading3.WithColor(Palette.Red))
                .Paragraph(veto, Typography.Body));
        }
        if (model.Restatement is { } restated)
        {
            content.Spacing(10f).Box(new BoxStyle(Palette.NoticeFill, Accent: Palette.NoticeAccent, Padding: 10f), box => box
                .Paragraph(Labels.Paren(Labels.RestatedSummary, $"{Labels.Version} {restated.Version}"), Typography.Heading3.WithColor(Palette.Amber))
                .Spacing(3f)
                .KeyValues(new KeyValueList(
                    [
                        (Labels.RestatedAt, Labels.Timestamp(restated.RestatedAt)),
                        (Labels.RestatedDepartments, restated.Departments.Count == 0 ? ReportFormat.Dash : Labels.List(restated.Departments)),
                    ], Typography.KeyLabel, Typography.KeyValue, columns: 1, keyShare: 0.16f)));
        }
    }

    private void ComposeRanking(Column content)
    {
        var table = new Table(
        [
            new TableColumn(Labels.RankColumn, 5f, TextAlign.Center),
            new TableColumn(Labels.Department, 18f),
            new TableColumn(Labels.Code, 8f),
            new TableColumn(Labels.TotalScore, 9f, TextAlign.Right),
            new TableColumn(Labels.Grade, 6f, TextAlign.Center),
            new TableColumn(Labels.CompletenessColumn, 12f, TextAlign.Right),
            new TableColumn(Labels.Veto, 27f),
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
        content.Heading(Labels.DepartmentRanking, Typography.Heading1, spaceBefore: 18f, spaceAfter: 4f).Table(table);
    }

    private void ComposeRedFlags(Column content)
    {
        content.Heading(Labels.RedFlags, Typography.Heading1, spaceBefore: 18f, spaceAfter: 4f);
        if (model.RedFlags.Count == 0)
        {
            content.Paragraph(Labels.NoRedFlags, Typography.Body);
            return;
        }
        var table = new Table(
        [
            new TableColumn(Labels.Department, 16f),
            new TableColumn(Labels.Metric, 20f),
            new TableColumn(Labels.Status, 9f, TextAlign.Center),
            new TableColumn(Labels.Why, 40f),
        ], Typography.Table);
        foreach (var flag in model.RedFlags)
            table.AddRow(flag.DepartmentName, flag.MetricName, ScorecardTable.Status(flag.Status, Labels), flag.Why);
        content.Table(table);
    }

    private void ComposeTrend(Column content) =>
        content.Spacing(18f).KeepTogether(c => c
            .Heading(Labels.CompanyScoreTrend, Typography.Heading1, spaceAfter: 2f)
            .Add(TrendChart.Create(model.ScoreTrend, null, MetricUnit.Score, Labels, 170f, seriesLabel: Labels.TotalScore)));

    private void ComposeCompanyScorecard(Column content) =>
        content.Heading(Labels.CompanyScorecard, Typography.Heading1, spaceBefore: 18f, spaceAfter: 4f)
            .Table(ScorecardTable.Create(model.CompanyScorecard, Labels))
            .Spacing(6f)
            .Paragraph(Labels.ScorecardNote, Typography.Small);
}
