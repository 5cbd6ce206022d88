using System.IO.Compression;
using System.Xml.Linq;
using ClosedXML.Excel;
using Kpi.Domain.Metrics;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Kpi.Reporting.Xlsx;
using Kpi.Testing.Reports;

namespace Kpi.Reporting.Tests.Xlsx;

public class DepartmentPackXlsxTests
{
    private const int First = DepartmentPackXlsx.SummaryHeaderRow + 1;
    private static readonly DepartmentPackModel Model = SamplePacks.Production(departmentName: "=SUM(A1)*生产部");
    private static readonly Lazy<byte[]> Bytes = new(() => new DepartmentPackXlsx(Model).Render());

    private static XLWorkbook Open() => new(new MemoryStream(Bytes.Value));

    /// <summary>The scorecard lines in the order the Summary sheet lists them: weighted lines, then veto lines.</summary>
    private static List<ScorecardLineModel> SummaryLines =>
        Model.Scorecard.WeightedLines.Concat(Model.Scorecard.Lines.Where(l => l.IsVeto)).ToList();

    [Fact]
    public void Has_summary_trend_inputs_definitions_and_data_quality_sheets()
    {
        using var workbook = Open();
        Assert.Equal(["记分卡", "趋势", "计算依据", "指标定义", "数据质量"], workbook.Worksheets.Select(w => w.Name));
    }

    [Fact]
    public void Summary_numbers_are_numbers_with_formats_equal_to_the_model()
    {
        using var workbook = Open();
        var ws = workbook.Worksheet(1);
        var lines = SummaryLines;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var row = ws.Row(First + i);
            Assert.Equal(line.MetricCode, row.Cell(1).GetString());
            AssertNumber(row.Cell(5), line.Target, ReportFormat.ExcelFormat(line.Unit));
            AssertNumber(row.Cell(6), line.Actual, ReportFormat.ExcelFormat(line.Unit));
            AssertNumber(row.Cell(7), line.Achievement, "0.0%");
            AssertNumber(row.Cell(8), line.Points, "0.0");
            AssertNumber(row.Cell(9), line.Weight, "0");
        }

