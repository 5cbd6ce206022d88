using Kpi.Reporting.Models;

namespace Kpi.Jobs.Packs;

/// <summary>
/// File names a person recognises: <c>生产部-2026-10-v1-zh.pdf</c> for a department pack, <c>经营月度摘要-2026-10-v1-zh.pdf</c>
/// for the summary, with an ASCII twin built from the department code (<c>PROD-2026-10-v1-zh.pdf</c>) for clients that
/// cannot read RFC 5987's <c>filename*</c>.
/// </summary>
public static class ReportFileNames
{
    public sealed record FileName(string Display, string Ascii);

    public static FileName Department(string code, string name, string period, int version, ReportLanguage language, FileFormat format) =>
        new($"{Clean(name)}-{period}-v{version}-{language.Code()}.{format.Name()}", $"{Ascii(code)}-{period}-v{version}-{language.Code()}.{format.Name()}");

    public static FileName Summary(string period, int revision, ReportLanguage language) =>
        new($"{(language == ReportLanguage.En ? "executive-summary" : "经营月度摘要")}-{period}-v{revision}-{language.Code()}.pdf",
            $"executive-summary-{period}-v{revision}-{language.Code()}.pdf");

    public static FileName Archive(string period, ReportLanguage language) =>
        new($"{(language == ReportLanguage.En ? "department-packs" : "部门月度报告")}-{period}-{language.Code()}.zip",
            $"department-packs-{period}-{language.Code()}.zip");

    /// <summary>Department names are free text: characters a file system or a header would trip on become '_'.</summary>
    public static string Clean(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '\\', '/', ':', '*', '?', '<', '>', '|']).ToHashSet();
        var cleaned = new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim();
        return cleaned.Length == 0 ? "_" : cleaned;
    }

    private static string Ascii(string code) => new(code.Select(c => c is >= ' ' and < (char)127 && c != '"' && c != '\\' ? c : '_').ToArray());
}
