using System.Globalization;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Kpi.Ingestion.Files;

/// <summary>
/// Looks at a workbook's zip directory before anything is unpacked: how many parts it has, how large each says it
/// expands to, and how hard each is compressed. A file of a few hundred kilobytes can otherwise unpack to gigabytes
/// (one 256-million-character cell, a 190-million-character shared string). The sizes the directory declares are
/// binding: .NET's zip reader stops a part at its declared size, so a part that lies about its size is cut, not grown.
/// </summary>
internal static class XlsxPackageCheck
{
    private const uint EndOfDirectory = 0x06054b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint Zip64EndOfDirectory = 0x06064b50;
    private const int EndOfDirectoryLength = 22;
    private const int MaxCommentLength = 0xFFFF;

    /// <summary>Why the zip in <paramref name="zip"/> (seekable, at its start) must not be unpacked; null when it may. Leaves the position where it was.</summary>
    public static string? Problem(Stream zip, ImportFileOptions options)
    {
        var start = zip.Position;
        try
        {
            // Counted from the end record before the directory is read: reading it costs about 600 bytes a part.
            if (DeclaredParts(zip, start) is { } parts && parts > options.MaxXlsxParts)
                return string.Create(CultureInfo.InvariantCulture, $"its zip has {parts:N0} parts; a workbook has a few dozen, and an import reads at most {options.MaxXlsxParts:N0}");
            zip.Position = start;
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in archive.Entries)
            {
                var name = ImportText.Quote(entry.FullName);
                var limit = IsReadWholeByThePackage(entry.FullName) ? options.MaxXlsxMetadataPartBytes : options.MaxXlsxPartBytes;
                if (entry.Length > limit)
                    return string.Create(CultureInfo.InvariantCulture, $"its part {name} expands to {entry.Length:N0} bytes, more than the {limit:N0} an import reads");
                if (entry.Length > options.XlsxRatioCheckedAbove && entry.Length > entry.CompressedLength * options.MaxXlsxCompressionRatio)
                {
                    var ratio = entry.CompressedLength == 0 ? "without bound" : string.Create(CultureInfo.InvariantCulture, $"{entry.Length / entry.CompressedLength:N0}:1");
                    return string.Create(CultureInfo.InvariantCulture, $"its part {name} is compressed {ratio} ({entry.CompressedLength:N0} bytes expanding to {entry.Length:N0}); ") +
                           $"no spreadsheet is compressed beyond {options.MaxXlsxCompressionRatio}:1";
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            // Not a zip we can read: opening it as a workbook says so in its own words.
            return null;
        }
        finally
        {
            zip.Position = start;
        }
    }

    /// <summary>System.IO.Packaging reads the content types and every relationship part whole, into objects.</summary>
    private static bool IsReadWholeByThePackage(string name) =>
        name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    /// <summary>The number of entries the zip's end record declares (its Zip64 record when there is one), or null when there is none to find.</summary>
    private static long? DeclaredParts(Stream zip, long start)
    {
        var length = zip.Length - start;
        if (length < EndOfDirectoryLength) return null;
        var tail = new byte[(int)Math.Min(length, EndOfDirectoryLength + MaxCommentLength)];
        zip.Position = start + length - tail.Length;
        zip.ReadExactly(tail);
        for (var i = tail.Length - EndOfDirectoryLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != EndOfDirectory) continue;
            var count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
            if (count != 0xFFFF) return count;
            // 0xFFFF means "see the Zip64 end record", which the locator just before this record points at.
            if (i < 20 || BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i - 20)) != Zip64Locator) return count;
            var offset = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(i - 20 + 8));
            if (offset < 0 || offset > length - 56) return count;
            var record = new byte[56];
            zip.Position = start + offset;
            zip.ReadExactly(record);
            return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndOfDirectory
                ? (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32)), long.MaxValue)
                : count;
        }
        return null;
    }
}
