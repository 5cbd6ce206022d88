using Kpi.Reporting.Pdf;

namespace Kpi.Reporting.Documents.Components;

/// <summary>The running header and footer: a line of small grey text on each side, a hairline between them and the body.</summary>
public static class PageChrome
{
    public static Block Header(string left, string right)
    {
        var band = new Column();
        band.Row(12f,
            new RowItem(new Paragraph(left, Typography.PageHeader), 1.2f),
            new RowItem(new Paragraph(right, Typography.PageHeader.WithAlign(TextAlign.Right)), 1f));
        band.Rule(Palette.Rule, 0.5f, 3f);
        return band;
    }

    public static Block Footer(string left, string right)
    {
        var band = new Column();
        band.Rule(Palette.Rule, 0.5f, 3f);
        band.Row(12f,
            new RowItem(new Paragraph(left, Typography.PageFooter), 1.2f),
            new RowItem(new Paragraph(right, Typography.PageFooter.WithAlign(TextAlign.Right)), 1f));
        return band;
    }
}
