using System.Text;

namespace Kpi.Ingestion.Tests.Files;

/// <summary>A temporary folder of real files for one test class, deleted afterwards: the readers see what the inbox sees.</summary>
public sealed class TestFolder : IDisposable
{
    public TestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kpi-ingestion-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Write(string name, string text, Encoding? encoding = null) =>
        Write(name, (encoding ?? new UTF8Encoding(false)).GetBytes(text));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
