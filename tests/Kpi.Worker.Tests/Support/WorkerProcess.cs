using System.Diagnostics;
using System.Text;

namespace Kpi.Worker.Tests.Support;

/// <summary>
/// The real worker executable (<c>dotnet Kpi.Worker.dll</c>, built beside the tests) as a child process, configured through
/// environment variables as a deployment would be. <see cref="Kill"/> is SIGKILL: no shutdown code runs.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the worker printed so far, for a failing test's message.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static WorkerProcess Start(WorkerSettings settings) => Start(settings.DataPath, settings.Environment());

    public static WorkerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Kpi.Worker.dll")])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Kpi"] = "Information";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the worker");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>
    /// Waits for the worker's start-up line: its database is migrated and its job server starts next. A worker that
    /// exits or stays silent fails the test with what it printed.
    /// </summary>
    public async Task WaitUntilStartedAsync()
    {
        await Kpi.Testing.Poll.UntilAsync(() => HasExited || Output.Contains("Kpi worker ", StringComparison.Ordinal), TimeSpan.FromSeconds(90),
            () => "the worker did not start:\n" + Output);
        if (HasExited) throw new InvalidOperationException("the worker exited at start:\n" + Output);
    }

    /// <summary>SIGKILL, as when a machine dies or the OOM killer strikes; waits until the process is gone.</summary>
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
    }
}
