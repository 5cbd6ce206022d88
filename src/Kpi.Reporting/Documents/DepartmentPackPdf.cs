using Kpi.Reporting.Documents.Components;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Kpi.Reporting.Pdf;

namespace Kpi.Reporting.Documents;

/// <summary>
/// A department's monthly KPI pack as PDF: a first page with the figures (score, grade, rank, restatement notice) and the scorecard with RAG
/// status, one section per KPI (13-month trend against target; month, quarter, YTD, same month last year; inputs
/// and arithmetic) and a data-quality appendix. The same model always gives the same bytes. A card with withheld
/// figures (the restricted variant) says so on its cover, dashes its hidden lines and has no section for them.
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
        var withheld = card.Withheld is not null;
        string Shown(string value) => withheld ? Labels.Withheld : value;
        var muted = withheld ? Palette.Muted : (SkiaSharp.SKColor?)null;
        content.Spacing(24f)
            .Paragraph(model.CompanyName, Typography.CoverCompany)
            .Paragraph(Labels.DepartmentPackTitle, Typography.CoverTitle)
            .Paragraph($"{Labels.Paren(model.DepartmentName, model.DepartmentCode)} · {Labels.Period(model.Period)}", Typography.CoverSubtitle)
            .Spacing(6f)
            .Rule(Palette.Brand, 1.5f, 4f)
            .Spacing(18f)
            .Add(KeyFigures.Tiles(
            [
                new KeyFigure(Labels.TotalScore, Shown(ReportFormat.Points(card.Total)), muted),
                new KeyFigure(Labels.Grade, Shown(card.Grade ?? ReportFormat.Dash), muted ?? Palette.GradeColor(card.Grade),
                    card.VetoReason is null ? null : Labels.VetoApplied),
                new KeyFigure(Labels.Rank, Shown(card.Rank?.ToString() ?? ReportFormat.Dash), muted),
                new KeyFigure(Labels.Completeness, Shown(ReportFormat.Percent(card.Completeness)), muted),
            ]));

        content.Spacing(8f).Paragraph(StatusSummary(card), Typography.Small);

        if (card.Withheld is { } hidden)
        {
            content.Spacing(12f).Box(new BoxStyle(Palette.NoticeFill, Accent: Palette.NoticeAccent, Padding: 10f), box => box
                .Paragraph(Labels.WithheldHeading, Typography.Heading3.WithColor(Palette.Amber))
                .Paragraph(Labels.WithheldText(hidden, model.DepartmentName), Typography.Body));
        }

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

    /// <summary>"达标 5 · 预警 4 · 未达标 1 · 无数据 1 · 查阅范围外 2": the RAG picture of the card in one line.</summary>
    private string StatusSummary(ScorecardModel card) => string.Join(" · ",
        Enum.GetValues<Kpi.Domain.Scoring.RagStatus>()
            .Select(s => (Label: Labels.Rag(s), Count: card.WeightedLines.Count(l => !l.OutsideScope && l.Status == s)))
            .Append((Label: Labels.OutsideScope, Count: card.WeightedLines.Count(l => l.OutsideScope)))
            .Where(x => x.Count > 0)
            .Select(x => $"{x.Label} {x.Count}"));

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
            var line = section.LineOf(model.Scorecard);
            // A restricted pack's model holds no section for a hidden line; should one slip in, its trend stays unprinted.
            if (line is { OutsideScope: true }) continue;
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
