using SkiaSharp;

namespace Kpi.Reporting.Pdf;

/// <summary>A panel's look: fill, optional border, optional accent bar down the left edge, inner padding.</summary>
public sealed record BoxStyle(SKColor Background, SKColor? Border = null, SKColor? Accent = null, float Padding = 8f, float AccentWidth = 3f, float Radius = 2f);

/// <summary>A panel around a column of blocks (a notice, a callout). It never splits.</summary>
public sealed class Box(Block content, BoxStyle style) : Block
{
    internal override void Layout(Typesetter typesetter, float width, List<Slice> output)
    {
        var accent = style.Accent is null ? 0f : style.AccentWidth;
        var innerWidth = width - 2 * style.Padding - accent;
        var parts = new List<Slice>();
        content.Layout(typesetter, innerWidth, parts);
        var inner = Slice.Group(parts);
        var height = inner.Height + 2 * style.Padding;

        output.Add(new Slice
        {
            Height = height,
            Draw = (canvas, left, top) =>
            {
                var rect = new SKRect(left, top, left + width, top + height);
                canvas.DrawRoundRect(rect, style.Radius, style.Radius, typesetter.Fill(style.Background));
                if (style.Border is { } border) canvas.DrawRoundRect(rect, style.Radius, style.Radius, typesetter.Stroke(border, 0.75f));
                if (style.Accent is { } bar) canvas.DrawRect(new SKRect(left, top, left + accent, top + height), typesetter.Fill(bar));
                inner.Draw!(canvas, left + accent + style.Padding, top + style.Padding);
            },
        });
    }
}
