namespace Kpi.Jobs.Packs;

/// <summary>The formats a pack is rendered in, with the media type and file extension each is served with.</summary>
public enum PackFormat
{
    Pdf,
    Xlsx,
}

public static class PackFormats
{
    public const string PdfContentType = "application/pdf";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IReadOnlyList<PackFormat> All { get; } = [PackFormat.Pdf, PackFormat.Xlsx];

    /// <summary>"pdf" or "xlsx": the extension, and the name stored with the pack.</summary>
    public static string Name(this PackFormat format) => format == PackFormat.Xlsx ? "xlsx" : "pdf";

    public static string ContentType(this PackFormat format) => format == PackFormat.Xlsx ? XlsxContentType : PdfContentType;

    public static bool TryParse(string? name, out PackFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "pdf":
                format = PackFormat.Pdf;
                return true;
            case "xlsx":
                format = PackFormat.Xlsx;
                return true;
            default:
                format = PackFormat.Pdf;
                return false;
        }
    }
}
