using Kpi.Domain.Metrics;
using Kpi.Reporting.Charts;
using Kpi.Reporting.Fonts;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Kpi.Reporting.Pdf;
using ScottPlot;
using Drawing = Kpi.Reporting.Pdf.Drawing;
using Palette = Kpi.Reporting.Documents.Palette;
using Typography = Kpi.Reporting.Documents.Typography;
using SkiaSharp;

namespace Kpi.Reporting.Documents.Components;

/// <summary>
/// A KPI's trend over the months given (13 in the packs), against its target, drawn by ScottPlot straight onto the
/// PDF page as vectors: text stays text, lines stay sharp at any zoom. Months without data leave a gap in the line
/// rather than dropping to zero. Values are exact decimals up to here and become doubles only for drawing.
/// </summary>
public static class TrendChart
{
    private const float LegendHeight = 13f;

    /// <summary>Room around the data area for tick labels: a fixed frame, so ScottPlot's layout cannot shift between passes.</summary>
    private static readonly PixelPadding PlotPadding = new(left: 34f, right: 6f, bottom: 26f, top: 6f);

    public static Block Create(IReadOnlyList<TrendPoint> trend, decimal? target, MetricUnit unit, Labels labels, float height,
        string? seriesLabel = null) =>
        new Drawing(height, (canvas, rect, typesetter) =>
        {
            var legend = new List<(string, bool)> { (seriesLabel ?? labels.Actual, false) };
            if (target is { } t) legend.Add(($"{labels.Target} {ReportFormat.Value(t, unit)}", true));
            DrawLegend(canvas, typesetter, rect, legend);
            var plotArea = new SKRect(rect.Left, rect.Top + LegendHeight, rect.Right, rect.Bottom);
            Draw(canvas, plotArea, trend, target, unit, labels);
            if (trend.All(p => p.Value is null))
            {
                // An empty chart should say why it is empty: centred over the data area, clear of the target line
                // (which sits mid-height when it is the only value).
                var style = Typography.Small.WithAlign(TextAlign.Center);
                typesetter.DrawLine(canvas, labels.NoData, style, plotArea.Left + PlotPadding.Left, plotArea.Top + 10f,
                    plotArea.Width - PlotPadding.Left - PlotPadding.Right);
            }
        });

    /// <summary>
    /// The legend is drawn by the page layer, above the plot: ScottPlot's own legend box clipped CJK text (it sizes
    /// rows by Latin metrics) and covered the lines it explains.
    /// </summary>
    private static void DrawLegend(SKCanvas canvas, Typesetter typesetter, SKRect rect, IReadOnlyList<(string Text, bool IsTarget)> items)
    {
        var style = Typography.Caption;
        var x = rect.Left + 30f;
        var mid = rect.Top + style.LineAdvance / 2f;
        foreach (var (text, isTarget) in items)
        {
            if (isTarget)
            {
                using var dashed = new SKPaint
                {
                    Color = Palette.TargetLine, StrokeWidth = 1.1f, IsAntialias = true, Style = SKPaintStyle.Stroke,
                    PathEffect = SKPathEffect.CreateDash([3f, 2f], 0f),
                };
                canvas.DrawLine(x, mid, x + 16f, mid, dashed);
            }
            else
            {
                canvas.DrawLine(x, mid, x + 16f, mid, typesetter.Stroke(Palette.ChartLine, 1.6f));
                canvas.DrawCircle(x + 8f, mid, 2.2f, typesetter.Fill(Palette.ChartLine));
            }
            typesetter.DrawLine(canvas, text, style, x + 20f, rect.Top, 200f);
            x += 20f + typesetter.Measure(text, style) + 14f;
        }
    }

    public static void Draw(SKCanvas canvas, SKRect rect, IReadOnlyList<TrendPoint> trend, decimal? target, MetricUnit unit, Labels labels)
    {
        ChartFonts.EnsureRegistered();
        var plot = Build(trend, target, unit, labels);
        var area = new PixelRect(rect.Left, rect.Right, rect.Bottom, rect.Top);

        // ScottPlot lays out in a first pass and draws again when tick labels change the layout; on a PDF canvas both
        // passes would stay in the file (text twice, twice the bytes). Settle the layout where nothing is recorded.
        using (var measure = new SKNoDrawCanvas((int)Math.Ceiling(rect.Right) + 1, (int)Math.Ceiling(rect.Bottom) + 1))
        {
            plot.Render(measure, area);
        }
        plot.Render(canvas, area);
    }

