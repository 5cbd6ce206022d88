namespace Kpi.Reporting.Pdf;

/// <summary>
/// Page size and margins in PDF points (1/72 inch). The header and footer sit inside the top and bottom margins;
/// the body is what is left between them.
/// </summary>
public sealed record PageSetup(float Width, float Height, float MarginLeft, float MarginTop, float MarginRight, float MarginBottom,
    float HeaderHeight, float FooterHeight, float HeaderGap, float FooterGap)
{
    /// <summary>A4 portrait (210 × 297 mm) with 18 mm side margins and room for a one-line header and footer.</summary>
    public static PageSetup A4 { get; } = new(595.28f, 841.89f, 51f, 34f, 51f, 34f, 22f, 18f, 14f, 12f);

    public float BodyLeft => MarginLeft;
    public float BodyTop => MarginTop + HeaderHeight + HeaderGap;
    public float BodyWidth => Width - MarginLeft - MarginRight;
    public float BodyHeight => Height - BodyTop - MarginBottom - FooterHeight - FooterGap;
    public float FooterTop => Height - MarginBottom - FooterHeight;
}

/// <summary>Where a page stands in its document: what a header or footer needs to say "Page 3 of 8".</summary>
public readonly record struct PageInfo(int Number, int Total);
