using Kpi.Reporting.Fonts;
using ScottPlot;
using SkiaSharp;

namespace Kpi.Reporting.Charts;

/// <summary>
/// Makes ScottPlot draw chart text with the very <see cref="SKTypeface"/> instances the page text uses, so the PDF
/// embeds the font once and a machine without CJK fonts still labels charts in Chinese.
/// ScottPlot keeps its font resolvers in a process-wide list; registration happens once.
/// </summary>
public static class ChartFonts
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        lock (ScottPlot.Fonts.FontResolvers)
        {
            ScottPlot.Fonts.FontResolvers.Insert(0, new ReportFontResolver());
        }
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureRegistered() => _ = Registered.Value;

    /// <summary>Answers for <see cref="ReportFonts.FamilyName"/> only; other names fall through to ScottPlot's own resolvers.</summary>
    private sealed class ReportFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == ReportFonts.FamilyName ? ReportFonts.Get(weight >= FontWeight.SemiBold) : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == ReportFonts.FamilyName ? ReportFonts.Get(bold) : null;
    }
}
