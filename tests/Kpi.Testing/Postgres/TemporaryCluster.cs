using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kpi.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster: initdb into a fresh temp folder, started on a free loopback port with
/// trust authentication, stopped and deleted when the test process exits. Tuned for speed, not durability:
/// nothing in it outlives the process.
/// </summary>
/// <remarks>
/// initdb refuses to run as root, and CI runs as root: then every server binary runs as the <c>postgres</c>
/// user through <c>runuser</c>, in a folder that user owns, which also holds the unix socket.
/// .ci/run follows the same recipe and the same folder naming, so either cleans up after the other.
/// A fault test that stops and starts a server takes a cluster of its own (<see cref="StopServer"/>,
/// <see cref="StartServer"/>, <see cref="Dispose"/>), never the shared one other tests use.
/// </remarks>
public sealed class TemporaryCluster : IDisposable
{
    // kpi-pg-{pid}-{random}: the pid tells a later run whether the owner is gone and the folder is litter.
    const string FolderPrefix = "kpi-pg-";
    const string ServerUser = "postgres";

    readonly string binaries;
    readonly string root;

    TemporaryCluster(string binaries, string root)
    {
        this.binaries = binaries;
        this.root = root;
    }

    string DataFolder => Path.Combine(root, "data");
    string LogFile => Path.Combine(root, "server.log");
    static bool RunAsServerUser => Environment.IsPrivilegedProcess;

    public int Port { get; private set; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={ServerUser};Database=postgres";
    public override string ToString() => $"temporary cluster in {root} on port {Port}";

    public static TemporaryCluster Start(string binaries)
    {
        RemoveLeftovers(binaries);
        var root = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var cluster = new TemporaryCluster(binaries, root);
        // Registered before anything can fail, so a half-made cluster is removed too. Not waited for: vstest kills
        // the test host about 100 ms after the run, sooner than pg_ctl stops a server, and the removal must outlive it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Remove().Dispose();
        cluster.Initialise();
        return cluster;
    }

    /// <summary>
    /// Stops the server as a database restart does (<c>pg_ctl stop -m fast</c>): open sessions are ended, their
    /// transactions rolled back, and new connections refused until <see cref="StartServer"/>.
    /// </summary>
    public void StopServer() =>
        Run(root, Tool("pg_ctl"), ["stop", "-w", "-t", "60", "-m", "fast", "-D", DataFolder], asServerUser: true);

    /// <summary>Starts the stopped server again on the same port, with the same data.</summary>
    public void StartServer() =>
        Run(root, Tool("pg_ctl"), ["start", "-w", "-t", "60", "-D", DataFolder, "-l", LogFile, "-o", $"-p {Port}"], asServerUser: true);

    /// <summary>Stops the server and deletes its folder now, rather than when the process exits.</summary>
    public void Dispose()
    {
        using var removal = Remove();
        removal.WaitForExit();
    }

    void Initialise()
    {
        if (RunAsServerUser) Run(root, "chown", [ServerUser, root]);
        Run(root, Tool("initdb"), ["-D", DataFolder, "-U", ServerUser, "--auth=trust", "--encoding=UTF8",
            "--locale=C", "--no-sync", "--no-instructions"], asServerUser: true);
        // Appending keeps the file's owner and mode; the last setting of a name wins.
        File.AppendAllLines(Path.Combine(DataFolder, "postgresql.conf"),
        [
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{root}'",
            "max_connections = 200", // every test database has its own connection pool
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "wal_level = minimal",
            "max_wal_senders = 0",
        ]);
        Port = FreePort();
        try
        {
            StartServer();
        }
        catch (InvalidOperationException failure) when (File.Exists(LogFile))
        {
            throw new InvalidOperationException($"{failure.Message}\nserver log:\n{File.ReadAllText(LogFile)}", failure);
        }
    }

    /// <summary>
    /// Starts a shell that stops the server (immediately: nothing in it is worth a checkpoint) and deletes the
    /// folder. A server already gone makes pg_ctl fail, and the folder goes anyway.
    /// </summary>
    Process Remove()
    {
        var pgCtl = RunAsServerUser ? $"runuser -u {ServerUser} -- \"$1\"" : "\"$1\"";
        // Detached from our output pipes, so that the test runner does not wait for it.
        var script = $"exec </dev/null >/dev/null 2>&1; if [ -f \"$2/postmaster.pid\" ]; then {pgCtl} stop -m immediate -D \"$2\"; fi; rm -rf \"$3\"";
        return Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script, "sh", Tool("pg_ctl"), DataFolder, root]))
            ?? throw new InvalidOperationException("could not start /bin/sh");
    }

    /// <summary>
    /// Removes the clusters of test processes that died without their exit handler (killed, crashed): their
    /// servers would otherwise keep running and their folders pile up.
    /// </summary>
    static void RemoveLeftovers(string binaries)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, out var pid) || IsOwnerAlive(pid, folder)) continue;
            using var removal = new TemporaryCluster(binaries, folder).Remove();
            removal.WaitForExit();
            // Litter must not fail this run's tests; say what was left, for whoever looks.
            if (Directory.Exists(folder)) Console.Error.WriteLine($"Could not remove the leftover PostgreSQL cluster {folder}");
        }
    }

    static bool IsOwnerAlive(int pid, string folder)
    {
        try
        {
            // A process that started after the folder was last written to only reuses the dead owner's id.
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= Directory.GetLastWriteTimeUtc(folder);
        }
        catch (ArgumentException)
        {
            return false; // no process has that id
        }
    }

    static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    string Tool(string name) => Path.Combine(binaries, name);

    /// <summary>Runs a command to its end; a non-zero exit throws with everything it printed.</summary>
    static void Run(string workingDirectory, string file, string[] arguments, bool asServerUser = false)
    {
        // The working directory is ours, so the server user can always enter it (the test's own may be under /root).
        var start = asServerUser && RunAsServerUser
            ? new ProcessStartInfo("runuser", ["-u", ServerUser, "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"`{start.FileName} {string.Join(' ', start.ArgumentList)}` exited with {process.ExitCode}:\n{output}{errors.Result}");
    }
}
