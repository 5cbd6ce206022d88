namespace Kpi.Jobs.Packs;

/// <summary>The formats a pack is rendered in, with the media type and file extension each is served with.</summary>
public enum FileFormat
{
    Pdf,
    Xlsx,
}

public static class FileFormats
{
    public const string PdfContentType = "application/pdf";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IReadOnlyList<FileFormat> All { get; } = [FileFormat.Pdf, FileFormat.Xlsx];

    /// <summary>"pdf" or "xlsx": the extension, and the name stored with the pack.</summary>
    public static string Name(this FileFormat format) => format == FileFormat.Xlsx ? "xlsx" : "pdf";

    public static string ContentType(this FileFormat format) => format == FileFormat.Xlsx ? XlsxContentType : PdfContentType;

    public static bool TryParse(string? name, out FileFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "pdf":
                format = FileFormat.Pdf;
                return true;
            case "xlsx":
                format = FileFormat.Xlsx;
                return true;
            default:
                format = FileFormat.Pdf;
                return false;
        }
    }
}
