using ClosedXML.Excel;
using Kpi.Domain.Scoring;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;

namespace Kpi.Reporting.Xlsx;

/// <summary>
/// A department's monthly pack as a workbook to work with: the scorecard (Summary), the 13-month trend, the inputs
/// and the definitions of every metric, and the rejected rows. Numbers are numbers with display formats; the
/// weighted points, effective weights, total and completeness are formulas over the points and weight cells, so an
/// auditor can trace every figure. Renders the same model as <see cref="Documents.DepartmentPackPdf"/>. A card with
/// withheld figures has no total, grade, rank, completeness or weighted points (as text, "不予显示"), and its lines
/// outside the reader's scope have no figures, no inputs and no trend.
/// </summary>
public sealed class DepartmentPackXlsx(DepartmentPackModel model)
{
    /// <summary>The scorecard table's header row on the Summary sheet; rows above it hold the title and key figures.</summary>
    public const int SummaryHeaderRow = 5;

    private static readonly XLColor HeaderFill = XLColor.FromHtml("#1F3A5F");
    private static readonly XLColor TotalFill = XLColor.FromHtml("#E9EEF5");
    private readonly Labels _labels = Labels.For(model.Language);

    public byte[] Render()
    {
        using var output = new MemoryStream();
        Render(output);
        return output.ToArray();
    }

    public void Render(Stream output)
    {
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = $"{model.DepartmentName} {_labels.DepartmentPackTitle} {model.Period}";
        workbook.Properties.Author = model.CompanyName;
        workbook.Properties.Company = model.CompanyName;
        workbook.Properties.Created = model.GeneratedAt.UtcDateTime;
        workbook.Properties.Modified = model.GeneratedAt.UtcDateTime;
        // Our formulas are saved without cached results; ask spreadsheet apps to compute them on open.
        workbook.FullCalculationOnLoad = true;

        ComposeSummary(workbook.AddWorksheet(_labels.SummarySheet));
        ComposeTrend(workbook.AddWorksheet(_labels.TrendSheet));
        ComposeInputs(workbook.AddWorksheet(_labels.InputsSheet));
        ComposeDefinitions(workbook.AddWorksheet(_labels.DefinitionsSheet));
        ComposeDataQuality(workbook.AddWorksheet(_labels.DataQualitySheet));

        using var saved = new MemoryStream();
        workbook.SaveAs(saved);
        DeterministicZip.Repack(saved, output, model.GeneratedAt);
    }

    /// <summary>Column letters of the Summary table, named so the formulas below read as what they compute.</summary>
    private static class Col
    {
        public const int Code = 1, Name = 2, Unit = 3, Direction = 4, Target = 5, Actual = 6, Achievement = 7, Points = 8,
            Weight = 9, EffectiveWeight = 10, Weighted = 11, Status = 12, Rule = 13, Arithmetic = 14;
        public const string PointsLetter = "H", WeightLetter = "I", WeightedLetter = "K";
    }

