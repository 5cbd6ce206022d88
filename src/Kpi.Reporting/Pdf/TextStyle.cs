using SkiaSharp;

namespace Kpi.Reporting.Pdf;

public enum TextAlign { Left, Center, Right }

/// <summary>
/// How a run of text looks: size in points, weight, colour and line height (a multiple of the size; CJK text
/// needs more room than Latin, 1.4 reads well for both).
/// </summary>
public sealed record TextStyle(float Size, SKColor Color, bool Bold = false, float LineHeight = 1.4f, TextAlign Align = TextAlign.Left)
{
    /// <summary>The distance from one baseline to the next.</summary>
    public float LineAdvance => Size * LineHeight;

    public TextStyle WithColor(SKColor color) => this with { Color = color };
    public TextStyle WithAlign(TextAlign align) => this with { Align = align };
    public TextStyle AsBold() => this with { Bold = true };
}
