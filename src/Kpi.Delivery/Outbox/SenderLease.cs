using System.Security.Cryptography;
using System.Text;
using Kpi.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kpi.Delivery.Outbox;

/// <summary>
/// Who this process is when it claims outbox rows, and the proof that it is alive. Before its first claim the process
/// takes a lock named after its sender id and holds it until it ends; the lock dies with the process, however it dies.
/// Another process that finds a row <c>sending</c> under a sender id whose lock nobody holds knows that sender is dead
/// and may judge the row (see <see cref="OutboxRecovery"/>). On PostgreSQL the lock is a session advisory lock on an
/// unpooled connection of its own, visible to every host in <c>pg_locks</c>; on SQLite, where every process shares one
/// machine, an exclusive lock on a file in the <c>locks</c> folder beside the database.
/// </summary>
/// <remarks>
/// If the lock's connection breaks while the process lives (the database restarted), another process may judge this
/// process's rows in flight. That errs the safe way: a row not yet handed over goes back to pending and this process's
/// conditional "handed over" update then fails, so it does not send; a row already handed over becomes <c>unknown</c>.
/// The connection is checked, and the lock taken again, before each claim at most every <see cref="CheckEvery"/>.
/// </remarks>
public sealed class SenderLease : IAsyncDisposable
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(15);

    private readonly KpiOptions options;
    private readonly SemaphoreSlim gate = new(1, 1);
    private NpgsqlConnection? connection;
    private FileStream? lockFile;
    private DateTime checkedAt;

    public SenderLease(IOptions<KpiOptions> options) : this(options.Value, NewId()) { }

    internal SenderLease(KpiOptions options, string id)
    {
        this.options = options;
        Id = id;
    }

    /// <summary><c>{machine}:{process id}:{random}</c>: unique to this process, and saying where it ran.</summary>
    public string Id { get; }

    public static string NewId() => $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>Takes the lock if this process does not hold it yet (or lost it with its connection).</summary>
    public async Task EnsureHeldAsync(CancellationToken ct)
    {
        if (options.Database.Provider != DatabaseProvider.Postgres)
        {
            if (lockFile is not null) return;
            await gate.WaitAsync(ct);
            try
            {
                if (lockFile is null)
                {
                    lockFile = LockFiles.Hold(LockPath(Id));
                }
            }
            finally
            {
                gate.Release();
            }
            return;
        }

        if (connection is not null && DateTime.UtcNow - checkedAt < CheckEvery) return;
        await gate.WaitAsync(ct);
        try
        {
            if (connection is not null && DateTime.UtcNow - checkedAt < CheckEvery) return;
            if (connection is not null)
            {
                try
                {
                    await using var ping = new NpgsqlCommand("SELECT 1", connection);
                    await ping.ExecuteScalarAsync(ct);
                    checkedAt = DateTime.UtcNow;
                    return;
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    await connection.DisposeAsync();
                    connection = null;
                }
            }
            // Unpooled, with keep-alives: closing it releases the lock, and a dead network is noticed.
            var held = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false, KeepAlive = 10 }.ConnectionString);
            await held.OpenAsync(ct);
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", held))
            {
                take.Parameters.AddWithValue("key", Key(Id));
                await take.ExecuteNonQueryAsync(ct);
            }
            connection = held;
            checkedAt = DateTime.UtcNow;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Whether the process with sender id <paramref name="sender"/> is alive: someone holds its lock.</summary>
    public async Task<bool> IsAliveAsync(KpiDbContext db, string sender, CancellationToken ct)
    {
        if (sender == Id) return true;
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var key = Key(sender);
            var held = await db.Database.SqlQuery<bool>($"""
                SELECT EXISTS (SELECT 1 FROM pg_locks
                               WHERE locktype = 'advisory' AND granted AND objsubid = 1
                                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                                 AND classid::bigint = {key >> 32} AND objid::bigint = {key & 0xFFFF_FFFFL}) AS "Value"
                """).ToListAsync(ct);
            return held[0];
        }
        return LockFiles.IsHeld(LockPath(sender));
    }

    public async ValueTask DisposeAsync()
    {
        if (lockFile is not null) await lockFile.DisposeAsync();
        if (connection is not null) await connection.DisposeAsync();
        lockFile = null;
        connection = null;
        gate.Dispose();
    }

    /// <summary>A 62-bit key from the sender id: the single-key advisory lock, apart from the two-key locks the rest of Kpi takes.</summary>
    internal static long Key(string sender) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("kpi-outbox-sender:" + sender)), 0) & 0x3FFF_FFFF_FFFF_FFFFL;

    /// <summary>The sender's lock file, in the <c>locks</c> folder beside the SQLite database (or the data directory).</summary>
    private string LockPath(string sender)
    {
        var source = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        var folder = string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? options.DataPath
            : Path.GetDirectoryName(Path.GetFullPath(source)) ?? options.DataPath;
        return Path.Combine(folder, "locks", $"outbox-sender-{Key(sender):x16}.lock");
    }
}
