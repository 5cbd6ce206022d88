using UglyToad.PdfPig;

namespace Kpi.Reporting.Tests.Pdf;

/// <summary>Reads a rendered PDF back with PdfPig: what a reader would copy out of each page.</summary>
public sealed class PdfText
{
    private PdfText(IReadOnlyList<string> pages, string title, string author, string? created)
    {
        Pages = pages;
        Title = title;
        Author = author;
        Created = created;
    }

    public IReadOnlyList<string> Pages { get; }
    public string Title { get; }
    public string Author { get; }
    public string? Created { get; }
    public string All => string.Join("\n", Pages);

    public static PdfText Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => p.Text).ToList();
        return new PdfText(pages, document.Information.Title ?? "", document.Information.Author ?? "", document.Information.CreationDate);
    }
}
