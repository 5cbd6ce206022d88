namespace Kpi.Storage;

/// <summary>
/// Process locks on SQLite, where there are no advisory locks: a file opened exclusive and deleted on close. Its owner
/// holds it open for as long as it lives; the operating system closes it when the process dies, however it dies. So
/// "can I open it exclusively?" tells a live owner (no) from a gone one (yes — and opening it removes the leftover).
/// </summary>
public static class LockFiles
{
    /// <summary>Takes the lock at <paramref name="path"/> (its folder made if needed); dispose the stream to release it.</summary>
    /// <exception cref="IOException">Another process holds it.</exception>
    public static FileStream Hold(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
    }

    /// <summary>Whether a live process holds the lock at <paramref name="path"/>. A leftover of a dead owner is removed.</summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return false;
        }
        catch (FileNotFoundException)
        {
            return false; // released between the look and the open
        }
        catch (IOException)
        {
            return true;
        }
    }
}
