using Kpi.Storage;

namespace Kpi.Storage.Tests;

/// <summary>
/// The data directory is the service's alone — but a directory pointed at a shared folder keeps its mode: a benchmark
/// once set it to the temp folder, which then became 0700 and locked every other user (PostgreSQL's among them) out.
/// </summary>
public sealed class DataDirectoryTests : IDisposable
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Shared = Owner | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("kpi-data-directory-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void NewDirectory_IsTheOwnersAlone()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(_root.FullName, "data");

        DataDirectory.Create(path);

        Assert.Equal(Owner, File.GetUnixFileMode(path));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("kpi.db")]
    public void ExistingKpiDirectory_IsTightened(string? file)
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Directory.CreateDirectory(Path.Combine(_root.FullName, "data"), Shared).FullName;
        File.SetUnixFileMode(path, Shared);
        if (file is not null) File.WriteAllBytes(Path.Combine(path, file), []);

        DataDirectory.Create(path);

        Assert.Equal(Owner, File.GetUnixFileMode(path));
    }

    [Fact]
    public void SharedFolderHoldingOthersFiles_KeepsItsMode()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Directory.CreateDirectory(Path.Combine(_root.FullName, "shared"), Shared).FullName;
        File.SetUnixFileMode(path, Shared);
        File.WriteAllText(Path.Combine(path, "someone-elses.txt"), "x");

        DataDirectory.Create(path);

        Assert.Equal(Shared, File.GetUnixFileMode(path));
    }
}
