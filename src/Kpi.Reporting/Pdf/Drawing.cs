using SkiaSharp;

namespace Kpi.Reporting.Pdf;

/// <summary>
/// A fixed-height area drawn by code: a chart, a rule, a legend. It never splits. The drawing gets the render's
/// <see cref="Typesetter"/> so any text it writes uses the report fonts.
/// </summary>
public sealed class Drawing(float height, Action<SKCanvas, SKRect, Typesetter> draw) : Block
{
    public Drawing(float height, Action<SKCanvas, SKRect> draw) : this(height, (canvas, rect, _) => draw(canvas, rect)) { }

    internal override void Layout(Typesetter typesetter, float width, List<Slice> output) =>
        output.Add(new Slice
        {
            Height = height,
            Draw = (canvas, left, top) => draw(canvas, new SKRect(left, top, left + width, top + height), typesetter),
        });
}

/// <summary>Vertical space; dropped at the top of a page, where it would only push content down.</summary>
public sealed class Spacer(float height) : Block
{
    internal override void Layout(Typesetter typesetter, float width, List<Slice> output) => output.Add(Slice.Space(height));
}

/// <summary>Starts a new page (unless the current one is still empty).</summary>
public sealed class PageBreak : Block
{
    internal override void Layout(Typesetter typesetter, float width, List<Slice> output) => output.Add(Slice.Break());
}
