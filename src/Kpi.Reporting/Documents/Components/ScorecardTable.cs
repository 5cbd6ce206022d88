using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Kpi.Reporting.Pdf;

namespace Kpi.Reporting.Documents.Components;

/// <summary>
/// The scorecard as a table: one row per weighted line with target, actual, achievement, points, weight, weighted
/// points and a RAG status written out on its colour; veto lines after them; a total row. Numbers align right. A line
/// outside the reader's scope shows its target and weight and a dash for every figure; a card with withheld figures
/// says so in its total row.
/// </summary>
public static class ScorecardTable
{
    public static Table Create(ScorecardModel card, Labels labels)
    {
        var table = new Table(
        [
            // Wide enough for the English headers "Direction" and "Achievement" at the table's header size.
            new TableColumn(labels.Metric, 22f),
            new TableColumn(labels.DirectionLabel, 8.5f, TextAlign.Center),
            new TableColumn(labels.Target, 9.5f, TextAlign.Right),
            new TableColumn(labels.Actual, 9.5f, TextAlign.Right),
            new TableColumn(labels.Achievement, 11.5f, TextAlign.Right),
            new TableColumn(labels.Points, 8f, TextAlign.Right),
            new TableColumn(labels.Weight, 7f, TextAlign.Right),
            new TableColumn(labels.Weighted, 9f, TextAlign.Right),
            new TableColumn(labels.Status, 10f, TextAlign.Center),
        ], Typography.Table);

        foreach (var line in card.WeightedLines.Concat(card.Lines.Where(l => l.IsVeto)))
        {
            if (line.OutsideScope)
            {
                // What the line is stays (target, weight); every figure is a dash, and the status says why.
                var muted = Typography.TableCellMuted;
                table.AddRow(
                    new TableCell(line.IsVeto ? line.MetricName + labels.VetoLineSuffix : line.MetricName),
                    Labels.DirectionArrow(line.Direction),
                    ReportFormat.Value(line.Target, line.Unit),
                    new TableCell(ReportFormat.Dash, Style: muted), new TableCell(ReportFormat.Dash, Style: muted), new TableCell(ReportFormat.Dash, Style: muted),
                    line.IsVeto ? ReportFormat.Dash : ReportFormat.Weight(line.Weight),
                    new TableCell(ReportFormat.Dash, Style: muted),
                    OutsideScope(labels));
                continue;
            }
            table.AddRow(
                line.IsVeto ? line.MetricName + labels.VetoLineSuffix : line.MetricName,
                Labels.DirectionArrow(line.Direction),
                ReportFormat.Value(line.Target, line.Unit),
                ReportFormat.Value(line.Actual, line.Unit),
                ReportFormat.Percent(line.Achievement),
                ReportFormat.Points(line.Points),
                line.IsVeto ? ReportFormat.Dash : ReportFormat.Weight(line.Weight),
                line.IsVeto ? ReportFormat.Dash : ReportFormat.Weighted(line.Weighted),
                Status(line.Status, labels));
        }

        var total = card.Withheld is null
            ? new TableCell(ReportFormat.Points(card.Total), Style: Typography.TableCellBold)
            : new TableCell(labels.Withheld, Style: Typography.TableCellBold.WithColor(Palette.Muted));
        table.AddRow(
            [
                new TableCell(labels.TotalRow, Style: Typography.TableCellBold), "", "", "", "", "",
                ReportFormat.Weight(card.WeightedLines.Sum(l => l.Weight)),
                total,
                new TableCell(card.Grade ?? ReportFormat.Dash, Style: Typography.TableCellBold.WithColor(Palette.GradeColor(card.Grade))),
            ],
            rowBackground: Palette.BrandLight);
        return table;
    }

    public static TableCell Status(Kpi.Domain.Scoring.RagStatus status, Labels labels) =>
        new(labels.Rag(status), Palette.RagFill(status), Typography.TableCellBold.WithColor(Palette.RagText(status)));

    /// <summary>The status of a line outside the reader's scope: no colour of RAG, since it has no status to show.</summary>
    public static TableCell OutsideScope(Labels labels) =>
        new(labels.OutsideScope, Palette.NoDataFill, Typography.TableCell.WithColor(Palette.Muted));
}
