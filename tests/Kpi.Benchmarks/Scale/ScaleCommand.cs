using System.Diagnostics;
using Kpi.Storage;
using Kpi.Testing.Postgres;

namespace Kpi.Benchmarks.Scale;

/// <summary>
/// <c>scale import|merge|metrics|packs|sources|hangfire|appraisal|portal [--rows N] [--provider sqlite|postgres|both] [--postgres CONNECTION]</c>: scenarios that run
/// the real code paths end to end at production scale and print one markdown table row per measurement. PostgreSQL
/// comes from <c>--postgres</c>, else from <c>KPI_TEST_POSTGRES</c>, else a throwaway cluster (fsync off: say so when
/// quoting its figures).
/// </summary>
public static class ScaleCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var scenario = args.FirstOrDefault() ?? "";
        var options = Options.Parse(args.Skip(1).ToArray());
        Console.WriteLine($"| scenario | provider | rows | seconds | rows/s | note |");
        Console.WriteLine($"|---|---|---|---|---|---|");
        try
        {
            return await RunScenarioAsync(scenario, options, args);
        }
        finally
        {
            // A scenario's databases hold up to 10M records (a 1M-row SQLite file is ~130 MB): gone unless --keep.
            if (!options.Keep) await options.CleanUpAsync();
        }
    }

    private static async Task<int> RunScenarioAsync(string scenario, Options options, string[] args)
    {
        switch (scenario)
        {
            case "import":
                foreach (var provider in options.Providers) await ImportScale.RunAsync(provider, options);
                return 0;
            case "merge":
                foreach (var provider in options.Providers) await ImportScale.MergeOnlyAsync(provider, options);
                return 0;
            case "metrics":
                await MetricScale.RunAsync(options);
                return 0;
            case "packs":
                await PackScale.RunAsync(options with { Rows = args.Contains("--rows") ? options.Rows : 3_000_000 });
                return 0;
            case "sources":
                foreach (var provider in options.Providers)
                {
                    await SourceScale.HttpAsync(provider, options);
                    if (provider == DatabaseProvider.Postgres) await SourceScale.SqlAsync(provider, options);
                }
                return 0;
            case "appraisal":
                await AppraisalScale.RunAsync(options);
                return 0;
            case "portal":
                return await PortalScale.RunAsync(options with { Rows = args.Contains("--rows") ? options.Rows : 10_000_000 });
            case "hangfire":
                foreach (var provider in options.Providers) await SourceScale.HangfireAsync(provider, options);
                return 0;
            default:
                Console.Error.WriteLine("usage: scale import|merge|metrics|packs|sources|hangfire|appraisal|portal [--rows N] [--provider sqlite|postgres|both] [--postgres CONNECTION] [--order sorted|scattered] [--keep true] [--store CONNECTION] [--out FILE]");
                return 2;
        }
    }

    public static void Row(string scenario, DatabaseProvider provider, long rows, TimeSpan elapsed, string note = "") =>
        Console.WriteLine($"| {scenario} | {provider} | {rows:N0} | {elapsed.TotalSeconds:F2} | {rows / elapsed.TotalSeconds:N0} | {note} |");

    public static async Task<T> Time<T>(Func<Task<T>> work, Action<T, TimeSpan> report)
    {
        var clock = Stopwatch.StartNew();
        var result = await work();
        report(result, clock.Elapsed);
        return result;
    }

    /// <param name="Store">An already-filled store to measure again (<c>scale portal --store CONNECTION</c>, from a run with <c>--keep true</c>).</param>
    /// <param name="Out">A markdown file the results table is also written to.</param>
    public sealed record Options(long Rows, IReadOnlyList<DatabaseProvider> Providers, string? Postgres, bool Scattered, bool Keep,
        string? Store = null, string? Out = null)
    {
        // Shared by copies made with `with`: every database a run made, dropped once at its end.
        private readonly List<Func<Task>> _cleanUps = [];

        public static Options Parse(string[] args)
        {
            long rows = 1_000_000;
            IReadOnlyList<DatabaseProvider> providers = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];
            string? postgres = null;
            var scattered = false;
            var keep = false;
            string? store = null, output = null;
            for (var i = 0; i < args.Length - 1; i += 2)
            {
                switch (args[i])
                {
                    case "--rows": rows = long.Parse(args[i + 1]); break;
                    case "--provider":
                        providers = args[i + 1] == "both" ? providers : [Enum.Parse<DatabaseProvider>(args[i + 1], ignoreCase: true)];
                        break;
                    case "--postgres": postgres = args[i + 1]; break;
                    case "--order": scattered = args[i + 1] == "scattered"; break;
                    case "--keep": keep = bool.Parse(args[i + 1]); break;
                    case "--store": store = args[i + 1]; break;
                    case "--out": output = args[i + 1]; break;
                    default: throw new ArgumentException($"Unknown option {args[i]}.");
                }
            }
            return new Options(rows, providers, postgres, scattered, keep, store, output);
        }

        /// <summary>A fresh, migrated database of the provider.</summary>
        public async Task<string> NewDatabaseAsync(DatabaseProvider provider, string name)
        {
            var connection = provider == DatabaseProvider.Sqlite ? NewSqliteFile(name) : await NewPostgresDatabaseAsync(name);
            await using var db = StorageServices.Create(provider, connection);
            await db.MigrateAsync();
            return connection;
        }

        /// <summary>An empty PostgreSQL database on <c>--postgres</c> or the test fixture's server, dropped at the end.</summary>
        public async Task<string> NewPostgresDatabaseAsync(string name)
        {
            if (Postgres is null)
            {
                var server = await PostgresServer.GetAsync();
                var created = await server.CreateDatabaseAsync($"kpi_scale_{name}");
                _cleanUps.Add(() => server.DropDatabaseAsync(created));
                return created;
            }

            var database = $"kpi_scale_{name}_{Environment.ProcessId}";
            await AdminAsync($"DROP DATABASE IF EXISTS {database}");
            await AdminAsync($"CREATE DATABASE {database}");
            _cleanUps.Add(() => AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)"));
            return new Npgsql.NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString;
        }

        public async Task CleanUpAsync()
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var cleanUp in _cleanUps)
            {
                try { await cleanUp(); }
                catch (Exception e) { Console.Error.WriteLine($"clean-up: {e.Message}"); }
            }
            _cleanUps.Clear();
        }

        private string NewSqliteFile(string name)
        {
            var path = Path.Combine(Path.GetTempPath(), $"kpi-scale-{name}-{Environment.ProcessId}.db");
            string[] files = [path, path + "-wal", path + "-shm"];
            foreach (var f in files) File.Delete(f);
            _cleanUps.Add(() =>
            {
                foreach (var f in files) File.Delete(f);
                return Task.CompletedTask;
            });
            return $"Data Source={path}";
        }

        private async Task AdminAsync(string sql)
        {
            await using var connection = new Npgsql.NpgsqlConnection(Postgres);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
