using Kpi.Domain;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kpi.Ingestion.Sources.Connectors.Sql;

public enum SqlProvider { Postgres, Sqlite }

/// <summary>
/// Options of the <c>sql</c> connector: a query against the source system's own database, whose result columns are
/// named like the kind's columns (alias them: <c>SELECT wo_id AS record_id, …</c>); other columns are ignored.
/// </summary>
public sealed class SqlOptions
{
    public SqlProvider? Provider { get; set; }

    /// <summary>
    /// Npgsql or Microsoft.Data.Sqlite syntax. Its passwords are write-only (the API shows <c>Password=********</c>) and
    /// stored encrypted. SQLite: a file in <c>{DataDirectory}/sources/</c>, always opened read-only (<see cref="SqliteSourceFiles"/>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// One SELECT (or WITH … SELECT) statement; <c>@since</c> in it is the watermark (or <see cref="InitialWatermark"/>),
    /// e.g. <c>WHERE updated_at &gt;= @since</c>. It is held to reading by the database itself when it runs.
    /// </summary>
    public string? Query { get; set; }

    /// <summary>The result column whose largest value becomes the next <c>@since</c>; none means every run reads everything.</summary>
    public string? WatermarkColumn { get; set; }

    /// <summary><c>@since</c> before the first pull: an ISO 8601 instant, a number or text. Default: 1970-01-01T00:00:00Z.</summary>
    public string? InitialWatermark { get; set; }

    public int TimeoutSeconds { get; set; } = 600;

    public const string DefaultInitialWatermark = "1970-01-01T00:00:00Z";

    /// <summary>The SQLite keywords a source may use; the others (a VFS, a writable mode) open more than one file for reading.</summary>
    private static readonly string[] SqliteKeywords = ["Data Source", "Mode", "Cache", "Password", "Default Timeout"];

    /// <param name="dataPath">The data directory, whose <c>sources</c> folder SQLite files must be in.</param>
    public void Validate(string dataPath, List<FieldError> problems)
    {
        if (Provider is null) problems.Add(new("options.provider", "must be postgres or sqlite"));
        if (string.IsNullOrWhiteSpace(ConnectionString)) problems.Add(new("options.connection_string", "is required"));
        else if (Provider is { } provider) ValidateConnectionString(provider, dataPath, problems);
        if (string.IsNullOrWhiteSpace(Query)) problems.Add(new("options.query", "is required"));
        else if (!StartsWithSelect(Query))
            problems.Add(new("options.query", "must be one SELECT (or WITH … SELECT) statement: a source only reads"));
        if (!string.IsNullOrWhiteSpace(WatermarkColumn) && Query?.Contains("@since", StringComparison.OrdinalIgnoreCase) != true)
            problems.Add(new("options.query", "must use @since (e.g. WHERE updated_at >= @since) when watermark_column is set, or every run reads everything"));
        if (TimeoutSeconds is < 1 or > 86_400) problems.Add(new("options.timeout_seconds", "must be 1–86400"));
    }

    private void ValidateConnectionString(SqlProvider provider, string dataPath, List<FieldError> problems)
    {
        try
        {
            switch (SqlConnectionStrings.Parse(provider, ConnectionString!))
            {
                case NpgsqlConnectionStringBuilder n:
                    if (string.IsNullOrWhiteSpace(n.Host)) problems.Add(new("options.connection_string", "needs a Host"));
                    if (n.Passfile is not null) problems.Add(new("options.connection_string", "must not name a Passfile (a file on Kpi's machine): give the Password"));
                    break;
                case SqliteConnectionStringBuilder s:
                    foreach (var key in s.Keys.Cast<string>().Where(k => s.ShouldSerialize(k) && !SqliteKeywords.Contains(k, StringComparer.OrdinalIgnoreCase)))
                        problems.Add(new("options.connection_string", $"must not set {key}: a SQLite source takes {string.Join(", ", SqliteKeywords)}"));
                    if (s.ShouldSerialize("Mode") && s.Mode != SqliteOpenMode.ReadOnly)
                        problems.Add(new("options.connection_string", $"Mode={s.Mode} is refused: a SQLite source is always opened read-only (Mode=ReadOnly)"));
                    if (SqliteSourceFiles.Check(s.DataSource, dataPath) is { } where) problems.Add(new("options.connection_string", where));
                    break;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            problems.Add(new("options.connection_string", $"is not a {provider} connection string: {e.Message}"));
        }
    }

    /// <summary>
    /// Whether the query's first word, past comments and brackets, is SELECT or WITH: an early answer for a plain mistake.
    /// Only the database can tell what a statement does; the run holds it to reading there.
    /// </summary>
    private static bool StartsWithSelect(string query)
    {
        var text = query.AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("--")) text = text.IndexOf('\n') is var end and >= 0 ? text[(end + 1)..] : [];
            else if (text.StartsWith("/*")) text = text.IndexOf("*/") is var end and >= 0 ? text[(end + 2)..] : [];
            else if (text.StartsWith("(")) text = text[1..];
            else break;
        }
        var word = text[..(text.IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") is var stop and >= 0 ? stop : text.Length)];
        return word.Equals("select", StringComparison.OrdinalIgnoreCase) || word.Equals("with", StringComparison.OrdinalIgnoreCase);
    }
}
