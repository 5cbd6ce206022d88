using Kpi.Delivery.Mail;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Mail;
using Kpi.Reporting.Models;
using Kpi.Testing.Reports;

namespace Kpi.Delivery.Tests.Support;

/// <summary>Real mails for the tests: the sample company's executive summary, rendered, with its rendered PDF attached.</summary>
public static class Mails
{
    public const string PdfName = "华东精密制造有限公司 经营月度摘要 2026年10月.pdf";
    public static readonly DateTimeOffset Now = new(2026, 11, 3, 6, 30, 0, TimeSpan.FromHours(8));
    public static readonly Uri Portal = new("https://kpi.huacai.example/executive/2026-10");

    private static readonly Lazy<byte[]> SummaryPdfBytes = new(() => new ExecutiveSummaryPdf(SamplePacks.Executive()).Render());

    public static byte[] SummaryPdf => SummaryPdfBytes.Value;

    public static MailOptions Options(long maxMessageBytes = 10L * 1024 * 1024) =>
        new() { From = "华彩 KPI <kpi@huacai.example>", MaxMessageBytes = maxMessageBytes };

    public static MailComposer Composer(MailOptions? options = null) => new(Microsoft.Extensions.Options.Options.Create(options ?? Options()), new FixedClock(Now));

    public static RenderedMail Summary(ExecutiveSummaryModel? model = null) => new ExecutiveSummaryMail(model ?? SamplePacks.Executive(), Portal).Render();

    public static OutgoingMail Outgoing(string to = "ceo@huacai.example", RenderedMail? body = null, params MailAttachment[] attachments) =>
        new($"kpi.test.{Guid.NewGuid():N}@huacai.example", new MailRecipient("王总", to), body ?? Summary(),
            attachments.Length > 0 ? attachments : [new MailAttachment(PdfName, MailAttachment.Pdf, SummaryPdf)]);

    public static ComposedMail Compose(string to = "ceo@huacai.example", RenderedMail? body = null, params MailAttachment[] attachments) =>
        Composer().Compose(Outgoing(to, body, attachments));
}
