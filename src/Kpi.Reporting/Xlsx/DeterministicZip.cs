using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Kpi.Reporting.Xlsx;

/// <summary>
/// Makes a saved .xlsx reproducible, so a stored pack downloads again byte for byte. System.IO.Packaging leaves three
/// things that change on every save: zip entry timestamps (now), package relationship ids (random <c>R…</c>) and
/// the core-properties part name (a random GUID). Re-packing gives the entries one fixed timestamp (the model's),
/// numbers the random ids in order and gives the core properties a fixed name. Nothing else is touched.
/// </summary>
internal static partial class DeterministicZip
{
    /// <summary>The earliest time a zip entry can carry.</summary>
    private static readonly DateTime ZipEpoch = new(1980, 1, 1);

    private const string CoreProperties = "package/services/metadata/core-properties/core.psmdcp";

    public static void Repack(Stream source, Stream output, DateTimeOffset timestamp)
    {
        var stamp = new DateTimeOffset(timestamp.UtcDateTime < ZipEpoch ? ZipEpoch : timestamp.UtcDateTime, TimeSpan.Zero);
        source.Position = 0;
        using var input = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);

        var entries = input.Entries.Select(e => (Name: e.FullName, Bytes: Read(e))).ToList();
        var renames = new List<(string From, string To)>();
        foreach (var (name, _) in entries.Where(e => e.Name.EndsWith(".psmdcp", StringComparison.Ordinal)))
            renames.Add(("/" + name, "/" + CoreProperties));
        var ids = entries.Where(e => e.Name.EndsWith(".rels", StringComparison.Ordinal))
            .SelectMany(e => RandomId().Matches(Encoding.UTF8.GetString(e.Bytes)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        for (var i = 0; i < ids.Count; i++) renames.Add(($"Id=\"{ids[i]}\"", $"Id=\"R{i + 1:D3}\""));

        using var result = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in entries)
        {
            var target = name.EndsWith(".psmdcp", StringComparison.Ordinal) ? CoreProperties : name;
            var content = name.EndsWith(".rels", StringComparison.Ordinal) && renames.Count > 0 ? Rewrite(bytes, renames) : bytes;
            var copy = result.CreateEntry(target, CompressionLevel.Optimal);
            copy.LastWriteTime = stamp;
            using var to = copy.Open();
            to.Write(content);
        }
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var from = entry.Open();
        using var buffer = new MemoryStream();
        from.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static byte[] Rewrite(byte[] bytes, List<(string From, string To)> renames)
    {
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var text = Encoding.UTF8.GetString(bom ? bytes[Encoding.UTF8.Preamble.Length..] : bytes);
        foreach (var (from, to) in renames) text = text.Replace(from, to, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(text);
        return bom ? [.. Encoding.UTF8.Preamble, .. body] : body;
    }

    /// <summary>The ids System.IO.Packaging makes up: "R" and 16 hex digits.</summary>
    [GeneratedRegex("Id=\"(R[0-9a-f]{16})\"")]
    private static partial Regex RandomId();
}
