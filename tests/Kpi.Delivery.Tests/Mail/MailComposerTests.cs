using System.Text;
using System.Text.RegularExpressions;
using Kpi.Delivery.Mail;
using Kpi.Delivery.Tests.Support;
using Kpi.Testing.Mail;
using MimeKit;
using MimeKit.Utils;

namespace Kpi.Delivery.Tests.Mail;

public class MailComposerTests
{
    [Fact]
    public void A_summary_with_its_pdf_is_text_and_html_alternatives_plus_one_attachment()
    {
        var message = Reparse(Mails.Compose());

        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        Assert.Equal(2, mixed.Count);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.All(alternative.Cast<TextPart>(), p => Assert.Equal("utf-8", p.ContentType.Charset));
        var pdf = Assert.IsType<MimePart>(mixed[1]);
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        Assert.True(pdf.IsAttachment);
        Assert.Equal(Mails.SummaryPdf, Bytes(pdf));

        Assert.Equal("华东精密制造有限公司 经营月度摘要 2026年10月", message.Subject);
        Assert.Equal("kpi@huacai.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("华彩 KPI", message.From.Mailboxes.Single().Name);
        Assert.Equal("ceo@huacai.example", message.To.Mailboxes.Single().Address);
        Assert.Equal("王总", message.To.Mailboxes.Single().Name);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
    }

    [Fact]
    public void Without_attachments_the_body_is_the_alternatives_alone()
    {
        var mail = Mails.Outgoing() with { Attachments = [] };
        var message = Reparse(Mails.Composer().Compose(mail));
        Assert.Equal(["text/plain", "text/html"], Assert.IsType<MultipartAlternative>(message.Body).Select(p => p.ContentType.MimeType));
    }

    [Fact]
    public void The_chinese_subject_and_file_name_are_encoded_in_ascii_and_decode_back()
    {
        var raw = Raw(Mails.Compose());

        Assert.True(raw.All(b => b < 128), "every header and body line is 7-bit");
        Assert.Matches(@"Subject: =\?utf-8\?b\?", raw.AsText());
        var message = MimeMessage.Load(new MemoryStream(raw));
        Assert.Equal("华东精密制造有限公司 经营月度摘要 2026年10月", message.Subject);
        Assert.Equal(Mails.PdfName, message.Attachments.Single().ContentDisposition!.FileName);
    }

    /// <summary>
    /// Content-Disposition carries the name as RFC 2231 (filename*) and as RFC 2047 (filename="=?utf-8?b?…?="), and
    /// Content-Type's name is RFC 2047: each form decodes on its own to the same Chinese name.
    /// </summary>
    [Fact]
    public void The_attachment_name_is_there_in_both_the_rfc2231_and_the_rfc2047_form()
    {
        var text = Raw(Mails.Compose()).AsText();
        var disposition = Unfold(Header(text, "Content-Disposition", after: "application/pdf"));
        var contentType = Unfold(Header(text, "Content-Type", "application/pdf"));

        var rfc2231 = string.Concat(Regex.Matches(disposition, @"filename\*(?:\d+\*?)?=([^;\s]+)").Select(m => m.Groups[1].Value));
        Assert.StartsWith("utf-8''", rfc2231);
        Assert.Equal(Mails.PdfName, Uri.UnescapeDataString(rfc2231["utf-8''".Length..]));

        var rfc2047 = Regex.Match(disposition, "(?<![*])filename=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("=?utf-8?b?", rfc2047);
        Assert.Equal(Mails.PdfName, Rfc2047.DecodeText(Encoding.ASCII.GetBytes(rfc2047)));

        var name = Regex.Match(contentType, "name=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("=?utf-8?b?", name);
        Assert.Equal(Mails.PdfName, Rfc2047.DecodeText(Encoding.ASCII.GetBytes(name)));

        var parsed = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(text))).Attachments.OfType<MimePart>().Single();
        Assert.Equal(Mails.PdfName, parsed.FileName);
        Assert.Equal(Mails.PdfName, parsed.ContentType.Name);
    }

    [Fact]
    public void An_ascii_file_name_is_written_plainly()
    {
        var text = Raw(Mails.Compose(attachments: new MailAttachment("PROD-2026-10-v1-zh.xlsx", MailAttachment.Xlsx, [1, 2, 3]))).AsText();
        Assert.Contains("filename=PROD-2026-10-v1-zh.xlsx", Unfold(text));
        Assert.DoesNotContain("filename*", text);
    }

    [Fact]
    public void The_message_id_is_the_callers_and_the_date_is_the_clocks()
    {
        var composer = Mails.Composer();
        var id = composer.MessageId("subscription 7", "2026-10", "revision 1", "ceo@huacai.example");
        var message = Reparse(composer.Compose(Mails.Outgoing() with { MessageId = id }));

        Assert.Equal(id, message.MessageId);
        Assert.Equal(Mails.Now, message.Date);
        Assert.Equal(id, composer.MessageId("subscription 7", "2026-10", "revision 1", "ceo@huacai.example"));
        Assert.NotEqual(id, composer.MessageId("subscription 7", "2026-10", "revision 2", "ceo@huacai.example"));
        Assert.NotEqual(id, composer.MessageId("subscription 7", "2026-10", "revision 1", "cfo@huacai.example"));
        Assert.Matches("^kpi\\.[0-9a-f]{32}@huacai\\.example$", id);
        Assert.DoesNotContain("ceo", id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("ceo@huacai.example\r\nBcc: everyone@huacai.example")]
    public void A_recipient_that_is_not_one_address_is_refused(string address)
    {
        var error = Assert.Throws<ArgumentException>(() => Mails.Compose(to: address));
        Assert.StartsWith("to:", error.Message);
    }

    [Fact]
    public void The_size_is_measured_as_the_message_is_written()
    {
        var mail = Mails.Compose();
        Assert.Equal(Raw(mail).Length, mail.SizeBytes);
        Assert.True(mail.SizeBytes > Mails.SummaryPdf.Length * 4 / 3, "the PDF is in it, base64-encoded");
    }

    internal static byte[] Raw(ComposedMail mail)
    {
        var stream = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        mail.Message.WriteTo(format, stream);
        return stream.ToArray();
    }

    internal static MimeMessage Reparse(ComposedMail mail) => MimeMessage.Load(new MemoryStream(Raw(mail)));

    internal static byte[] Bytes(MimePart part)
    {
        var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    /// <summary>The named header (with its folded lines) of the first part whose headers contain <paramref name="after"/>.</summary>
    private static string Header(string message, string name, string after)
    {
        var start = message.IndexOf(after, StringComparison.Ordinal);
        var block = message[message.LastIndexOf("\r\n\r\n", start, StringComparison.Ordinal)..];
        block = block[..block.IndexOf("\r\n\r\n", 4, StringComparison.Ordinal)];
        var match = Regex.Match(block, $@"\r\n{name}:(.*?)(?=\r\n\S|$)", RegexOptions.Singleline);
        Assert.True(match.Success, $"{name} in {block}");
        return match.Groups[1].Value;
    }

    private static string Unfold(string header) => Regex.Replace(header, @"\r\n[ \t]+", " ");
}

internal static class ByteText
{
    public static string AsText(this byte[] bytes) => Encoding.ASCII.GetString(bytes);
}
