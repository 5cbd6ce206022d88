
using Kpi.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kpi.Ingestion.Sources;

/// <summary>
/// One run of a source at a time, across every worker process. The lock must die with its holder: Hangfire's own
/// distributed lock on PostgreSQL (what <c>[DisableConcurrentExecution]</c> takes) is a row that outlives a killed
/// worker until its timeout, which would hold the re-queued run back for minutes. So: on PostgreSQL a session-level
/// advisory lock on a connection of its own (the server drops it when the connection goes); on SQLite, where every
/// worker shares one machine, an exclusive lock on a file in the data directory (the kernel drops it when the process goes).
/// </summary>
public sealed class SourceLocks(IOptions<KpiOptions> options)
{
    private const int Namespace = 0x4B505352; // "KPSR": apart from the import locks' keys
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Waits up to <paramref name="wait"/> for the source's lock.</summary>
    /// <exception cref="SourceException">Another run of the source held it all that time.</exception>
    public async Task<IAsyncDisposable> AcquireAsync(string source, TimeSpan wait, CancellationToken ct)
    {
        var o = options.Value;
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var held = o.Database.Provider == DatabaseProvider.Postgres
                ? await TryPostgresAsync(o.ConnectionString, source, ct)
                : TryFile(Path.Combine(o.DataPath, "locks"), source);
            if (held is not null) return held;
            if (DateTime.UtcNow >= deadline)
                throw new SourceException($"Another run of source '{source}' has been going for over {wait.TotalMinutes:N0} minutes; this one gave up waiting for it.");
            await Task.Delay(Poll, ct);
        }
    }

    private static async Task<IAsyncDisposable?> TryPostgresAsync(string connectionString, string source, CancellationToken ct)
    {
        // Unpooled: a pooled connection would go back to the pool, lock and all, instead of closing.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@ns, @key)", connection);
        command.Parameters.AddWithValue("ns", Namespace);
        command.Parameters.AddWithValue("key", StableHash(source));
        if (await command.ExecuteScalarAsync(ct) is true) return connection; // closing the connection releases the lock
        await connection.DisposeAsync();
        return null;
    }

    private static IAsyncDisposable? TryFile(string folder, string source)
    {
        Directory.CreateDirectory(folder);
        try
        {
            // FileShare.None is an exclusive flock on Unix: advisory, honoured by every Kpi process, gone with its holder.
            return new FileStream(Path.Combine(folder, $"source-{source}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>string.GetHashCode differs per process; every worker must agree on the key.</summary>
    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text) hash = (hash ^ c) * 16777619;
            return hash;
        }
    }
}
