using Kpi.Domain.Periods;
using Kpi.Storage;
using Kpi.Testing.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kpi.Testing.Jobs;

/// <summary>
/// Holds the lock a freeze of a period must take before it can write its versions, so that a test can catch a close
/// job in the middle of its freeze and kill the worker (or stop the database) there. On PostgreSQL it is the freeze's
/// advisory lock (see <c>CloseLocks</c>), and <see cref="FreezeWaitingAsync"/> sees the freeze wait for it inside its
/// transaction; on SQLite it is the database's one write lock (<c>BEGIN IMMEDIATE</c>), which a freeze's transaction
/// takes when it begins, and a waiting freeze cannot be seen: there the test knows only that the job is running and
/// cannot have committed. Disposing releases the lock.
/// </summary>
public sealed class FreezeGate : IAsyncDisposable
{
    // CloseLocks' namespace ("KPI2") and key (year × 100 + month); a change there makes the test time out saying so.
    private const int Namespace = 0x4B504932;

    private readonly TestDatabase _database;
    private readonly int _key;
    private readonly NpgsqlConnection? _postgres;
    private readonly SqliteConnection? _sqlite;
    private readonly SqliteTransaction? _write;

    private FreezeGate(TestDatabase database, int key, NpgsqlConnection? postgres, SqliteConnection? sqlite, SqliteTransaction? write)
    {
        _database = database;
        _key = key;
        _postgres = postgres;
        _sqlite = sqlite;
        _write = write;
    }

    public static async Task<FreezeGate> CloseAsync(TestDatabase database, Period month)
    {
        var key = month.Year * 100 + month.Number;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Namespace}, {key})", connection);
            await command.ExecuteNonQueryAsync();
            return new FreezeGate(database, key, connection, null, null);
        }
        var sqlite = new SqliteConnection(database.ConnectionString);
        await sqlite.OpenAsync();
        var write = sqlite.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock, now
        return new FreezeGate(database, key, null, sqlite, write);
    }

    /// <summary>
    /// PostgreSQL: whether a freeze is waiting for this lock inside its transaction (its snapshot computed, its versions
    /// not yet written). SQLite: always true, as a waiting writer leaves no trace; the caller waits for the job to run.
    /// </summary>
    public async Task<bool> FreezeWaitingAsync()
    {
        if (_database.Provider != DatabaseProvider.Postgres) return true;
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid::bigint = @ns AND objid::bigint = @key AND objsubid = 2", connection);
        command.Parameters.AddWithValue("ns", (long)Namespace);
        command.Parameters.AddWithValue("key", (long)_key);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_write is not null)
        {
            await _write.RollbackAsync();
            await _write.DisposeAsync();
        }
        if (_sqlite is not null) await _sqlite.DisposeAsync();
        if (_postgres is not null)
        {
            // The server may have been stopped meanwhile: then the lock went with the session.
            try
            {
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Namespace}, {_key})", _postgres);
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
            }
            await _postgres.DisposeAsync();
        }
    }
}
