using SkiaSharp;

namespace Kpi.Reporting.Fonts;

/// <summary>
/// The typefaces of every report, loaded once from the assembly's embedded resources (never from the machine,
/// which may have no CJK font). Skia typefaces are immutable and thread-safe, so all renders share them; sharing
/// one instance is also what keeps the PDF from embedding the same font twice (Skia keys fonts by typeface).
/// </summary>
public static class ReportFonts
{
    /// <summary>The family name the subset carries (see Fonts/README.md); ScottPlot is told to use it by name.</summary>
    public const string FamilyName = "Kpi Sans SC";

    private static readonly Lazy<SKTypeface> LazyRegular = new(() => Load("KpiSansSC-Regular.otf"));
    private static readonly Lazy<SKTypeface> LazyBold = new(() => Load("KpiSansSC-Bold.otf"));

    public static SKTypeface Regular => LazyRegular.Value;
    public static SKTypeface Bold => LazyBold.Value;

    public static SKTypeface Get(bool bold) => bold ? Bold : Regular;

    private static SKTypeface Load(string file)
    {
        var name = $"Kpi.Reporting.Fonts.{file}";
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource '{name}' is missing from {typeof(ReportFonts).Assembly.GetName().Name}.");
        // Copy into Skia-owned memory: a typeface reads glyphs lazily for as long as it lives.
        var data = SKData.Create(stream);
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"Skia could not read the font resource '{name}'.");
    }
}
