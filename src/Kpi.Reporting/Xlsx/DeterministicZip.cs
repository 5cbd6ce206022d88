using System.IO.Compression;

namespace Kpi.Reporting.Xlsx;

/// <summary>
/// An .xlsx is a zip whose entries System.IO.Packaging stamps with the current time, so two saves of the same
/// workbook differ. Re-packing with one fixed timestamp (the model's) gives the same bytes for the same model —
/// a stored pack downloads again byte for byte.
/// </summary>
internal static class DeterministicZip
{
    /// <summary>The earliest time a zip entry can carry.</summary>
    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Repack(Stream source, Stream output, DateTimeOffset timestamp)
    {
        var stamp = timestamp < ZipEpoch ? ZipEpoch : new DateTimeOffset(timestamp.DateTime, TimeSpan.Zero);
        source.Position = 0;
        using var input = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        using var result = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in input.Entries)
        {
            var copy = result.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = stamp;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }
}
