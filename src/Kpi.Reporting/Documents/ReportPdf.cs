using Kpi.Reporting.Documents.Components;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Kpi.Reporting.Pdf;

namespace Kpi.Reporting.Documents;

/// <summary>
/// What every Kpi PDF shares: rendering to bytes, and the footer (confidentiality, when it was
/// generated, page x of y). A document gives its metadata, its running header and its body.
/// </summary>
public abstract class ReportPdf(ReportLanguage language, DateTimeOffset generatedAt)
{
    protected Labels Labels { get; } = Labels.For(language);

    public byte[] Render() => Compose().Render();

    protected abstract DocumentInfo Info();

    protected abstract Block ComposeHeader(PageInfo page);

    protected abstract void ComposeContent(Column content);

    private Block ComposeFooter(PageInfo page) => PageChrome.Footer(
        $"{Labels.Confidential} · {Labels.GeneratedAt} {Labels.Timestamp(generatedAt)}",
        Labels.PageOf(page.Number, page.Total));

    private PdfReport Compose()
    {
        var report = new PdfReport(Info()) { Header = ComposeHeader, Footer = ComposeFooter };
        ComposeContent(report.Content);
        return report;
    }
}
