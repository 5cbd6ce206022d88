using System.Text;

namespace Kpi.Ingestion.Tests.Files;

/// <summary>The encodings CSV files arrive in, as Excel saves them.</summary>
public static class Encodings
{
    public static Encoding Utf8NoBom { get; } = new UTF8Encoding(false);

    /// <summary>"CSV UTF-8" in Excel: UTF-8 with a byte-order mark.</summary>
    public static Encoding Utf8Bom { get; } = new UTF8Encoding(true);

    /// <summary>"CSV (逗号分隔)" in Excel on Chinese Windows.</summary>
    public static Encoding Gb18030 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    public static Encoding Gbk { get; } = CodePagesEncodingProvider.Instance.GetEncoding(936)!;

    public static Encoding ByName(string name) => name switch
    {
        "utf-8" => Utf8NoBom,
        "utf-8-bom" => Utf8Bom,
        "gb18030" => Gb18030,
        "gbk" => Gbk,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The bytes of a text as a file holds them, preamble included.</summary>
    public static byte[] Bytes(string text, Encoding encoding) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
}
