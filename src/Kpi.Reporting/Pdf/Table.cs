using SkiaSharp;

namespace Kpi.Reporting.Pdf;

/// <summary>A column of a <see cref="Table"/>: header text, share of the width, alignment (numbers align right).</summary>
public sealed record TableColumn(string Header, float Weight, TextAlign Align = TextAlign.Left);

/// <summary>A table cell. <see cref="Background"/> and <see cref="Style"/> override the row's look (a RAG status, say).</summary>
public sealed record TableCell(string Text, SKColor? Background = null, TextStyle? Style = null, TextAlign? Align = null)
{
    public static implicit operator TableCell(string text) => new(text);
}

/// <summary>How a table looks: header and cell text, header fill, zebra stripes, the rules between rows, padding.</summary>
public sealed record TableStyle(
    TextStyle Header,
    TextStyle Cell,
    SKColor HeaderBackground,
    SKColor? Stripe,
    SKColor Rule,
    float PaddingX = 4f,
    float PaddingY = 3f);

/// <summary>
/// A table that flows across pages: every row is placed whole, and a row that starts a new page gets the header
/// row drawn again above it. Cell text wraps inside its column.
/// </summary>
public sealed class Table(IReadOnlyList<TableColumn> columns, TableStyle style) : Block
{
    private readonly List<(IReadOnlyList<TableCell> Cells, TextStyle? Style, SKColor? Background)> _rows = [];

    public const int MinRowsAfterHeader = 3;

    public int RowCount => _rows.Count;

    /// <param name="rowStyle">Text style for the whole row (a total row in bold), unless a cell says otherwise.</param>
    public Table AddRow(IReadOnlyList<TableCell> cells, TextStyle? rowStyle = null, SKColor? rowBackground = null)
    {
        if (cells.Count != columns.Count)
            throw new ArgumentException($"A row of this table needs {columns.Count} cells, not {cells.Count}.", nameof(cells));
        _rows.Add((cells, rowStyle, rowBackground));
        return this;
    }

    public Table AddRow(params TableCell[] cells) => AddRow((IReadOnlyList<TableCell>)cells);

    internal override void Layout(Typesetter typesetter, float width, List<Slice> output)
    {
        var totalWeight = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => width * c.Weight / totalWeight).ToArray();
        var lefts = new float[widths.Length];
        for (var i = 1; i < widths.Length; i++) lefts[i] = lefts[i - 1] + widths[i - 1];

        var header = LayoutRow(typesetter, widths, lefts, width,
            columns.Select(c => new TableCell(c.Header)).ToList(), style.Header, style.HeaderBackground, isHeader: true);
        output.Add(header);

        // A table never starts with its header and fewer than MinRowsAfterHeader rows at the foot of a page.
        var keepWithHeader = _rows.Count > MinRowsAfterHeader ? MinRowsAfterHeader - 1 : 0;
        for (var r = 0; r < _rows.Count; r++)
        {
            var (cells, rowStyle, rowBackground) = _rows[r];
            var background = rowBackground ?? (r % 2 == 1 ? style.Stripe : null);
            var row = LayoutRow(typesetter, widths, lefts, width, cells, rowStyle ?? style.Cell, background, isHeader: false);
            output.Add(new Slice { Height = row.Height, Draw = row.Draw, RepeatHeader = header, KeepWithNext = r < keepWithHeader });
        }
    }

    private Slice LayoutRow(Typesetter typesetter, float[] widths, float[] lefts, float width,
        IReadOnlyList<TableCell> cells, TextStyle rowStyle, SKColor? background, bool isHeader)
    {
        var laid = new (IReadOnlyList<string> Lines, TextStyle Style, TextAlign Align, SKColor? Background)[cells.Count];
        var height = 0f;
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            var cellStyle = cell.Style ?? rowStyle;
            var lines = typesetter.Wrap(cell.Text, cellStyle, widths[c] - 2 * style.PaddingX);
            laid[c] = (lines, cellStyle, cell.Align ?? columns[c].Align, cell.Background);
            height = Math.Max(height, Typesetter.Height(cellStyle, lines.Count));
        }
        height += 2 * style.PaddingY;

        return new Slice
        {
            Height = height,
            KeepWithNext = isHeader,
            Draw = (canvas, left, top) =>
            {
                if (background is { } fill) canvas.DrawRect(new SKRect(left, top, left + width, top + height), typesetter.Fill(fill));
                for (var c = 0; c < laid.Length; c++)
                {
                    var (lines, cellStyle, align, cellBackground) = laid[c];
                    var x = left + lefts[c];
                    if (cellBackground is { } cellFill)
                        canvas.DrawRect(new SKRect(x, top, x + widths[c], top + height), typesetter.Fill(cellFill));
                    // Header text sits at the bottom of the header cell, body text at the top of its cell.
                    var textTop = isHeader ? top + height - style.PaddingY - Typesetter.Height(cellStyle, lines.Count) : top + style.PaddingY;
                    typesetter.DrawLines(canvas, lines, cellStyle, x + style.PaddingX, textTop, widths[c] - 2 * style.PaddingX, align);
                }
                if (!isHeader) canvas.DrawLine(left, top + height, left + width, top + height, typesetter.Stroke(style.Rule, 0.5f));
            },
        };
    }
}
