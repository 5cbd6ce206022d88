using Kpi.Reporting.Documents.Components;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Kpi.Reporting.Pdf;

namespace Kpi.Reporting.Documents;

/// <summary>
/// A department's monthly KPI pack as PDF: a first page with the figures (score, grade, rank, restatement notice) and the scorecard with RAG
/// status, one section per KPI (13-month trend against target; month, quarter, YTD, same month last year; inputs
/// and arithmetic) and a data-quality appendix. The same model always gives the same bytes.
/// </summary>
public sealed class DepartmentPackPdf(DepartmentPackModel model) : ReportPdf(model.Language, model.GeneratedAt)
{
    private const int MaxRejectedRowsListed = 500;

    protected override DocumentInfo Info() => new(
        Title: $"{model.DepartmentName} {Labels.DepartmentPackTitle} {Labels.Period(model.Period)}",
        Author: model.CompanyName,
        Subject: $"{Labels.DepartmentPackTitle}: {model.DepartmentName} ({model.DepartmentCode}), {model.Period}, {Labels.Version} {model.Version}",
        Keywords: $"KPI, {model.DepartmentCode}, {model.Period}",
        Created: model.GeneratedAt);

    protected override Block ComposeHeader(PageInfo page) => PageChrome.Header(
        $"{model.CompanyName} · {Labels.DepartmentPackTitle}",
        $"{model.DepartmentName} · {Labels.Period(model.Period)} · {Labels.Version} {model.Version}");

    // The first page is the one most managers read alone: the figures, any veto or restatement, and the whole
    // scorecard. The metric sections that explain each line start on the next page.
    protected override void ComposeContent(Column content)
    {
        ComposeCover(content);
        ComposeScorecard(content);
        content.PageBreak();
        ComposeMetrics(content);
        content.PageBreak();
        ComposeDataQuality(content);
    }

    private void ComposeCover(Column content)
    {
        var card = model.Scorecard;
        content.Spacing(24f)
            .Paragraph(model.CompanyName, Typography.CoverCompany)
            .Paragraph(Labels.DepartmentPackTitle, Typography.CoverTitle)
            .Paragraph($"{Labels.Paren(model.DepartmentName, model.DepartmentCode)} · {Labels.Period(model.Period)}", Typography.CoverSubtitle)
            .Spacing(6f)
            .Rule(Palette.Brand, 1.5f, 4f)
            .Spacing(18f)
            .Add(KeyFigures.Tiles(
            [
                new KeyFigure(Labels.TotalScore, ReportFormat.Points(card.Total)),
                new KeyFigure(Labels.Grade, card.Grade ?? ReportFormat.Dash, Palette.GradeColor(card.Grade),
                    card.VetoReason is null ? null : Labels.VetoApplied),
                new KeyFigure(Labels.Rank, card.Rank?.ToString() ?? ReportFormat.Dash),
                new KeyFigure(Labels.Completeness, ReportFormat.Percent(card.Completeness)),
            ]));

        content.Spacing(8f).Paragraph(StatusSummary(card), Typography.Small);

        if (card.VetoReason is { } veto)
        {
            content.Spacing(12f).Box(new BoxStyle(Palette.RedFill, Accent: Palette.Red, Padding: 10f), box => box
                .Paragraph(Labels.VetoApplied, Typography.Heading3.WithColor(Palette.Red))
                .Paragraph(veto, Typography.Body));
        }

        if (model.Restatement is { } notice)
        {
            content.Spacing(12f).Add(RestatementPanel.Create(notice, Labels));
        }

        content.Spacing(6f)
            .Paragraph($"{Labels.Version} {model.Version} · {Labels.GeneratedAt} {Labels.Timestamp(model.GeneratedAt)}", Typography.Small)
            .Paragraph(Labels.Contents, Typography.Small)
            .Spacing(18f);
    }

    /// <summary>"达标 5 · 预警 4 · 未达标 1 · 无数据 1": the RAG picture of the card in one line.</summary>
    private string StatusSummary(ScorecardModel card) => string.Join(" · ",
        Enum.GetValues<Kpi.Domain.Scoring.RagStatus>()
            .Select(s => (Status: s, Count: card.WeightedLines.Count(l => l.Status == s)))
            .Where(x => x.Count > 0)
            .Select(x => $"{Labels.Rag(x.Status)} {x.Count}"));

    private void ComposeScorecard(Column content)
    {
        content.Heading(Labels.Scorecard, Typography.Heading1, spaceAfter: 4f)
            .Table(ScorecardTable.Create(model.Scorecard, Labels))
            .Spacing(6f)
            .Paragraph(Labels.ScorecardNote, Typography.Small);
        if (model.Scorecard.VetoReason is { } veto)
            content.Paragraph($"{Labels.Veto}: {veto}", Typography.Small.WithColor(Palette.Red));
    }

    private void ComposeMetrics(Column content)
    {
        content.Heading(Labels.MetricDetails, Typography.Heading1, spaceAfter: 4f);
        var number = 0;
        foreach (var section in model.Metrics)
        {
            var line = model.Scorecard.Lines.FirstOrDefault(l => l.MetricCode == section.MetricCode && !l.IsVeto);
            if (number > 0) content.Spacing(14f);
            content.Add(MetricSection.Create(++number, section, line, Labels));
        }
    }

    private void ComposeDataQuality(Column content)
    {
        var quality = model.DataQuality;
        content.Heading(Labels.DataQuality, Typography.Heading1, spaceAfter: 4f)
            .Heading(Labels.NoDataLines, Typography.Heading2, spaceAfter: 2f);
        if (quality.NoDataLines.Count == 0)
        {
            content.Paragraph(Labels.AllLinesHaveData, Typography.Body);
        }
        else
        {
            var missing = new Table(
            [
                new TableColumn(Labels.Metric, 2f),
                new TableColumn(Labels.Code, 1.5f),
                new TableColumn(Labels.SourceKind, 2f),
            ], Typography.Table);
            foreach (var line in quality.NoDataLines)
                missing.AddRow(line.MetricName, line.MetricCode, Labels.RecordKindName(line.SourceKind));
            content.Table(missing);
        }

        content.Heading(Labels.RejectedRows, Typography.Heading2, spaceBefore: 16f, spaceAfter: 2f);
        if (quality.RejectedRows.Count == 0)
        {
            content.Paragraph(Labels.NoRejectedRows, Typography.Body);
            return;
        }

        var listed = quality.RejectedRows.Take(MaxRejectedRowsListed).ToList();
        var count = Math.Max(quality.RejectedRowCount, quality.RejectedRows.Count);
        if (count > listed.Count)
            content.Paragraph(string.Format(System.Globalization.CultureInfo.InvariantCulture, Labels.RejectedRowsShown, count, listed.Count), Typography.Small);

        var rejected = new Table(
        [
            new TableColumn(Labels.Source, 3f),
            new TableColumn(Labels.LineNumber, 1f, TextAlign.Right),
            new TableColumn(Labels.Column, 1.6f),
            new TableColumn(Labels.Reason, 5f),
        ], Typography.Table);
        foreach (var row in listed)
            rejected.AddRow(row.Source, ReportFormat.Count(row.Line), row.Column ?? ReportFormat.Dash, row.Reason);
        content.Table(rejected);
    }
}
