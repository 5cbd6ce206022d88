using SkiaSharp;

namespace Kpi.Reporting.Pdf;

internal enum SliceKind { Content, Space, PageBreak }

/// <summary>
/// The unit the paginator places: a strip of the body, full width, that never splits (a line of a paragraph, a table
/// row, a chart). Blocks lay themselves out into slices; pagination only stacks them.
/// </summary>
internal sealed class Slice
{
    public SliceKind Kind { get; init; } = SliceKind.Content;

    public float Height { get; init; }

    /// <summary>Draws the slice with its top-left corner at (left, top).</summary>
    public Action<SKCanvas, float, float>? Draw { get; init; }

    /// <summary>A heading or a table header: it goes to the next page with whatever follows it rather than stay alone.</summary>
    public bool KeepWithNext { get; init; }

    /// <summary>A table row's header, drawn again above the row when the row starts a page.</summary>
    public Slice? RepeatHeader { get; init; }

    /// <summary>For a keep-together group: its slices, placed one by one if the group is taller than a page.</summary>
    public IReadOnlyList<Slice>? Parts { get; init; }

    public static Slice Space(float height) => new() { Kind = SliceKind.Space, Height = height };

    public static Slice Break() => new() { Kind = SliceKind.PageBreak };

    /// <summary>One slice that draws <paramref name="parts"/> stacked (spaces included) and keeps them on one page.</summary>
    public static Slice Group(IReadOnlyList<Slice> parts, bool keepWithNext = false)
    {
        var content = parts.Where(p => p.Kind != SliceKind.PageBreak).SkipWhile(p => p.Kind == SliceKind.Space).ToList();
        return new Slice
        {
            Height = content.Sum(p => p.Height),
            KeepWithNext = keepWithNext,
            Parts = content,
            Draw = (canvas, left, top) =>
            {
                var y = top;
                foreach (var part in content)
                {
                    part.Draw?.Invoke(canvas, left, y);
                    y += part.Height;
                }
            },
        };
    }
}
