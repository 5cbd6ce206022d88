namespace Kpi.Storage;

/// <summary>
/// The data directory holds the databases, the job store, inbox files, the outbox and the bootstrap secrets: on Unix it
/// is readable by the service's user only (0700), and its database files are 0600. SQLite gives its journal files the
/// permissions of the database file, so once the database is 0600 they are too.
/// </summary>
public static class DataDirectory
{
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, owner);
            return;
        }
        // An existing folder is tightened only when it is Kpi's own (empty, or holding Kpi's database): a data directory
        // pointed at a shared folder (/tmp, a home directory) must not take the others' access away from it.
        if (IsOwn(path)) File.SetUnixFileMode(path, owner);
    }

    private static bool IsOwn(string path) =>
        !Directory.EnumerateFileSystemEntries(path).Any() || File.Exists(Path.Combine(path, "kpi.db"));

    /// <summary>Makes the database files in the directory 0600 (after the first start has created them).</summary>
    public static void SecureFiles(string path)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(path)) return;
        foreach (var file in Directory.EnumerateFiles(path).Where(f => f.EndsWith(".db", StringComparison.Ordinal) || f.EndsWith(".db-wal", StringComparison.Ordinal)
                                                                     || f.EndsWith(".db-shm", StringComparison.Ordinal) || f.EndsWith(".key", StringComparison.Ordinal)
                                                                     || f.EndsWith(".password", StringComparison.Ordinal)))
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
