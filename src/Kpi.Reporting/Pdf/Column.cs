using SkiaSharp;

namespace Kpi.Reporting.Pdf;

/// <summary>
/// Blocks stacked top to bottom: the body of a document, the inside of a box, a keep-together group. Its methods
/// read like the document they build: <c>col.Heading(...); col.Paragraph(...); col.Table(...); col.PageBreak();</c>
/// </summary>
public sealed class Column : Block
{
    private readonly List<Block> _items = [];

    public Column Add(Block block)
    {
        _items.Add(block);
        return this;
    }

    public Column Paragraph(string text, TextStyle style) => Add(new Paragraph(text, style));

    /// <summary>A heading, with space above it (dropped at the top of a page) and below it; it stays with what follows.</summary>
    public Column Heading(string text, TextStyle style, float spaceBefore = 0f, float spaceAfter = 0f)
    {
        if (spaceBefore > 0) Spacing(spaceBefore);
        Add(new Paragraph(text, style, isHeading: true));
        if (spaceAfter > 0) Add(new KeptSpace(spaceAfter));
        return this;
    }

    public Column Spacing(float points) => Add(new Spacer(points));

    public Column PageBreak() => Add(new PageBreak());

    public Column Drawing(float height, Action<SKCanvas, SKRect> draw) => Add(new Drawing(height, draw));

    public Column Table(Table table) => Add(table);

    public Column KeyValues(KeyValueList list) => Add(list);

    /// <summary>Whatever <paramref name="compose"/> adds goes on one page (unless it is taller than a page).</summary>
    public Column KeepTogether(Action<Column> compose)
    {
        var inner = new Column();
        compose(inner);
        return Add(new KeepTogether(inner));
    }

    public Column Box(BoxStyle style, Action<Column> compose)
    {
        var inner = new Column();
        compose(inner);
        return Add(new Box(inner, style));
    }

    /// <summary>Blocks side by side, with widths in proportion to <see cref="RowItem.Weight"/>.</summary>
    public Column Row(float gap, params RowItem[] items) => Add(new Row(items, gap));

    public Column Rule(SKColor color, float thickness = 0.75f, float spaceAround = 4f) =>
        Drawing(thickness + 2 * spaceAround, (canvas, r) =>
        {
            using var paint = new SKPaint { Color = color, StrokeWidth = thickness, IsAntialias = true };
            var y = r.Top + spaceAround + thickness / 2f;
            canvas.DrawLine(r.Left, y, r.Right, y, paint);
        });

    internal override void Layout(Typesetter typesetter, float width, List<Slice> output)
    {
        foreach (var item in _items) item.Layout(typesetter, width, output);
    }

    /// <summary>The space under a heading: it belongs to the heading, so it is kept with it and with what follows.</summary>
    private sealed class KeptSpace(float height) : Block
    {
        internal override void Layout(Typesetter typesetter, float width, List<Slice> output) =>
            output.Add(new Slice { Height = height, KeepWithNext = true });
    }
}

/// <summary>Keeps its content on one page; content taller than a page falls back to flowing.</summary>
public sealed class KeepTogether(Block content) : Block
{
    internal override void Layout(Typesetter typesetter, float width, List<Slice> output)
    {
        var parts = new List<Slice>();
        content.Layout(typesetter, width, parts);
        output.Add(Slice.Group(parts));
    }
}
