using System.Text;
using MimeKit;

namespace Kpi.Delivery.Mail;

/// <summary>
/// A Chinese attachment name, written so every common client shows it. Content-Disposition carries it twice: first as
/// RFC 2231 <c>filename*</c> (the standard form, which MimeKit, Thunderbird, Apple Mail and Gmail prefer), then as a
/// quoted RFC 2047 <c>filename="=?utf-8?b?…?="</c>, which older Outlook reads instead; Content-Type's <c>name</c> is
/// RFC 2047 too, Outlook's fallback. MimeKit keeps one parameter per name, so the header is assembled from MimeKit's
/// own encodings of each form and set as its raw value.
/// </summary>
internal static class AttachmentNames
{
    public static void Apply(MimePart part, string fileName)
    {
        part.ContentType.Parameters.Add(new Parameter("name", fileName) { EncodingMethod = ParameterEncodingMethod.Rfc2047 });
        part.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment);
        part.ContentDisposition.Parameters.Add(new Parameter("filename", fileName) { EncodingMethod = ParameterEncodingMethod.Rfc2231 });
        if (fileName.All(char.IsAscii)) return;

        var header = part.Headers.First(h => h.Id == HeaderId.ContentDisposition);
        var rfc2231 = Encoding.ASCII.GetString(header.RawValue).TrimEnd('\r', '\n');
        var raw = $"{rfc2231};{Newline}\t{Rfc2047Parameter(fileName)}{Newline}";
        header.SetRawValue(Encoding.ASCII.GetBytes(raw));
    }

    private const string Newline = "\r\n";

    /// <summary><c>filename="=?utf-8?b?…?="</c>, folded by MimeKit where it is long.</summary>
    private static string Rfc2047Parameter(string fileName)
    {
        var disposition = new ContentDisposition(ContentDisposition.Attachment);
        disposition.Parameters.Add(new Parameter("filename", fileName) { EncodingMethod = ParameterEncodingMethod.Rfc2047 });
        var text = disposition.ToString(ComposedMail.Format, Encoding.UTF8, encode: true);
        var start = text.IndexOf("filename=", StringComparison.Ordinal);
        return text[start..].TrimEnd('\r', '\n');
    }
}
