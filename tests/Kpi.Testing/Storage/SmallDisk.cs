using System.Diagnostics;

namespace Kpi.Testing.Storage;

/// <summary>
/// A small file system of a test's own, mounted on a folder, that the test fills up (<see cref="Fill"/>) and frees
/// again (<see cref="Free"/>): a real "No space left on device" for the code under test, in this process or a child.
/// A tmpfs where mounting one is allowed (root, or a container with CAP_SYS_ADMIN), else an ext4 image on a loop
/// device; where neither can be mounted, <see cref="SmallDiskFactAttribute"/> skips the test saying why.
/// Disposing unmounts it and deletes the folder.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private const string FillerName = ".filler";
    private static readonly Lazy<string?> Probe = new(() =>
    {
        try
        {
            using var disk = Mount(1 << 20);
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    });

    private readonly string? _image;

    private SmallDisk(string path, string? image, string kind)
    {
        Path = path;
        _image = image;
        Kind = kind;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Unmount();
    }

    /// <summary>The mounted folder.</summary>
    public string Path { get; }

    /// <summary><c>tmpfs</c> or <c>ext4 on a loop device</c>, for messages.</summary>
    public string Kind { get; }

    /// <summary>Why no small file system can be mounted here, or null when one can (tried once per process).</summary>
    public static string? UnavailableReason => Probe.Value;

    /// <summary>Mounts a file system of <paramref name="bytes"/> on a new temporary folder (or on <paramref name="at"/>, which must exist and be empty).</summary>
    public static SmallDisk Mount(long bytes, string? at = null)
    {
        var path = at ?? Directory.CreateTempSubdirectory("kpi-disk-").FullName;
        var kib = Math.Max(64, bytes / 1024);
        var tmpfs = Run("mount", "-t", "tmpfs", "-o", $"size={kib}k,mode=0777", "tmpfs", path);
        if (tmpfs is null) return new SmallDisk(path, null, "tmpfs");

        // A loop-mounted ext4 image, for machines that allow loop devices but not tmpfs (rare) — and to say both reasons.
        var image = path + ".img";
        var loop = Run("truncate", "-s", $"{Math.Max(kib, 1024)}k", image)
                   ?? Run("mkfs.ext4", "-q", "-F", "-m", "0", image)
                   ?? Run("mount", "-o", "loop", image, path)
                   ?? Run("chmod", "0777", path);
        if (loop is null) return new SmallDisk(path, image, "ext4 on a loop device");
        File.Delete(image);
        if (at is null) Directory.Delete(path);
        throw new InvalidOperationException($"cannot mount a small file system to fill up: tmpfs: {tmpfs}; loop ext4: {loop}");
    }

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>
    /// Takes the free space but <paramref name="leave"/> bytes with a file of its own, so that the next writes find
    /// the disk full. Returns the bytes it took.
    /// </summary>
    public long Fill(long leave = 0)
    {
        var taken = 0L;
        var block = new byte[64 * 1024];
        using var filler = new FileStream(System.IO.Path.Combine(Path, FillerName), FileMode.Append, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (FreeBytes > leave + block.Length)
            {
                filler.Write(block);
                taken += block.Length;
            }
            // The last bytes one at a time would be slow: a smaller block, down to the wanted margin.
            for (var size = block.Length / 2; size >= 512; size /= 2)
                while (FreeBytes > leave + size)
                {
                    filler.Write(block, 0, size);
                    taken += size;
                }
        }
        catch (IOException)
        {
            // Full before the estimate said so (metadata blocks): as full as it gets.
        }
        return taken;
    }

    /// <summary>Gives back what <see cref="Fill"/> took.</summary>
    public void Free() => File.Delete(System.IO.Path.Combine(Path, FillerName));

    public void Dispose()
    {
        Unmount();
        if (Directory.Exists(Path) && !Directory.EnumerateFileSystemEntries(Path).Any()) Directory.Delete(Path);
    }

    private void Unmount()
    {
        if (!Directory.Exists(Path)) return;
        // Lazy: a file a child process still holds open must not keep the mount (and the test) hanging.
        Run("umount", "-l", Path);
        if (_image is not null && File.Exists(_image)) File.Delete(_image);
    }

    /// <summary>Runs a command; null when it succeeded, else what it said.</summary>
    private static string? Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"`{file} {string.Join(' ', arguments)}` exited with {process.ExitCode}: {error.Result.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{file}: {e.Message}";
        }
    }
}

/// <summary>
/// A fact that fills a disk (<see cref="SmallDisk"/>): skipped, saying why, where no small file system can be mounted
/// (not root, or a sandbox without CAP_SYS_ADMIN). It never passes without having filled one.
/// </summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    /// <summary>An explicit reason wins; else the machine's, when it cannot mount a small file system (probed once, when asked).</summary>
    public override string? Skip
    {
        get => base.Skip ?? (!OperatingSystem.IsLinux() ? "filling a disk needs a Linux mount of a small file system" : SmallDisk.UnavailableReason);
        set => base.Skip = value;
    }
}
