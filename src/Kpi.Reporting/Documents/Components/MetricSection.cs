using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Kpi.Reporting.Pdf;

namespace Kpi.Reporting.Documents.Components;

/// <summary>
/// One KPI's section, kept on one page: a strip with its month / quarter / YTD / same-month-last-year values and
/// target, its 13-month trend against target beside the inputs of this month's score, and the arithmetic that
/// gave the points. Three fit on an A4 page.
/// </summary>
public static class MetricSection
{
    public const float ChartHeight = 132f;

    public static Block Create(int number, MetricSectionModel section, ScorecardLineModel? line, Labels labels)
    {
        var unit = section.Unit;
        var strip = new Row(
        [
            Figure(labels.Month, ReportFormat.Value(section.Month, unit), emphasis: true),
            Figure(labels.Quarter, ReportFormat.Value(section.Quarter, unit)),
            Figure(labels.YearToDate, ReportFormat.Value(section.YearToDate, unit)),
            Figure(labels.SameMonthLastYear, ReportFormat.Value(section.SameMonthLastYear, unit)),
            Figure(labels.Target, ReportFormat.Value(section.Target, unit)),
        ], 8f);

        var inputs = new Column();
        if (line is not null)
        {
            inputs.KeyValues(new KeyValueList(
            [
                (labels.Numerator, ReportFormat.Input(line.Numerator)),
                (labels.Denominator, ReportFormat.Input(line.Denominator)),
                (labels.Records, ReportFormat.Count(line.Records)),
                (labels.Achievement, ReportFormat.Percent(line.Achievement)),
                (labels.Points, ReportFormat.Points(line.Points)),
                (labels.Status, labels.Rag(line.Status)),
                (labels.Rule, line.RuleDescription),
            ], Typography.KeyLabel, Typography.KeyValue, columns: 1, keyShare: 0.36f, rowGap: 1f));
        }

        var body = new Column()
            .Heading($"{number}. {section.MetricName}", Typography.Heading2)
            .Paragraph($"{section.MetricCode} · {labels.Direction(section.Direction)} · {labels.Unit} {UnitText(section, labels)}", Typography.Caption)
            .Spacing(5f)
            .Box(new BoxStyle(Palette.Stripe, Padding: 6f, Radius: 2f), box => box.Add(strip))
            .Spacing(6f)
            .Row(16f,
                new RowItem(TrendChart.Create(section.Trend, section.Target, unit, labels, ChartHeight), 64f),
                new RowItem(inputs, 36f));
        if (line is not null)
            body.Spacing(2f).Paragraph($"{labels.Arithmetic}: {line.Arithmetic}", Typography.Caption);

        return new KeepTogether(body);
    }

    private static RowItem Figure(string label, string value, bool emphasis = false) =>
        new(new Column()
            .Paragraph(label, Typography.Caption)
            .Paragraph(value, emphasis ? Typography.FigureValue.WithColor(Palette.Brand) : Typography.FigureValue));

    private static string UnitText(MetricSectionModel section, Labels labels) =>
        labels.UnitName(section.Unit) is { Length: > 0 } u ? u : ReportFormat.Dash;
}
