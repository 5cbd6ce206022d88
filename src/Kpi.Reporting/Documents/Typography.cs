using Kpi.Reporting.Pdf;

namespace Kpi.Reporting.Documents;

/// <summary>
/// Every text style of the reports in one place, on a small scale (7.5–24 pt) so pages look consistent. Tables use
/// the digits of the font, which are all of one width, so right-aligned numbers line up.
/// </summary>
public static class Typography
{
    public static readonly TextStyle CoverCompany = new(11f, Palette.Muted);
    public static readonly TextStyle CoverTitle = new(24f, Palette.Brand, Bold: true, LineHeight: 1.3f);
    public static readonly TextStyle CoverSubtitle = new(14f, Palette.Ink, LineHeight: 1.5f);

    public static readonly TextStyle Heading1 = new(15f, Palette.Brand, Bold: true, LineHeight: 1.5f);
    public static readonly TextStyle Heading2 = new(11.5f, Palette.Ink, Bold: true, LineHeight: 1.5f);
    public static readonly TextStyle Heading3 = new(9.5f, Palette.Brand, Bold: true);

    public static readonly TextStyle Body = new(9f, Palette.Ink, LineHeight: 1.5f);
    public static readonly TextStyle BodyBold = Body.AsBold();
    public static readonly TextStyle Small = new(8f, Palette.Muted, LineHeight: 1.45f);
    public static readonly TextStyle Caption = new(7.5f, Palette.Muted);

    public static readonly TextStyle TableHeader = new(7.5f, Palette.White, Bold: true, LineHeight: 1.35f);
    public static readonly TextStyle TableCell = new(8f, Palette.Ink, LineHeight: 1.35f);
    public static readonly TextStyle TableCellBold = TableCell.AsBold();
    public static readonly TextStyle TableCellMuted = TableCell.WithColor(Palette.Muted);

    public static readonly TextStyle KeyLabel = new(8f, Palette.Muted);
    public static readonly TextStyle KeyValue = new(9f, Palette.Ink);

    public static readonly TextStyle FigureValue = new(10.5f, Palette.Ink, Bold: true, LineHeight: 1.3f);

    public static readonly TextStyle TileLabel = new(8f, Palette.Muted);
    public static readonly TextStyle TileValue = new(20f, Palette.Brand, Bold: true, LineHeight: 1.25f);

    public static readonly TextStyle PageHeader = new(7.5f, Palette.Muted);
    public static readonly TextStyle PageFooter = new(7.5f, Palette.Muted);

    public static readonly TableStyle Table = new(TableHeader, TableCell, Palette.Brand, Palette.Stripe, Palette.Rule);
}
