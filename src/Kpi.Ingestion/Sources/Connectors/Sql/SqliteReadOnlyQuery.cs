using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kpi.Ingestion.Sources.Connectors.Sql;

/// <summary>
/// Holds a SQLite source query to reading, by SQLite itself rather than by reading its text: an authorizer on the
/// connection lets the statement read tables and call functions and nothing else (no <c>ATTACH</c>, <c>PRAGMA</c>,
/// writes, schema changes, transactions, <c>load_extension</c>), and the query is prepared once first to check that it
/// is one statement that <c>sqlite3_stmt_readonly</c> calls read-only. The authorizer stays on the connection, so the
/// statement the reader then runs is held to the same rules. Microsoft.Data.Sqlite does not expose either; SQLitePCL's
/// <see cref="raw"/> (the layer it is built on) does.
/// </summary>
internal static class SqliteReadOnlyQuery
{
    private const int Ok = 0, Deny = 1;
    private const int Pragma = 19, Read = 20, Select = 21, Function = 31, Recursive = 33;
    private static readonly strdelegate_authorizer Authorizer = Authorize;

    /// <exception cref="SourceException">The query would do more than read, or is not one statement.</exception>
    public static void Guard(SqliteConnection connection, string query)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var refusal = new Refusal();
        raw.sqlite3_set_authorizer(db, Authorizer, refusal);
        var rc = raw.sqlite3_prepare_v2(db, query, out var statement, out var tail);
        try
        {
            if (rc != raw.SQLITE_OK)
            {
                throw new SourceException(refusal.Reason is { } reason
                    ? $"The query was refused: a source query may only read, and this one would {reason}"
                    : $"The source database refused the query: {raw.sqlite3_errmsg(db).utf8_to_string()}");
            }
            if (statement is null || statement.IsInvalid) throw new SourceException("The query is empty.");
            if (raw.sqlite3_stmt_readonly(statement) == 0) throw new SourceException("The query was refused: a source query may only read, and SQLite says this one writes.");
            if (!string.IsNullOrWhiteSpace(tail) && HasStatement(db, tail))
                throw new SourceException("The query was refused: it is more than one statement; a source query is one SELECT (or WITH … SELECT).");
        }
        finally
        {
            statement?.Dispose();
        }
    }

    private static bool HasStatement(sqlite3 db, string text)
    {
        // What follows the first statement may be only comments and semicolons; anything SQLite would run is refused unrun.
        var rc = raw.sqlite3_prepare_v2(db, text, out var next, out _);
        using (next)
        {
            return rc != raw.SQLITE_OK || (next is not null && !next.IsInvalid);
        }
    }

    private static int Authorize(object state, int action, string? first, string? second, string? database, string? trigger)
    {
        switch (action)
        {
            case Select or Read or Recursive:
                return Ok;
            case Function when !string.Equals(second, "load_extension", StringComparison.OrdinalIgnoreCase):
                return Ok;
            default:
                ((Refusal)state).Reason ??= What(action, first, second);
                return Deny;
        }
    }

    /// <summary>What a refused action would have done, in words; names are the query's own, never data.</summary>
    private static string What(int action, string? first, string? second) => action switch
    {
        Pragma => $"run PRAGMA {first}",
        24 => "attach a database (ATTACH)",
        25 => "detach a database (DETACH)",
        18 => $"insert into {first}",
        23 => $"update {first}",
        9 => $"delete from {first}",
        22 or 32 => "begin or end a transaction",
        Function => $"call {second}",
        26 or (>= 1 and <= 17) or 29 or 30 => "change the database's schema",
        27 or 28 => "rebuild indexes or statistics",
        _ => $"do something other than read (SQLite action {action})",
    };

    private sealed class Refusal
    {
        public string? Reason { get; set; }
    }
}
