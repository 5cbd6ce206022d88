namespace Kpi.Reporting.Pdf;

/// <summary>One cell of a <see cref="Row"/>: a block and its share of the width.</summary>
public sealed record RowItem(Block Content, float Weight = 1f);

/// <summary>Blocks side by side, each laid out in its share of the width; the row is as tall as its tallest cell and never splits.</summary>
public sealed class Row(IReadOnlyList<RowItem> items, float gap = 0f) : Block
{
    internal override void Layout(Typesetter typesetter, float width, List<Slice> output)
    {
        var totalWeight = items.Sum(i => i.Weight);
        var available = width - gap * Math.Max(0, items.Count - 1);
        var cells = new List<(Slice Slice, float Left)>();
        var x = 0f;
        foreach (var item in items)
        {
            var cellWidth = available * item.Weight / totalWeight;
            var parts = new List<Slice>();
            item.Content.Layout(typesetter, cellWidth, parts);
            cells.Add((Slice.Group(parts), x));
            x += cellWidth + gap;
        }

        output.Add(new Slice
        {
            Height = cells.Count == 0 ? 0 : cells.Max(c => c.Slice.Height),
            Draw = (canvas, left, top) =>
            {
                foreach (var (slice, offset) in cells) slice.Draw!(canvas, left + offset, top);
            },
        });
    }
}