        // 98.5% is the number 0.9852 shown as a percent, never the text "98.5%".
        var plan = ws.Row(First + lines.FindIndex(l => l.MetricCode == MetricCatalogue.PlanCompletion)).Cell(6);
        Assert.Equal(XLDataType.Number, plan.DataType);
        Assert.Equal(0.9852, plan.GetDouble(), 10);
        Assert.Equal("0.0%", plan.Style.NumberFormat.Format);
    }

    [Fact]
    public void Weighted_points_total_and_completeness_are_formulas_an_auditor_can_trace()
    {
        using var workbook = Open();
        var ws = workbook.Worksheet(1);
        var lines = SummaryLines;
        var last = First + lines.Count - 1;
        var withData = $"SUMIF($H${First}:$H${last},\">=0\",$I${First}:$I${last})";

        for (var i = 0; i < lines.Count; i++)
        {
            var row = First + i;
            var weighted = ws.Cell(row, 11);
            if (!lines[i].HasData)
            {
                Assert.False(weighted.HasFormula);
                Assert.True(weighted.IsEmpty());
                continue;
            }
            Assert.Equal($"H{row}*I{row}/{withData}", weighted.FormulaA1);
            Assert.Equal((double)lines[i].Weighted!.Value, weighted.GetDouble(), 9);
            Assert.Equal($"I{row}*100/{withData}", ws.Cell(row, 10).FormulaA1);
        }

        var totalRow = last + 1;
        Assert.Equal($"SUM(K{First}:K{last})", ws.Cell(totalRow, 11).FormulaA1);
        Assert.Equal((double)Model.Scorecard.Total!.Value, ws.Cell(totalRow, 11).GetDouble(), 9);
        Assert.Equal($"K{totalRow}", ws.Cell(3, 2).FormulaA1);
        Assert.Equal($"{withData}/100", ws.Cell(3, 9).FormulaA1);
        Assert.Equal((double)Model.Scorecard.Completeness!.Value, ws.Cell(3, 9).GetDouble(), 9);
        Assert.Equal("0.0%", ws.Cell(3, 9).Style.NumberFormat.Format);
    }

    [Fact]
    public void Summary_has_rag_conditional_formats_a_frozen_header_and_an_autofilter()
    {
        using var workbook = Open();
        var ws = workbook.Worksheet(1);
        var formats = ws.ConditionalFormats.ToList();
        Assert.Equal(4, formats.Count);
        Assert.All(formats, f => Assert.Equal($"L{First}:L{First + SummaryLines.Count - 1}", f.Range.RangeAddress.ToString()));
        Assert.Contains(formats, f => f.Values.Values.Any(v => v.Value == "\"未达标\""));
        Assert.Equal(DepartmentPackXlsx.SummaryHeaderRow, ws.SheetView.SplitRow);
        Assert.Equal($"A{DepartmentPackXlsx.SummaryHeaderRow}:N{First + SummaryLines.Count - 1}", ws.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal("达标", ws.Cell(First, 12).GetString());
    }

    [Fact]
    public void Text_from_source_data_that_looks_like_a_formula_is_stored_as_text()
    {
        using var workbook = Open();
        var department = workbook.Worksheet(1).Cell(2, 2);
        Assert.False(department.HasFormula);
        Assert.Equal(XLDataType.Text, department.DataType);
        Assert.Equal("=SUM(A1)*生产部(PRD)", department.GetString());

        var quality = workbook.Worksheet(5);
        var injected = quality.CellsUsed().Where(c => XlsxCells.LooksLikeFormula(c.GetString())).ToList();
        Assert.Equal(4, injected.Count); // =HYPERLINK(…), -score, @SUM(…), +120 超出…
        Assert.All(injected, c =>
        {
            Assert.False(c.HasFormula);
            Assert.Equal(XLDataType.Text, c.DataType);
            Assert.True(c.Style.IncludeQuotePrefix);
        });
        Assert.Contains(injected, c => c.GetString() == "=HYPERLINK(\"http://example.invalid\",\"x\")");
        Assert.Contains(injected, c => c.GetString() == "@SUM(1+1) is not a yes/no value");

        // And in the file itself: the data-quality sheet holds no formula element at all.
        Assert.DoesNotContain(SheetXml(Bytes.Value, "xl/worksheets/sheet5.xml").Descendants(), e => e.Name.LocalName == "f");
    }

    [Fact]
    public void Trend_and_inputs_sheets_carry_the_model_values()
    {
        using var workbook = Open();
        var trend = workbook.Worksheet(2);
        var months = Model.Metrics[0].Trend.Select(p => p.Period.ToString()).ToList();
        Assert.Equal(months, Enumerable.Range(4, 13).Select(c => trend.Cell(1, c).GetString()));
        for (var i = 0; i < Model.Metrics.Count; i++)
        {
            var section = Model.Metrics[i];
            Assert.Equal(section.MetricCode, trend.Cell(2 + i, 1).GetString());
            for (var m = 0; m < section.Trend.Count; m++)
            {
                var cell = trend.Cell(2 + i, 4 + m);
                if (section.Trend[m].Value is { } v) Assert.Equal((double)v, cell.GetDouble(), 9);
                else Assert.True(cell.IsEmpty());
            }
        }

        var inputs = workbook.Worksheet(3);
        var quality = Model.Scorecard.Lines.First(l => l.MetricCode == MetricCatalogue.QualityPass);
        var row = inputs.RowsUsed().First(r => r.Cell(1).GetString() == MetricCatalogue.QualityPass);
        Assert.Equal((double)quality.Numerator!.Value, row.Cell(4).GetDouble());
        Assert.Equal((double)quality.Denominator!.Value, row.Cell(5).GetDouble());
        Assert.Equal(quality.Records, row.Cell(6).GetValue<long>());

        var definitions = workbook.Worksheet(4);
        Assert.Contains(definitions.Column(3).CellsUsed(), c => c.GetString() == MetricCatalogue.Describe(MetricCatalogue.QualityPass).FormulaZh);
    }

    [Fact]
    public void English_workbook_uses_english_sheet_names_and_labels()
    {
        using var workbook = new XLWorkbook(new MemoryStream(new DepartmentPackXlsx(SamplePacks.Production(ReportLanguage.En)).Render()));
        Assert.Equal(["Summary", "Trend", "Inputs", "Definitions", "Data quality"], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal("Weighted", workbook.Worksheet(1).Cell(DepartmentPackXlsx.SummaryHeaderRow, 11).GetString());
    }

    [Fact]
    public void The_same_model_renders_to_the_same_bytes()
    {
        var again = new DepartmentPackXlsx(Model).Render();
        Assert.Equal(Bytes.Value, again);
        using var zip = new ZipArchive(new MemoryStream(again));
        Assert.All(zip.Entries, e => Assert.Equal(SamplePacks.GeneratedAt.UtcDateTime, e.LastWriteTime.DateTime));
    }

    private static void AssertNumber(IXLCell cell, decimal? expected, string format)
    {
        Assert.Equal(format, cell.Style.NumberFormat.Format);
        if (expected is { } v)
        {
            Assert.Equal(XLDataType.Number, cell.DataType);
            Assert.Equal((double)v, cell.GetDouble(), 12);
        }
        else
        {
            Assert.True(cell.IsEmpty());
        }
    }

    private static XDocument SheetXml(byte[] xlsx, string entry)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var stream = zip.GetEntry(entry)!.Open();
        return XDocument.Load(stream);
    }
}
