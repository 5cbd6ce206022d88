using System.IO.Compression;
using System.Text;

namespace Kpi.Ingestion.Tests.Files;

/// <summary>
/// Writes an XLSX by hand — a zip of raw XML parts — for files no spreadsheet program would save: cells beyond XFD,
/// parts that expand a thousandfold. Parts are written through a <see cref="TextWriter"/>, so a 256-million-character
/// cell is streamed into the zip, never held as a string by the test.
/// </summary>
internal static class RawXlsx
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <param name="sheetData">Writes the rows inside <c>&lt;sheetData&gt;</c>.</param>
    /// <param name="sharedStrings">Writes the <c>&lt;si&gt;</c> items of a shared-string table; none when null.</param>
    /// <param name="more">Adds parts of its own to the zip.</param>
    public static byte[] Build(Action<TextWriter> sheetData, Action<TextWriter>? sharedStrings = null, Action<ZipArchive>? more = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", w => w.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                (sharedStrings is null ? "" : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>") +
                "</Types>"));
            Part(zip, "_rels/.rels", w => w.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
                "</Relationships>"));
            Part(zip, "xl/workbook.xml", w => w.Write(
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\">" +
                "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            Part(zip, "xl/_rels/workbook.xml.rels", w => w.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                (sharedStrings is null ? "" : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>") +
                "</Relationships>"));
            Part(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData>");
                sheetData(w);
                w.Write("</sheetData></worksheet>");
            });
            if (sharedStrings is not null)
            {
                Part(zip, "xl/sharedStrings.xml", w =>
                {
                    w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\">");
                    sharedStrings(w);
                    w.Write("</sst>");
                });
            }
            more?.Invoke(zip);
        }
        return stream.ToArray();
    }

    /// <summary>A row of inline-string cells, the first in column A: <c>Row(1, "record_id", "department")</c>.</summary>
    public static string Row(int number, params string[] values)
    {
        var row = new StringBuilder($"<row r=\"{number}\">");
        for (var i = 0; i < values.Length; i++) row.Append(InlineCell(Column(i) + number, values[i]));
        return row.Append("</row>").ToString();
    }

    public static string InlineCell(string reference, string text) => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";

    /// <summary>Writes <paramref name="count"/> copies of a character in chunks.</summary>
    public static void Repeat(TextWriter writer, char c, long count)
    {
        var chunk = new string(c, 1 << 16);
        for (var left = count; left > 0; left -= chunk.Length) writer.Write(chunk.AsSpan(0, (int)Math.Min(left, chunk.Length)));
    }

    /// <summary>Writes <paramref name="count"/> pseudo-random letters, which deflate cannot shrink much (about 1.6:1).</summary>
    public static void RandomLetters(TextWriter writer, long count, int seed = 14)
    {
        var random = new Random(seed);
        var chunk = new char[1 << 16];
        for (var left = count; left > 0; left -= chunk.Length)
        {
            var n = (int)Math.Min(left, chunk.Length);
            for (var i = 0; i < n; i++) chunk[i] = (char)('a' + random.Next(26));
            writer.Write(chunk, 0, n);
        }
    }

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : throw new ArgumentOutOfRangeException(nameof(index));

    private static void Part(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false), 1 << 16);
        write(writer);
    }
}