    private static Plot Build(IReadOnlyList<TrendPoint> trend, decimal? target, MetricUnit unit, Labels labels)
    {
        var plot = new Plot();
        plot.Font.Set(ReportFonts.FamilyName);
        plot.FigureBackground.Color = Colors.Transparent;
        plot.DataBackground.Color = Colors.Transparent;

        // Ratios are drawn as percents so ticks read 98% rather than 0.98.
        var scale = unit == MetricUnit.Ratio ? 100.0 : 1.0;
        var ys = trend.Select(p => p.Value is { } v ? (double)v * scale : double.NaN).ToArray();

        var lineColor = ToColor(Palette.ChartLine);
        foreach (var run in Runs(ys))
        {
            var xs = run.Select(i => (double)i).ToArray();
            var scatter = plot.Add.Scatter(xs, run.Select(i => ys[i]).ToArray());
            scatter.Color = lineColor;
            scatter.LineWidth = 1.6f;
            scatter.MarkerSize = 4.5f;
            scatter.MarkerShape = MarkerShape.FilledCircle;
        }

        // The period itself (the last month) is marked so the eye finds it.
        if (ys.Length > 0 && !double.IsNaN(ys[^1]))
        {
            var current = plot.Add.Marker(ys.Length - 1, ys[^1]);
            current.Color = lineColor;
            current.Size = 8f;
            current.Shape = MarkerShape.OpenCircle;
            current.LineWidth = 1.2f;
        }

        if (target is { } t)
        {
            var line = plot.Add.HorizontalLine((double)t * scale);
            line.Color = ToColor(Palette.TargetLine);
            line.LineWidth = 1.1f;
            line.LinePattern = LinePattern.Dashed;
        }

        var axisText = ToColor(Palette.Muted);
        var bottom = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < trend.Count; i++)
        {
            var withYear = i == 0 || trend[i].Period.Number == 1;
            bottom.AddMajor(i, labels.AxisMonth(trend[i].Period, withYear));
        }
        plot.Axes.Bottom.TickGenerator = bottom;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => unit == MetricUnit.Ratio ? $"{v:0.#}%" : unit == MetricUnit.Count ? $"{v:0.#}" : $"{v:0.##}",
            MaxTickCount = 6,
            TickDensity = 1.6,
        };
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = 7f;
            axis.TickLabelStyle.ForeColor = axisText;
            axis.MajorTickStyle.Color = ToColor(Palette.Rule);
            axis.MinorTickStyle.Length = 0;
            axis.FrameLineStyle.Color = ToColor(Palette.Rule);
        }
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Top.FrameLineStyle.Width = 0;
        plot.Grid.MajorLineColor = ToColor(Palette.Rule).WithAlpha(0.7);
        plot.Grid.XAxisStyle.IsVisible = false;

        var (low, high) = Limits(ys, target is { } tt ? (double)tt * scale : null, unit);
        plot.Axes.SetLimits(-0.5, Math.Max(trend.Count - 0.5, 0.5), low, high);
        plot.HideLegend();

        // Room for the tick labels and nothing else (no title band).
        plot.Layout.Fixed(PlotPadding);
        return plot;
    }

    /// <summary>Y limits that show every value and the target with some air, and never dip below zero for non-negative data.</summary>
    private static (double Low, double High) Limits(double[] ys, double? target, MetricUnit unit)
    {
        var values = ys.Where(v => !double.IsNaN(v)).ToList();
        if (target is { } t) values.Add(t);
        if (values.Count == 0) return (0, unit == MetricUnit.Ratio ? 100 : 1);
        var min = values.Min();
        var max = values.Max();
        var span = max - min;
        var pad = span > 0 ? span * 0.25 : Math.Max(Math.Abs(max) * 0.1, 1);
        var low = min - pad;
        if (min >= 0 && low < 0) low = 0;
        return (low, max + pad);
    }

    /// <summary>Indices of consecutive months with data: each run is drawn as its own line, so gaps stay gaps.</summary>
    private static IEnumerable<List<int>> Runs(double[] ys)
    {
        var run = new List<int>();
        for (var i = 0; i < ys.Length; i++)
        {
            if (double.IsNaN(ys[i]))
            {
                if (run.Count > 0) yield return run;
                run = [];
            }
            else run.Add(i);
        }
        if (run.Count > 0) yield return run;
    }

    private static Color ToColor(SKColor c) => new(c.Red, c.Green, c.Blue, c.Alpha);
}
