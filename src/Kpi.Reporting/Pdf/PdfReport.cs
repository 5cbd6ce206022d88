using SkiaSharp;

namespace Kpi.Reporting.Pdf;

/// <summary>
/// A PDF document built like a report rather than drawn by coordinates: a header and a footer composed per page
/// (they may say "Page 3 of 8"), and a body <see cref="Content"/> that flows over as many pages as it needs.
/// Rendering lays the whole body out first, so the page count is known before the first page is drawn.
/// </summary>
/// <example>
/// <code>
/// var report = new PdfReport(info) { Header = ComposeHeader, Footer = ComposeFooter };
/// report.Content.Heading("记分卡", Typography.Heading1).Table(scorecard);
/// byte[] pdf = report.Render();
/// </code>
/// </example>
public sealed class PdfReport(DocumentInfo info, PageSetup? setup = null)
{
    public PageSetup Setup { get; } = setup ?? PageSetup.A4;

    public Func<PageInfo, Block>? Header { get; init; }

    public Func<PageInfo, Block>? Footer { get; init; }

    public Column Content { get; } = new();

    public byte[] Render()
    {
        using var output = new MemoryStream();
        Render(output);
        return output.ToArray();
    }

    public void Render(Stream output)
    {
        using var typesetter = new Typesetter();
        var body = new List<Slice>();
        Content.Layout(typesetter, Setup.BodyWidth, body);
        var pages = Paginator.Paginate(body, Setup.BodyHeight);

        using (var document = SKDocument.CreatePdf(output, Metadata(info)))
        {
            for (var p = 0; p < pages.Count; p++)
            {
                var page = new PageInfo(p + 1, pages.Count);
                var canvas = document.BeginPage(Setup.Width, Setup.Height);
                if (Header is not null) DrawBand(canvas, typesetter, Header(page), Setup.MarginTop);
                foreach (var placed in pages[p]) placed.Slice.Draw?.Invoke(canvas, Setup.BodyLeft, Setup.BodyTop + placed.Top);
                if (Footer is not null) DrawBand(canvas, typesetter, Footer(page), Setup.FooterTop);
                document.EndPage();
            }
            document.Close();
        }
    }

    /// <summary>Lays a header or footer out at the body's width and draws it from <paramref name="top"/> down.</summary>
    private void DrawBand(SKCanvas canvas, Typesetter typesetter, Block band, float top)
    {
        var slices = new List<Slice>();
        band.Layout(typesetter, Setup.BodyWidth, slices);
        var y = top;
        foreach (var slice in slices.Where(s => s.Kind == SliceKind.Content))
        {
            slice.Draw?.Invoke(canvas, Setup.BodyLeft, y);
            y += slice.Height;
        }
    }

    private static SKDocumentPdfMetadata Metadata(DocumentInfo info)
    {
        var created = info.Created.UtcDateTime;
        return new SKDocumentPdfMetadata
        {
            Title = info.Title,
            Author = info.Author,
            Subject = info.Subject,
            Keywords = info.Keywords,
            Creator = DocumentInfo.Creator,
            Producer = DocumentInfo.Creator,
            Creation = created,
            Modified = created,
            RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
        };
    }
}