    private void ComposeSummary(IXLWorksheet ws)
    {
        var card = model.Scorecard;
        var lines = card.WeightedLines.Concat(card.Lines.Where(l => l.IsVeto)).ToList();
        var first = SummaryHeaderRow + 1;
        var last = SummaryHeaderRow + lines.Count;
        var totalRow = last + 1;
        var points = $"${Col.PointsLetter}${first}:${Col.PointsLetter}${last}";
        var weights = $"${Col.WeightLetter}${first}:${Col.WeightLetter}${last}";
        // Σ(weight of the lines with data): a line without data has an empty points cell, and points are never
        // negative, so ">=0" picks exactly the lines with data (and ClosedXML's own engine evaluates it, unlike "<>").
        var weightWithData = $"SUMIF({points},\">=0\",{weights})";

        ws.Cell(1, 1).Text($"{_labels.DepartmentPackTitle} · {model.CompanyName}").Style.Font.SetBold().Font.SetFontSize(14);
        ws.Cell(2, 1).Text(_labels.Department);
        ws.Cell(2, 2).Text(_labels.Paren(model.DepartmentName, model.DepartmentCode));
        ws.Cell(2, 4).Text(_labels.PeriodLabel);
        ws.Cell(2, 5).Text(model.Period.ToString());
        ws.Cell(2, 6).Text(_labels.Version);
        ws.Cell(2, 7).Number(model.Version, "0");
        ws.Cell(2, 8).Text(_labels.GeneratedAt);
        ws.Cell(2, 9).Text(_labels.Timestamp(model.GeneratedAt));

        // A withheld card has no total, grade, rank or completeness, and no formula that would rebuild one from the
        // visible lines: over them alone it would be another number read as the department's score.
        var withheld = card.Withheld is not null;
        ws.Cell(3, 1).Text(_labels.TotalScore);
        if (withheld) ws.Cell(3, 2).Text(_labels.Withheld);
        else ws.Cell(3, 2).Formula($"{Col.WeightedLetter}{totalRow}", "0.0");
        ws.Cell(3, 4).Text(_labels.Grade);
        ws.Cell(3, 5).Text(withheld ? _labels.Withheld : card.Grade ?? "");
        ws.Cell(3, 6).Text(_labels.Rank);
        ws.Cell(3, 7).Text(withheld ? _labels.Withheld : card.Rank?.ToString() ?? "");
        ws.Cell(3, 8).Text(_labels.Completeness);
        if (withheld) ws.Cell(3, 9).Text(_labels.Withheld);
        else ws.Cell(3, 9).Formula($"{weightWithData}/100", "0.0%");
        foreach (var c in new[] { 1, 4, 6, 8 }) ws.Cell(2, c).Style.Font.SetFontColor(XLColor.Gray);
        foreach (var c in new[] { 1, 4, 6, 8 }) ws.Cell(3, c).Style.Font.SetFontColor(XLColor.Gray);
        ws.Range(3, 1, 3, 9).Style.Font.SetBold();

        var notes = new List<string>();
        if (card.Withheld is { } hidden) notes.Add($"{_labels.WithheldHeading}: {_labels.WithheldText(hidden, model.DepartmentName)}");
        if (card.VetoReason is { } veto) notes.Add($"{_labels.Veto}: {veto}");
        if (model.Restatement is { } r)
            notes.Add($"{_labels.Restated} ({_labels.Version} {r.Version}, {_labels.Timestamp(r.RestatedAt)}): {r.Reason}");
        ws.Cell(4, 1).Text(string.Join("  ", notes)).Style.Font.SetFontColor(XLColor.FromHtml("#9A5B00"));

        Header(ws, SummaryHeaderRow,
        [
            _labels.Code, _labels.Metric, _labels.Unit, _labels.DirectionLabel, _labels.Target, _labels.Actual, _labels.Achievement,
            _labels.Points, _labels.Weight, _labels.EffectiveWeight, _labels.Weighted, _labels.Status, _labels.Rule, _labels.Arithmetic,
        ]);

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var row = first + i;
            var format = ReportFormat.ExcelFormat(line.Unit);
            ws.Cell(row, Col.Code).Text(line.MetricCode);
            ws.Cell(row, Col.Name).Text(line.IsVeto ? line.MetricName + _labels.VetoLineSuffix : line.MetricName);
            ws.Cell(row, Col.Unit).Text(_labels.UnitName(line.Unit));
            ws.Cell(row, Col.Direction).Text(_labels.Direction(line.Direction));
            ws.Cell(row, Col.Target).Number(line.Target, format);
            ws.Cell(row, Col.Actual).Number(line.Actual, format);
            ws.Cell(row, Col.Achievement).Number(line.Achievement, "0.0%");
            ws.Cell(row, Col.Points).Number(line.Points, "0.0");
            ws.Cell(row, Col.Weight).Number(line.Weight, "0");
            if (line.HasData && !withheld)
            {
                ws.Cell(row, Col.EffectiveWeight).Formula($"{Col.WeightLetter}{row}*100/{weightWithData}", "0.0");
                ws.Cell(row, Col.Weighted).Formula($"{Col.PointsLetter}{row}*{Col.WeightLetter}{row}/{weightWithData}", "0.00");
            }
            ws.Cell(row, Col.Status).Text(line.OutsideScope ? _labels.OutsideScope : _labels.Rag(line.Status));
            ws.Cell(row, Col.Rule).Text(line.RuleDescription);
            ws.Cell(row, Col.Arithmetic).Text(line.Arithmetic);
        }

