using Kpi.Domain.Scoring;
using SkiaSharp;

namespace Kpi.Reporting.Documents;

/// <summary>
/// The reports' colours: a navy brand, quiet greys for structure, and RAG colours that stay readable in print —
/// a strong colour for text and a pale one for fills, never colour alone (the status is also written out).
/// </summary>
public static class Palette
{
    public static readonly SKColor Ink = new(0x1F, 0x29, 0x37);
    public static readonly SKColor Muted = new(0x5B, 0x65, 0x73);
    public static readonly SKColor Faint = new(0x9C, 0xA3, 0xAF);
    public static readonly SKColor Rule = new(0xD8, 0xDE, 0xE6);
    public static readonly SKColor Stripe = new(0xF5, 0xF7, 0xFA);
    public static readonly SKColor Brand = new(0x1F, 0x3A, 0x5F);
    public static readonly SKColor BrandLight = new(0xE9, 0xEE, 0xF5);
    public static readonly SKColor ChartLine = new(0x1F, 0x5F, 0xA8);
    public static readonly SKColor TargetLine = new(0xC2, 0x41, 0x0C);
    public static readonly SKColor White = SKColors.White;

    public static readonly SKColor Green = new(0x1B, 0x7A, 0x3D);
    public static readonly SKColor GreenFill = new(0xE3, 0xF4, 0xE8);
    public static readonly SKColor Amber = new(0x9A, 0x5B, 0x00);
    public static readonly SKColor AmberFill = new(0xFF, 0xF1, 0xD6);
    public static readonly SKColor Red = new(0xB4, 0x23, 0x18);
    public static readonly SKColor RedFill = new(0xFD, 0xE7, 0xE5);
    public static readonly SKColor NoDataFill = new(0xEE, 0xF0, 0xF3);

    public static readonly SKColor NoticeFill = new(0xFF, 0xF8, 0xE6);
    public static readonly SKColor NoticeAccent = new(0xD9, 0x8E, 0x04);

    public static SKColor RagText(RagStatus status) => status switch
    {
        RagStatus.Green => Green,
        RagStatus.Amber => Amber,
        RagStatus.Red => Red,
        _ => Muted,
    };

    public static SKColor RagFill(RagStatus status) => status switch
    {
        RagStatus.Green => GreenFill,
        RagStatus.Amber => AmberFill,
        RagStatus.Red => RedFill,
        _ => NoDataFill,
    };

    /// <summary>The colour a grade is shown in: the top grades green, the middle navy, C amber, the rest red.</summary>
    public static SKColor GradeColor(string? grade) => grade switch
    {
        "S" or "A" => Green,
        "B" => Brand,
        "C" => Amber,
        null => Muted,
        _ => Red,
    };
}
