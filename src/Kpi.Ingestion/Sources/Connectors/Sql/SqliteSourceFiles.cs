using Kpi.Storage;
using Microsoft.Data.Sqlite;

namespace Kpi.Ingestion.Sources.Connectors.Sql;

/// <summary>
/// Where a SQLite source may read: a file that already exists under <c>{DataDirectory}/sources/</c>, named relative to
/// that folder (an absolute path is taken only if it lies there). No <c>..</c>, no URI (<c>file:</c>), no
/// <c>:memory:</c> (nothing to read), and no symbolic link leading out: the real path is resolved and opened, read-only.
/// Kpi's own databases (<c>kpi.db</c>, <c>hangfire.db</c>) live beside that folder, never in it, and are refused by
/// name as well in case the operator moved one there.
/// </summary>
public static class SqliteSourceFiles
{
    public const string FolderName = "sources";

    /// <summary>The folder SQLite source files are put in by the operator.</summary>
    public static string FolderOf(string dataPath) => Path.Combine(dataPath, FolderName);

    private const string Where = "a file in the sources folder ({DataDirectory}/sources/), e.g. Data Source=erp.db";

    private static readonly StringComparison PathComparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>Why <paramref name="dataSource"/> as written cannot be a source file; null when it can. Checked when a source is saved and again for every run.</summary>
    public static string? Check(string? dataSource, string dataPath)
    {
        if (string.IsNullOrWhiteSpace(dataSource)) return $"Data Source is required: {Where}";
        if (dataSource.Trim().Equals(":memory:", StringComparison.OrdinalIgnoreCase)) return $"Data Source=:memory: is an empty database with nothing to read: give {Where}";
        if (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return $"Data Source must not be a URI (file:…): give {Where}";
        if (dataSource.Contains('\0')) return $"Data Source is not a file name: give {Where}";
        if (dataSource.Split('/', '\\').Any(part => part == "..")) return $"Data Source must not climb out with '..': give {Where}";
        var folder = Path.GetFullPath(FolderOf(dataPath));
        if (!IsUnder(Path.GetFullPath(Path.Combine(folder, dataSource)), folder)) return $"Data Source must be {Where}, not a path elsewhere";
        return null;
    }

    /// <summary>The real path of the file a run opens.</summary>
    /// <exception cref="SourceException">It is not a source file, it leads elsewhere, it is Kpi's own, or it does not exist.</exception>
    public static string Resolve(string? dataSource, KpiOptions kpi)
    {
        if (Check(dataSource, kpi.DataPath) is { } reason) throw new SourceException($"options.connection_string: {reason}");
        var folder = FolderOf(kpi.DataPath);
        var realFolder = RealPath(folder);
        var real = RealPath(Path.Combine(folder, dataSource!));
        if (!IsUnder(real, realFolder)) throw new SourceException($"{dataSource} is a symbolic link leading out of the sources folder; sources read only files in it");
        if (OwnFiles(kpi).Any(own => string.Equals(RealPath(own), real, PathComparison)))
            throw new SourceException($"{dataSource} is one of Kpi's own databases; a source never reads them");
        if (!File.Exists(real)) throw new SourceException($"There is no file {dataSource} in the sources folder ({{DataDirectory}}/sources/); a source never creates one");
        return real;
    }

    /// <summary>Whether an open connection's main database is the file that was checked (SQLite resolves links too).</summary>
    public static bool IsOpenOn(SqliteConnection connection, string real) =>
        string.Equals(RealPath(connection.DataSource), real, PathComparison);

    /// <summary>Kpi's own SQLite files: its database and the job storage.</summary>
    private static IEnumerable<string> OwnFiles(KpiOptions kpi)
    {
        yield return Path.Combine(kpi.DataPath, "hangfire.db");
        if (kpi.Database.Provider == DatabaseProvider.Sqlite && new SqliteConnectionStringBuilder(kpi.ConnectionString).DataSource is { Length: > 0 } own)
            yield return Path.GetFullPath(own, kpi.DataPath);
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, PathComparison);

    /// <summary>The path with every symbolic link on it resolved, as the kernel would follow them.</summary>
    internal static string RealPath(string path, int depth = 0)
    {
        if (depth > 40) throw new SourceException($"{path}: too many levels of symbolic links");
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            if (new FileInfo(next).LinkTarget is { } target)
                return RealPath(Path.Combine([Path.Combine(current, target), .. parts[(i + 1)..]]), depth + 1);
            current = next;
        }
        return current;
    }
}
