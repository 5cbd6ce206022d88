using System.Xml;
using System.Xml.Linq;

namespace Kpi.Reporting.Tests.Mail;

/// <summary>
/// Reads a mail's HTML back as XML (the mail is well-formed XHTML): the data tables as rows of cell texts, the links,
/// and every element name — so a test sees what a mail client would render, not a string search over markup.
/// </summary>
public sealed class MailHtmlReader
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private readonly XDocument document;

    public MailHtmlReader(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        document = XDocument.Load(reader);
    }

    /// <summary>Tables with a heading row: the heading first, then each row; a cell's text includes its note line.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> DataTables =>
        document.Descendants(Xhtml + "table")
            .Where(t => t.Elements(Xhtml + "tr").Any(r => r.Elements(Xhtml + "th").Any()))
            .Select(t => (IReadOnlyList<IReadOnlyList<string>>)t.Elements(Xhtml + "tr")
                .Select(r => (IReadOnlyList<string>)r.Elements().Select(c => string.Join(" | ", Lines(c))).ToList())
                .ToList())
            .ToList();

    public IReadOnlyList<string> Links => document.Descendants(Xhtml + "a").Select(a => (string)a.Attribute("href")!).ToList();

    public IReadOnlyList<string> ElementNames => document.Descendants().Select(e => e.Name.LocalName).Distinct().ToList();

    /// <summary>All visible text, element by element.</summary>
    public string Text => string.Join("\n", document.Descendants(Xhtml + "body").Single().DescendantNodes().OfType<XText>().Select(t => t.Value));

    public IEnumerable<XElement> Elements => document.Descendants();

    private static IEnumerable<string> Lines(XElement cell)
    {
        var own = string.Concat(cell.Nodes().OfType<XText>().Select(t => t.Value));
        return new[] { own }.Concat(cell.Elements().Select(e => e.Value)).Where(s => s.Length > 0);
    }
}
