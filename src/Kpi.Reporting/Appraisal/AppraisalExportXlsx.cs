using ClosedXML.Excel;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Xlsx;

namespace Kpi.Reporting.Appraisal;

/// <summary>
/// A cycle's payroll export: one sheet with a header row and one row per appraisal — employee number, name, department
/// code and name, position, each part's score in the template's order, the adjustment, the final, the grade, the
/// coefficient and the state — ready to import; and a sheet saying which cycle, period and template it is. Numbers are
/// numbers with display formats (exact values, never formatted text); names come from source data and are written as
/// text that can never become a formula (<see cref="XlsxCells"/>). Column widths are set by hand: ClosedXML's
/// AdjustToContents needs libgdiplus and is slow. The same model always gives the same bytes.
/// </summary>
public sealed class AppraisalExportXlsx(AppraisalExportModel model)
{
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#1F3A5F");
    private readonly Labels _labels = Labels.For(model.Language);
    private readonly AppraisalLabels _words = AppraisalLabels.For(model.Language);

    public const string ScoreFormat = "0.00";
    public const string AdjustmentFormat = "0.##";

    /// <summary>The columns of the results sheet in order, for readers of the file.</summary>
    public IReadOnlyList<string> Headers =>
    [
        _words.EmployeeNo, _words.Name, _words.DepartmentCode, _labels.Department, _words.Position,
        .. model.Parts.Select(p => _words.PartName(p) + _words.ScoreSuffix),
        _words.Adjustment, _words.FinalScore, _labels.Grade, _words.Coefficient, _words.Status,
    ];

    public byte[] Render()
    {
        using var output = new MemoryStream();
        Render(output);
        return output.ToArray();
    }

    public void Render(Stream output)
    {
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = $"{model.CycleName} {_words.ExportTitle}";
        workbook.Properties.Author = model.CompanyName;
        workbook.Properties.Company = model.CompanyName;
        workbook.Properties.Created = model.GeneratedAt.UtcDateTime;
        workbook.Properties.Modified = model.GeneratedAt.UtcDateTime;
        ComposeResults(workbook.AddWorksheet(_words.ResultsSheet));
        ComposeAbout(workbook.AddWorksheet(_words.AboutSheet));

        using var saved = new MemoryStream();
        workbook.SaveAs(saved);
        DeterministicZip.Repack(saved, output, model.GeneratedAt);
    }

    private void ComposeResults(IXLWorksheet ws)
    {
        var headers = Headers;
        for (var c = 0; c < headers.Count; c++) ws.Cell(1, c + 1).Text(headers[c]);
        var header = ws.Range(1, 1, 1, headers.Count);
        header.Style.Font.SetBold().Font.SetFontColor(XLColor.White).Fill.SetBackgroundColor(HeaderFill).Alignment.SetWrapText();

        var parts = model.Parts.Count;
        for (var i = 0; i < model.Rows.Count; i++)
        {
            var r = model.Rows[i];
            var row = i + 2;
            ws.Cell(row, 1).Text(r.EmployeeNo);
            ws.Cell(row, 2).Text(r.Name);
            ws.Cell(row, 3).Text(r.DepartmentCode);
            ws.Cell(row, 4).Text(r.DepartmentName);
            ws.Cell(row, 5).Text(r.Position);
            for (var p = 0; p < parts; p++) ws.Cell(row, 6 + p).Number(r.PartScores[p], ScoreFormat);
            ws.Cell(row, 6 + parts).Number(r.Adjustment, AdjustmentFormat);
            ws.Cell(row, 7 + parts).Number(r.Final, ScoreFormat);
            ws.Cell(row, 8 + parts).Text(r.Grade ?? "");
            ws.Cell(row, 9 + parts).Number(r.Coefficient, ScoreFormat);
            ws.Cell(row, 10 + parts).Text(_words.StatusName(r.Status));
        }

        // Widths in characters, chosen for the content: numbers, codes, Chinese names.
        double[] widths = [12, 12, 12, 16, 14, .. Enumerable.Repeat(12.0, parts), 9, 11, 7, 10, 10];
        for (var c = 0; c < widths.Length; c++) ws.Column(c + 1).Width = widths[c];
        ws.SheetView.FreezeRows(1);
        if (model.Rows.Count > 0) ws.Range(1, 1, model.Rows.Count + 1, headers.Count).SetAutoFilter();
    }

    private void ComposeAbout(IXLWorksheet ws)
    {
        (string Key, string Value)[] lines =
        [
            (_labels.Company, model.CompanyName),
            (_words.Cycle, model.CycleName),
            (_labels.PeriodLabel, _labels.Period(model.Period)),
            (_words.Template, model.TemplateName),
            (_words.Status, _words.StatusName(model.Status)),
            (_words.Appraisals, model.Rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (_labels.GeneratedAt, _labels.Timestamp(model.GeneratedAt)),
        ];
        ws.Cell(1, 1).Text($"{model.CycleName} · {_words.ExportTitle}").Style.Font.SetBold().Font.SetFontSize(14);
        for (var i = 0; i < lines.Length; i++)
        {
            ws.Cell(i + 3, 1).Text(lines[i].Key).Style.Font.SetFontColor(XLColor.Gray);
            ws.Cell(i + 3, 2).Text(lines[i].Value);
        }
        ws.Column(1).Width = 16;
        ws.Column(2).Width = 40;
    }
}
