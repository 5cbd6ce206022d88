namespace Kpi.Reporting.Pdf;

/// <summary>
/// Something the page body holds — a paragraph, a table, a chart. A block knows how to lay itself out at a width;
/// where page breaks fall is the paginator's business, so blocks never see page coordinates.
/// </summary>
public abstract class Block
{
    internal abstract void Layout(Typesetter typesetter, float width, List<Slice> output);
}
