using Kpi.Reporting.Pdf;
using SkiaSharp;

namespace Kpi.Reporting.Documents.Components;

/// <summary>A headline number on a tile: label above, big value, a short note below (optional).</summary>
public sealed record KeyFigure(string Label, string Value, SKColor? ValueColor = null, string? Note = null);

/// <summary>A row of equal tiles for the headline figures (score, grade, rank, completeness).</summary>
public static class KeyFigures
{
    public static Block Tiles(IReadOnlyList<KeyFigure> figures)
    {
        var hasNotes = figures.Any(f => f.Note is not null);
        var tiles = figures.Select(f =>
        {
            var tile = new Column()
                .Paragraph(f.Label, Typography.TileLabel)
                .Paragraph(f.Value, f.ValueColor is { } c ? Typography.TileValue.WithColor(c) : Typography.TileValue);
            // Every tile gets a note line, empty or not, so the tiles come out the same height.
            if (hasNotes) tile.Paragraph(f.Note ?? " ", Typography.Caption);
            return new RowItem(new Box(tile, new BoxStyle(Palette.BrandLight, Accent: Palette.Brand, Padding: 8f)));
        }).ToArray();
        return new Row(tiles, 8f);
    }
}
