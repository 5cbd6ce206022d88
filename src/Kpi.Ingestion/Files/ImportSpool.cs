namespace Kpi.Ingestion.Files;

/// <summary>
/// Temporary copies of uploads (an HTTP body must be read to its end before a slow client may hold a transaction, and
/// a zip must be seekable), kept in a folder of Kpi's own under the data directory rather than the shared temp folder.
/// </summary>
/// <remarks>
/// A spool file is opened exclusively and deleted when closed. On Unix its name is removed the moment it is opened,
/// so the copy lives only as long as its open handle: a process killed mid-upload leaves nothing behind. Where names
/// cannot be removed from open files (Windows), <see cref="RemoveStale"/> at start-up clears what a dead process left.
/// </remarks>
public static class ImportSpool
{
    /// <summary>Every spool file's name starts with this; <see cref="RemoveStale"/> touches no other file.</summary>
    public const string Prefix = "kpi-spool-";

    /// <summary>The spool folder inside a data directory.</summary>
    public static string FolderIn(string dataPath) => Path.Combine(dataPath, "spool");

    /// <summary>A new, empty spool file in <paramref name="folder"/> (created if need be; the system temp folder when null). The caller disposes it.</summary>
    public static FileStream Create(string? folder)
    {
        folder ??= Path.GetTempPath();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Prefix}{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Still deleted on close, or at the next start-up.
            }
        }
        return stream;
    }

    /// <summary>
    /// Deletes the spool files a dead process left: those last written before <paramref name="before"/> that no live
    /// process holds open (a spool file is held exclusively while in use). Returns how many were deleted.
    /// </summary>
    public static int RemoveStale(string folder, DateTime before)
    {
        if (!Directory.Exists(folder)) return 0;
        var removed = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles(Prefix + "*"))
        {
            if (file.LastWriteTimeUtc >= before) continue;
            try
            {
                // FileShare.None fails while another process still holds the file: then it is not stale.
                using (new FileStream(file.FullName, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use, or gone meanwhile.
            }
        }
        return removed;
    }
}
