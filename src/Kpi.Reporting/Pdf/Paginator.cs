namespace Kpi.Reporting.Pdf;

/// <summary>A slice placed on a page, <see cref="Top"/> points below the top of the body.</summary>
internal readonly record struct PlacedSlice(Slice Slice, float Top);

/// <summary>
/// Stacks slices into pages of the body's height: a slice that does not fit starts a new page; a heading or a
/// table header moves with what follows it; a table row that starts a page brings its header; space at the top
/// of a page is dropped; a keep-together group taller than a page is placed part by part.
/// </summary>
internal static class Paginator
{
    public static List<List<PlacedSlice>> Paginate(IReadOnlyList<Slice> slices, float bodyHeight)
    {
        var pages = new List<List<PlacedSlice>> { new() };
        var queue = new List<Slice>(slices);
        var y = 0f;

        void NewPage()
        {
            pages.Add([]);
            y = 0f;
        }

        for (var i = 0; i < queue.Count; i++)
        {
            var slice = queue[i];
            var page = pages[^1];
            switch (slice.Kind)
            {
                case SliceKind.PageBreak:
                    if (page.Count > 0) NewPage();
                    continue;
                case SliceKind.Space:
                    if (page.Count == 0) continue;
                    if (y + slice.Height > bodyHeight) NewPage();
                    else y += slice.Height;
                    continue;
            }

            if (slice.Height > bodyHeight && slice.Parts is { Count: > 1 } parts)
            {
                queue.RemoveAt(i);
                queue.InsertRange(i, parts);
                i--;
                continue;
            }

            var needed = ChainHeight(queue, i);
            if (needed > bodyHeight) needed = slice.Height;
            if (page.Count > 0 && y + needed > bodyHeight)
            {
                NewPage();
                page = pages[^1];
            }

            if (page.Count == 0 && slice.RepeatHeader is { } header)
            {
                page.Add(new PlacedSlice(header, y));
                y += header.Height;
            }
            page.Add(new PlacedSlice(slice, y));
            y += slice.Height;
        }

        if (pages.Count > 1 && pages[^1].Count == 0) pages.RemoveAt(pages.Count - 1);
        return pages;
    }

    /// <summary>The height of a slice and everything it must stay with: a keep-with-next chain and the slice ending it.</summary>
    private static float ChainHeight(List<Slice> queue, int i)
    {
        var current = queue[i];
        var height = current.Height;
        var j = i + 1;
        while (current.KeepWithNext && j < queue.Count)
        {
            var next = queue[j++];
            if (next.Kind == SliceKind.PageBreak) break;
            height += next.Height;
            if (next.Kind == SliceKind.Space) continue;
            current = next;
        }
        return height;
    }
}
