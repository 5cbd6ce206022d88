using System.Diagnostics;
using Kpi.Storage;
using Kpi.Testing.Postgres;

namespace Kpi.Benchmarks.Scale;

/// <summary>
/// <c>scale import|merge|metrics|packs|sources|hangfire [--rows N] [--provider sqlite|postgres|both] [--postgres CONNECTION]</c>: scenarios that run
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
            case "hangfire":
                foreach (var provider in options.Providers) await SourceScale.HangfireAsync(provider, options);
                return 0;
            default:
                Console.Error.WriteLine("usage: scale import|merge|metrics|packs|sources|hangfire [--rows N] [--provider sqlite|postgres|both] [--postgres CONNECTION] [--order sorted|scattered]");
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

    public sealed record Options(long Rows, IReadOnlyList<DatabaseProvider> Providers, string? Postgres, bool Scattered)
    {
        public static Options Parse(string[] args)
        {
            long rows = 1_000_000;
            IReadOnlyList<DatabaseProvider> providers = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];
            string? postgres = null;
            var scattered = false;
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
                    default: throw new ArgumentException($"Unknown option {args[i]}.");
                }
            }
            return new Options(rows, providers, postgres, scattered);
        }

        /// <summary>A fresh, migrated database of the provider.</summary>
        public async Task<string> NewDatabaseAsync(DatabaseProvider provider, string name)
        {
            string connection;
            if (provider == DatabaseProvider.Sqlite)
            {
                var path = Path.Combine(Path.GetTempPath(), $"kpi-scale-{name}-{Environment.ProcessId}.db");
                foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
                connection = $"Data Source={path}";
            }
            else
            {
                var server = Postgres is { } explicitServer
                    ? null
                    : await PostgresServer.GetAsync();
                connection = Postgres is { } cs ? await CreatePostgresDatabase(cs, name) : await server!.CreateDatabaseAsync(name);
            }
            await using var db = StorageServices.Create(provider, connection);
            await db.MigrateAsync();
            return connection;
        }

        private static async Task<string> CreatePostgresDatabase(string server, string name)
        {
            var database = $"kpi_scale_{name}_{Environment.ProcessId}";
            await using var connection = new Npgsql.NpgsqlConnection(server);
            await connection.OpenAsync();
            await using (var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database}", connection)) await drop.ExecuteNonQueryAsync();
            await using (var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", connection)) await create.ExecuteNonQueryAsync();
            return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        }
    }
}
