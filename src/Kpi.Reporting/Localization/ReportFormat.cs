using System.Globalization;
using Kpi.Domain.Metrics;

namespace Kpi.Reporting.Localization;

/// <summary>
/// How numbers read in every report, whatever the language: ratios as percents with one decimal (0.985 → 98.5%),
/// scores and points with one, productivity with two, counts whole, thousands grouped. Values stay exact decimals
/// in the models; rounding (half away from zero) happens here, when they are shown. No data reads "—".
/// </summary>
public static class ReportFormat
{
    public const string Dash = "—";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Value(decimal? value, MetricUnit unit) => value is not { } v ? Dash : unit switch
    {
        MetricUnit.Ratio => Percent(v),
        MetricUnit.Count => Round(v, 0).ToString("#,##0", Invariant),
        MetricUnit.Score => Round(v, 1).ToString("#,##0.0", Invariant),
        MetricUnit.PerHour => Round(v, 2).ToString("#,##0.00", Invariant),
        _ => Round(v, 2).ToString("#,##0.##", Invariant),
    };

    public static string Percent(decimal? value, int decimals = 1) =>
        value is not { } v ? Dash : Round(v * 100m, decimals).ToString(decimals == 0 ? "0" : "0." + new string('0', decimals), Invariant) + "%";

    public static string Points(decimal? value) => value is not { } v ? Dash : Round(v, 1).ToString("0.0", Invariant);

    public static string Weighted(decimal? value) => value is not { } v ? Dash : Round(v, 2).ToString("0.00", Invariant);

    public static string Weight(decimal? value) => value is not { } v ? Dash : Round(v, 1).ToString("0.#", Invariant);

    /// <summary>Inputs (numerators, denominators, amounts): grouped, up to four decimals, no trailing zeros.</summary>
    public static string Input(decimal? value) => value is not { } v ? Dash : Round(v, 4).ToString("#,##0.####", Invariant);

    public static string Count(long value) => value.ToString("#,##0", Invariant);

    /// <summary>The Excel number format that shows a metric's value the way <see cref="Value"/> does.</summary>
    public static string ExcelFormat(MetricUnit unit) => unit switch
    {
        MetricUnit.Ratio => "0.0%",
        MetricUnit.Count => "#,##0",
        MetricUnit.Score => "0.0",
        MetricUnit.PerHour => "0.00",
        _ => "#,##0.00",
    };

    public static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
