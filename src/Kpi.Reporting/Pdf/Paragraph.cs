namespace Kpi.Reporting.Pdf;

/// <summary>
/// Wrapped text in one style. Body paragraphs may split between lines across a page break; a heading keeps its
/// lines together and stays with what follows it.
/// </summary>
public sealed class Paragraph(string text, TextStyle style, bool isHeading = false) : Block
{
    internal override void Layout(Typesetter typesetter, float width, List<Slice> output)
    {
        var lines = typesetter.Wrap(text, style, width);
        var slices = lines.Select(line => new Slice
        {
            Height = style.LineAdvance,
            Draw = (canvas, left, top) => typesetter.DrawLine(canvas, line, style, left, top, width),
        }).ToList();

        if (isHeading) output.Add(Slice.Group(slices, keepWithNext: true));
        else output.AddRange(slices);
    }
}
