using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Kpi.Benchmarks.Scale;
using Kpi.Domain.Periods;
using Kpi.Storage;

namespace Kpi.Benchmarks.Load;

/// <summary>
/// <c>load [--clients 200] [--seconds 60] [--provider sqlite|postgres] [--postgres CONNECTION]</c>: the real API
/// executable (<c>Kpi.Api.dll</c>, built beside this one) started on 127.0.0.1 with the demo company, last month closed
/// through the API, then <c>--clients</c> concurrent clients, each on a connection of its own, downloading packs (PDF,
/// XLSX, one department each) and asking for metric values (a department, a month, quarter or year) in a loop for
/// <c>--seconds</c>. Every answer must be a 200 with a body; the run reports errors, throughput and latency
/// percentiles per kind. Loopback only, bounded (at most 1,000 clients and 600 s), and it stops by itself, the API
/// with it.
/// </summary>
internal static class LoadCommand
{
    private const string AdminKey = "kpi_load-benchmark-admin-key-0123456789abcdef";

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = 200;
        var seconds = 60;
        var provider = DatabaseProvider.Sqlite;
        string? postgres = null;
        for (var i = 0; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--clients": clients = Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), 1, 1_000); break;
                case "--seconds": seconds = Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), 1, 600); break;
                case "--provider": provider = Enum.Parse<DatabaseProvider>(args[i + 1], ignoreCase: true); break;
                case "--postgres": postgres = args[i + 1]; break;
                default:
                    Console.Error.WriteLine("usage: load [--clients 200] [--seconds 60] [--provider sqlite|postgres] [--postgres CONNECTION]");
                    return 2;
            }
        }

        var options = new ScaleCommand.Options(0, [provider], postgres, false, false);
        var data = Directory.CreateTempSubdirectory("kpi-load-").FullName;
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Kpi__DataDirectory"] = data,
                ["Kpi__Auth__BootstrapAdminKey"] = AdminKey,
                ["Kpi__Close__ScheduleEnabled"] = "false",
                ["Kpi__Demo__Seed"] = "true",
            };
            if (provider == DatabaseProvider.Postgres)
            {
                settings["Kpi__Database__Provider"] = "Postgres";
                settings["Kpi__Database__ConnectionString"] = await options.NewPostgresDatabaseAsync("load");
            }
            using var api = ApiProcess.Start(settings);
            return await RunAgainstAsync(api, provider, clients, TimeSpan.FromSeconds(seconds));
        }
        finally
        {
            await options.CleanUpAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<int> RunAgainstAsync(ApiProcess api, DatabaseProvider provider, int clients, TimeSpan duration)
    {
        using var setup = Client(api.BaseAddress, 4);
        var started = Stopwatch.StartNew();
        await api.WaitUntilHealthyAsync(setup);
        Console.WriteLine($"API up with the demo company seeded in {started.Elapsed.TotalSeconds:F1} s ({provider})");

        var month = CompanyTimeZone.Default.MonthOf(DateTime.UtcNow).Previous;
        started.Restart();
        (await setup.PostAsync($"/api/periods/{month}/close", null)).EnsureSuccessStatusCode();
        while (true)
        {
            var status = await setup.GetFromJsonAsync<JsonElement>($"/api/periods/{month}");
            if (status.GetProperty("status").GetString() == "closed") break;
            if (started.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"{month} was not closed within 5 minutes: {status}");
            await Task.Delay(500);
        }
        Console.WriteLine($"{month} closed through the API in {started.Elapsed.TotalSeconds:F1} s");

        var departments = Codes(await setup.GetFromJsonAsync<JsonElement>("/api/departments")).ToArray();
        string[] periods = [month.ToString(), Period.Quarter(month.Year, (month.Number + 2) / 3).ToString(), month.Year.ToString(CultureInfo.InvariantCulture)];
        string[] formats = ["pdf", "xlsx"];

        // One connection per client, as 200 browsers or scripts would have.
        using var http = Client(api.BaseAddress, clients);
        var load = Load.Begin();
        using var stop = new CancellationTokenSource(duration);
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            var samples = new List<Sample>();
            while (!stop.IsCancellationRequested)
            {
                var department = departments[random.Next(departments.Length)];
                var pack = random.Next(2) == 0;
                var path = pack
                    ? $"/api/packs/{department}/{month}.{formats[random.Next(2)]}"
                    : $"/api/metrics/{department}/{periods[random.Next(periods.Length)]}";
                var clock = Stopwatch.StartNew();
                string? error = null;
                try
                {
                    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK || body.Length == 0) error = $"{(int)response.StatusCode} {path}";
                }
                catch (Exception e)
                {
                    error = $"{e.GetType().Name} {path}: {e.Message}";
                }
                samples.Add(new Sample(pack ? "pack download" : "metric query", clock.Elapsed.TotalMilliseconds, error));
            }
            return samples;
        })));
        var elapsed = load.Elapsed;
        var all = results.SelectMany(r => r).ToList();

        Console.WriteLine();
        Console.WriteLine($"{clients} clients for {duration.TotalSeconds:F0} s against {api.BaseAddress} ({provider}); machine: {Environment.ProcessorCount} cores, " +
                          $"load average {load.Before} before, {Load.Now()} after");
        Console.WriteLine();
        Console.WriteLine("| requests | count | errors | per second | p50 ms | p90 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in all.GroupBy(s => s.Kind).OrderBy(g => g.Key).Append(all.GroupBy(_ => "all").Single()))
        {
            var ms = group.Select(s => s.Milliseconds).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {ms.Length:N0} | {group.Count(s => s.Error is not null)} | {ms.Length / elapsed.TotalSeconds:N0} | " +
                $"{Percentile(ms, 0.50):F1} | {Percentile(ms, 0.90):F1} | {Percentile(ms, 0.99):F1} | {ms[^1]:F1} |"));
        }
        var errors = all.Where(s => s.Error is not null).ToList();
        foreach (var error in errors.GroupBy(e => e.Error).OrderByDescending(g => g.Count()).Take(10))
            Console.WriteLine($"  {error.Count()} × {error.Key}");
        return errors.Count == 0 ? 0 : 1;
    }

    private sealed record Sample(string Kind, double Milliseconds, string? Error);

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static HttpClient Client(Uri baseAddress, int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(100),
        };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    private static IEnumerable<string> Codes(JsonElement tree)
    {
        foreach (var node in tree.EnumerateArray())
        {
            yield return node.GetProperty("code").GetString()!;
            foreach (var child in Codes(node.GetProperty("children"))) yield return child;
        }
    }

    /// <summary>The machine's one-minute load average, from <c>/proc/loadavg</c> (Linux), to say how busy it was.</summary>
    private sealed record Load(string Before, Stopwatch Clock)
    {
        public TimeSpan Elapsed => Clock.Elapsed;
        public static Load Begin() => new(Now(), Stopwatch.StartNew());
        public static string Now() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
    }
}

/// <summary>The API executable as a child process on a free loopback port, stopped (killed) on dispose.</summary>
internal sealed class ApiProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static ApiProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Kpi.Api.dll"), "--urls", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the API");
        var api = new ApiProcess(process, new Uri(url));
        process.OutputDataReceived += (_, e) => api.Append(e.Data);
        process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async Task WaitUntilHealthyAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("the API exited:\n" + _output);
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("the API did not start:\n" + _output);
            await Task.Delay(250);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