        ws.Cell(totalRow, Col.Name).Text(_labels.TotalRow);
        ws.Cell(totalRow, Col.Weight).Formula($"SUM({weights})", "0");
        if (withheld) ws.Cell(totalRow, Col.Weighted).Text(_labels.Withheld);
        else ws.Cell(totalRow, Col.Weighted).Formula($"SUM({Col.WeightedLetter}{first}:{Col.WeightedLetter}{last})", "0.00");
        ws.Cell(totalRow, Col.Status).Text(withheld ? _labels.Withheld : card.Grade ?? "");
        ws.Range(totalRow, 1, totalRow, Col.Arithmetic).Style.Font.SetBold().Fill.SetBackgroundColor(TotalFill);

        var status = ws.Range(first, Col.Status, last, Col.Status);
        foreach (var rag in new[] { RagStatus.Green, RagStatus.Amber, RagStatus.Red, RagStatus.NoData })
        {
            var (font, fill) = RagColors(rag);
            status.AddConditionalFormat().WhenEquals(Quoted(_labels.Rag(rag))).Fill.SetBackgroundColor(fill).Font.SetFontColor(font).Font.SetBold();
        }
        if (withheld)
        {
            var (outsideFont, outsideFill) = RagColors(RagStatus.NoData);
            status.AddConditionalFormat().WhenEquals(Quoted(_labels.OutsideScope)).Fill.SetBackgroundColor(outsideFill).Font.SetFontColor(outsideFont);
        }

