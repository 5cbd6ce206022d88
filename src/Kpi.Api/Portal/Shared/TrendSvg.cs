using System.Globalization;
using System.Net;
using System.Text;
using Kpi.Domain.Metrics;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Microsoft.AspNetCore.Html;

namespace Kpi.Api.Portal.Shared;

/// <summary>
/// A KPI's trend as a small inline SVG drawn on the server: the line of actuals (gaps where a month has no data, never
/// a drop to zero), the target as a dashed line, month labels and the value range as real text — the browser's fonts
/// draw it, so Chinese never turns into boxes and the text can be read, searched and tested. Every string is encoded.
/// </summary>
public static class TrendSvg
{
    private const double Width = 320, Height = 150, Left = 44, Right = 16, Top = 10, Bottom = 24;

    public static IHtmlContent Render(IReadOnlyList<TrendPoint> points, decimal? target, MetricUnit unit, Labels labels, string title)
    {
        var scale = unit == MetricUnit.Ratio ? 100m : 1m;
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value * scale).ToList();
        if (target is { } t) values.Add(t * scale);
        var (low, high) = Range(values, unit);
        double X(int i) => Left + (points.Count <= 1 ? 0 : i * (Width - Left - Right) / (points.Count - 1));
        double Y(decimal v) => Top + (double)((high - v) / (high - low)) * (Height - Top - Bottom);

        var svg = new StringBuilder();
        var summary = string.Join(labels.Language == ReportLanguage.En ? ", " : ",",
            points.Select(p => $"{labels.AxisMonth(p.Period, true).Replace('\n', ' ')} {ReportFormat.Value(p.Value, unit)}"));
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title>").Append(E(title)).Append("</title><desc>").Append(E(summary)).Append("</desc>");

        // Axis: the range's ends as text, a baseline, and a month label under every other month and the last.
        foreach (var v in new[] { low, high })
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left - 4}\" y=\"{Y(v) + 3:0.#}\" text-anchor=\"end\" font-size=\"9\" fill=\"#4a5562\">{E(Tick(v, unit))}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(v):0.#}\" y2=\"{Y(v):0.#}\" stroke=\"#d5dbe2\" stroke-width=\"1\"/>");
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (i % 2 != (points.Count - 1) % 2) continue;
            var label = labels.AxisMonth(points[i].Period, withYear: false);
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{X(i):0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\" font-size=\"9\" fill=\"#4a5562\">{E(label)}</text>");
        }

        if (target is { } tt)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(tt * scale):0.#}\" y2=\"{Y(tt * scale):0.#}\" stroke=\"#a4001d\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"><title>{E(labels.Target + " " + ReportFormat.Value(tt, unit))}</title></line>");
        }

        // One polyline per run of months with data: a month without data is a gap.
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1) svg.Append("<polyline fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2\" points=\"").Append(string.Join(' ', run)).Append("\"/>");
            run.Clear();
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v)
            {
                Flush();
                continue;
            }
            run.Add(string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(v * scale):0.#}"));
        }
        Flush();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v) continue;
            var last = i == points.Count - 1;
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(v * scale):0.#}\" r=\"{(last ? 4 : 2.5)}\" fill=\"{(last ? "#fff" : "#0b5cad")}\" stroke=\"#0b5cad\" stroke-width=\"1.5\"><title>{E(labels.Period(points[i].Period) + " " + ReportFormat.Value(v, unit))}</title></circle>");
        }
        if (points.All(p => p.Value is null))
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Width + Left) / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4a5562\">{E(labels.NoData)}</text>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static (decimal Low, decimal High) Range(List<decimal> values, MetricUnit unit)
    {
        if (values.Count == 0) return (0, unit == MetricUnit.Ratio ? 100 : 1);
        var min = values.Min();
        var max = values.Max();
        var pad = max > min ? (max - min) * 0.15m : Math.Max(Math.Abs(max) * 0.1m, 1);
        var low = min >= 0 && min - pad < 0 ? 0 : min - pad;
        return (low, max + pad);
    }

    private static string Tick(decimal v, MetricUnit unit) => unit switch
    {
        MetricUnit.Ratio => ReportFormat.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%",
        MetricUnit.Count => ReportFormat.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture),
        _ => ReportFormat.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
