using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kpi.Api.Tests.Support;

namespace Kpi.Api.Tests.Imports;

/// <summary>
/// The API host as a process of its own (<c>dotnet Kpi.Api.dll</c>) on Kestrel and a free loopback port: what a
/// client meets in production, down to the server's request limits, and a process that can be killed as a real one
/// is. It gets a temporary folder of its own (<c>TMPDIR</c>), so that whatever it leaves there can be seen.
/// </summary>
public sealed class ApiProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process, int port, string tempDirectory)
    {
        _process = process;
        TempDirectory = tempDirectory;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", KpiApp.AdminKey);
    }

    /// <summary>A client that sends the admin key.</summary>
    public HttpClient Client { get; }

    public int Id => _process.Id;

    public string TempDirectory { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the host with <paramref name="settings"/> (environment variables) and waits until it answers.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var temp = Directory.CreateTempSubdirectory("kpi-api-process-tmp-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Kpi.Api.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["TMPDIR"] = temp;
        // Else the runtime puts its diagnostic pipes there.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.Environment["Kpi__Demo__Seed"] = "false";
        start.Environment["Kpi__Auth__BootstrapAdminKey"] = KpiApp.AdminKey;
        start.Environment["Kpi__Jobs__RunServer"] = "false";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the API");
        var api = new ApiProcess(process, port, temp);
        process.OutputDataReceived += (_, e) => api.Append(e.Data);
        process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Until(api.HealthyAsync, TimeSpan.FromSeconds(120), () => "the API did not start:\n" + api.Output);
        return api;
    }

    /// <summary>
    /// The files the process holds open that look like upload copies: anything in its temporary folder, or a
    /// <c>.tmp</c> file anywhere, named or already unlinked (Linux shows open files under /proc; elsewhere, none).
    /// </summary>
    public IReadOnlyList<string> OpenUploadCopies()
    {
        var folder = $"/proc/{Id}/fd";
        var open = new List<string>();
        if (!Directory.Exists(folder)) return open;
        foreach (var fd in Directory.EnumerateFileSystemEntries(folder))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is not { } target) continue;
                if (target.StartsWith(TempDirectory, StringComparison.Ordinal) || target.Replace(" (deleted)", "").EndsWith(".tmp", StringComparison.Ordinal))
                    open.Add(target);
            }
            catch (IOException)
            {
                // Closed while we looked.
            }
        }
        return open;
    }

    /// <summary>SIGKILL: no shutdown, no finally blocks, no disposal.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        Client.Dispose();
        Directory.Delete(TempDirectory, recursive: true);
    }

    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail(failure());
            await Task.Delay(100);
        }
    }

    private async Task<bool> HealthyAsync()
    {
        if (_process.HasExited) Assert.Fail("the API exited:\n" + Output);
        try
        {
            return (await Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