        ws.Range(SummaryHeaderRow, Col.Target, SummaryHeaderRow, Col.Weighted).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        ws.Range(SummaryHeaderRow, Col.Status, totalRow, Col.Status).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Range(SummaryHeaderRow, 1, last, Col.Arithmetic).SetAutoFilter();
        ws.SheetView.FreezeRows(SummaryHeaderRow);
        Widths(ws, 24, 22, 8, 12, 10, 10, 10, 9, 8, 10, 10, 10, 28, 60);
    }

    private void ComposeTrend(IXLWorksheet ws)
    {
        var months = model.Metrics.FirstOrDefault()?.Trend.Select(p => p.Period).ToList() ?? [];
        var headers = new List<string> { _labels.Code, _labels.Metric, _labels.Target };
        headers.AddRange(months.Select(m => m.ToString()));
        Header(ws, 1, headers);

        for (var i = 0; i < model.Metrics.Count; i++)
        {
            var section = model.Metrics[i];
            var row = 2 + i;
            var format = ReportFormat.ExcelFormat(section.Unit);
            ws.Cell(row, 1).Text(section.MetricCode);
            ws.Cell(row, 2).Text(section.MetricName);
            ws.Cell(row, 3).Number(section.Target, format);
            foreach (var point in section.Trend)
            {
                var column = months.IndexOf(point.Period);
                if (column >= 0) ws.Cell(row, 4 + column).Number(point.Value, format);
            }
        }
        ws.SheetView.Freeze(1, 2);
        Widths(ws, [24, 22, 10, .. months.Select(_ => 10.0)]);
    }

    private void ComposeInputs(IXLWorksheet ws)
    {
        Header(ws, 1,
        [
            _labels.Code, _labels.Metric, _labels.Unit, _labels.Numerator, _labels.Denominator, _labels.Records, _labels.Actual,
            _labels.Month, _labels.Quarter, _labels.YearToDate, _labels.SameMonthLastYear,
        ]);
        var row = 2;
        // A line outside the reader's scope has no inputs to show; the Summary and Definitions sheets list it.
        foreach (var line in model.Scorecard.WeightedLines.Where(l => !l.OutsideScope))
        {
            var section = model.Metrics.FirstOrDefault(m => m.MetricCode == line.MetricCode && m.Scope == line.Scope);
            var format = ReportFormat.ExcelFormat(line.Unit);
            ws.Cell(row, 1).Text(line.MetricCode);
            ws.Cell(row, 2).Text(line.MetricName);
            ws.Cell(row, 3).Text(_labels.UnitName(line.Unit));
            ws.Cell(row, 4).Number(line.Numerator, "#,##0.####");
            ws.Cell(row, 5).Number(line.Denominator, "#,##0.####");
            ws.Cell(row, 6).Number(line.Records);
            ws.Cell(row, 7).Number(line.Actual, format);
            if (section is not null)
            {
                ws.Cell(row, 8).Number(section.Month, format);
                ws.Cell(row, 9).Number(section.Quarter, format);
                ws.Cell(row, 10).Number(section.YearToDate, format);
                ws.Cell(row, 11).Number(section.SameMonthLastYear, format);
            }
            row++;
        }
        ws.SheetView.FreezeRows(1);
        Widths(ws, 24, 22, 8, 14, 14, 10, 10, 10, 10, 12, 14);
    }

    private void ComposeDefinitions(IXLWorksheet ws)
    {
        Header(ws, 1, [_labels.Code, _labels.Metric, _labels.Formula, _labels.DirectionLabel, _labels.Unit, _labels.Target, _labels.Weight, _labels.Rule]);
        var row = 2;
        foreach (var line in model.Scorecard.Lines)
        {
            ws.Cell(row, 1).Text(line.MetricCode);
            ws.Cell(row, 2).Text(line.IsVeto ? line.MetricName + _labels.VetoLineSuffix : line.MetricName);
            ws.Cell(row, 3).Text(line.Formula);
            ws.Cell(row, 4).Text(_labels.Direction(line.Direction));
            ws.Cell(row, 5).Text(_labels.UnitName(line.Unit));
            ws.Cell(row, 6).Number(line.Target, ReportFormat.ExcelFormat(line.Unit));
            ws.Cell(row, 7).Number(line.Weight, "0");
            ws.Cell(row, 8).Text(line.RuleDescription);
            row++;
        }
        ws.Column(3).Style.Alignment.SetWrapText();
        ws.SheetView.FreezeRows(1);
        Widths(ws, 24, 22, 60, 12, 8, 10, 8, 40);
    }

    private void ComposeDataQuality(IXLWorksheet ws)
    {
        var quality = model.DataQuality;
        Header(ws, 1, [_labels.Source, _labels.LineNumber, _labels.Column, _labels.Reason]);
        var row = 2;
        foreach (var rejected in quality.RejectedRows)
        {
            ws.Cell(row, 1).Text(rejected.Source);
            ws.Cell(row, 2).Number(rejected.Line, "0");
            ws.Cell(row, 3).Text(rejected.Column);
            ws.Cell(row, 4).Text(rejected.Reason);
            row++;
        }
        if (quality.RejectedRows.Count > 0) ws.Range(1, 1, row - 1, 4).SetAutoFilter();

        row++;
        ws.Cell(row++, 1).Text(_labels.NoDataLines).Style.Font.SetBold();
        foreach (var line in quality.NoDataLines)
        {
            ws.Cell(row, 1).Text(line.MetricName);
            ws.Cell(row, 3).Text(line.MetricCode);
            ws.Cell(row, 4).Text(_labels.RecordKindName(line.SourceKind));
            row++;
        }
        ws.SheetView.FreezeRows(1);
        Widths(ws, 34, 10, 24, 60);
    }

    /// <summary>Printed, a sheet fits the page width in landscape and repeats its header row on every page.</summary>
    private static void PrintSetup(IXLWorksheet ws, int headerRow)
    {
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.FitToPages(1, 0);
        ws.PageSetup.SetRowsToRepeatAtTop(headerRow, headerRow);
    }

    private static void Header(IXLWorksheet ws, int row, IReadOnlyList<string> titles)
    {
        PrintSetup(ws, row);
        for (var c = 0; c < titles.Count; c++) ws.Cell(row, c + 1).Text(titles[c]);
        ws.Range(row, 1, row, titles.Count).Style
            .Font.SetBold().Font.SetFontColor(XLColor.White)
            .Fill.SetBackgroundColor(HeaderFill)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center);
    }

    /// <summary>Column widths in characters, set by hand: AdjustToContents needs libgdiplus and is slow.</summary>
    private static void Widths(IXLWorksheet ws, params double[] widths)
    {
        for (var c = 0; c < widths.Length; c++) ws.Column(c + 1).Width = widths[c];
    }

    /// <summary>A text as a conditional format's formula compares it: in double quotes, quotes doubled.</summary>
    private static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static (XLColor Font, XLColor Fill) RagColors(RagStatus status) => status switch
    {
        RagStatus.Green => (XLColor.FromHtml("#1B7A3D"), XLColor.FromHtml("#E3F4E8")),
        RagStatus.Amber => (XLColor.FromHtml("#9A5B00"), XLColor.FromHtml("#FFF1D6")),
        RagStatus.Red => (XLColor.FromHtml("#B42318"), XLColor.FromHtml("#FDE7E5")),
        _ => (XLColor.FromHtml("#5B6573"), XLColor.FromHtml("#EEF0F3")),
    };
}
