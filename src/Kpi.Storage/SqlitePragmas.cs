using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kpi.Storage;

/// <summary>
/// Per-connection SQLite settings. In write-ahead-log mode <c>synchronous=NORMAL</c> is SQLite's own recommendation:
/// the database cannot be corrupted and a process crash loses nothing committed; only a power cut can lose the last
/// commits, in exchange for not syncing the disk on every commit. A 64 MB page cache (the default is 2 MB) keeps the
/// indexes of a million-row import in memory instead of re-reading their pages.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(ct);
    }
}
