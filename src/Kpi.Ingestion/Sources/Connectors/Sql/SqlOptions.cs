using Kpi.Domain;
using System.Data.Common;
using System.Text.RegularExpressions;

namespace Kpi.Ingestion.Sources.Connectors.Sql;

public enum SqlProvider { Postgres, Sqlite }

/// <summary>
/// Options of the <c>sql</c> connector: a query against the source system's own database, whose result columns are
/// named like the kind's columns (alias them: <c>SELECT wo_id AS record_id, …</c>); other columns are ignored.
/// </summary>
public sealed partial class SqlOptions
{
    public SqlProvider? Provider { get; set; }

    /// <summary>
    /// Npgsql or Microsoft.Data.Sqlite syntax. Its password is write-only (the API shows <c>Password=********</c>). A
    /// relative SQLite <c>Data Source</c> is taken from the data directory.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The query; <c>@since</c> in it is the watermark (or <see cref="InitialWatermark"/>), e.g. <c>WHERE updated_at &gt;= @since</c>.</summary>
    public string? Query { get; set; }

    /// <summary>The result column whose largest value becomes the next <c>@since</c>; none means every run reads everything.</summary>
    public string? WatermarkColumn { get; set; }

    /// <summary><c>@since</c> before the first pull: an ISO 8601 instant, a number or text. Default: 1970-01-01T00:00:00Z.</summary>
    public string? InitialWatermark { get; set; }

    public int TimeoutSeconds { get; set; } = 600;

    public const string DefaultInitialWatermark = "1970-01-01T00:00:00Z";
    private static readonly string[] PasswordKeys = ["password", "pwd"];

    public void Validate(List<FieldError> problems)
    {
        if (Provider is null) problems.Add(new("options.provider", "must be postgres or sqlite"));
        if (string.IsNullOrWhiteSpace(ConnectionString)) problems.Add(new("options.connection_string", "is required"));
        else
        {
            try
            {
                _ = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
            }
            catch (ArgumentException e)
            {
                problems.Add(new("options.connection_string", $"is not a connection string: {e.Message}"));
            }
        }
        if (string.IsNullOrWhiteSpace(Query)) problems.Add(new("options.query", "is required"));
        if (!string.IsNullOrWhiteSpace(WatermarkColumn) && Query?.Contains("@since", StringComparison.OrdinalIgnoreCase) != true)
            problems.Add(new("options.query", "must use @since (e.g. WHERE updated_at >= @since) when watermark_column is set, or every run reads everything"));
        if (TimeoutSeconds is < 1 or > 86_400) problems.Add(new("options.timeout_seconds", "must be 1–86400"));
    }

    /// <summary>The connection string with its password masked, for the API; the rest stays as the admin wrote it.</summary>
    public static string? Masked(string? connectionString) =>
        connectionString is null ? null : PasswordPart().Replace(connectionString, m => $"{m.Groups["key"].Value}={SourceJson.Mask}");

    /// <summary>The incoming connection string, with a masked password replaced by the stored one.</summary>
    public static string? Unmasked(string? incoming, string? stored, out bool missing)
    {
        missing = false;
        if (incoming is null || !PasswordPart().IsMatch(incoming)) return incoming;
        var given = Password(incoming);
        if (given != SourceJson.Mask) return incoming;
        var kept = Password(stored);
        if (kept is null)
        {
            missing = true;
            return incoming;
        }
        // Quoted as connection strings quote: a password may hold ';' or quotes.
        var quoted = kept.IndexOfAny([';', '"', '\'', ' ']) < 0 ? kept : $"\"{kept.Replace("\"", "\"\"")}\"";
        return PasswordPart().Replace(incoming, m => $"{m.Groups["key"].Value}={quoted}");
    }

    private static string? Password(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return null;
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in PasswordKeys)
            {
                if (builder.TryGetValue(key, out var value)) return value?.ToString();
            }
        }
        catch (ArgumentException)
        {
            // Validate reports a connection string that does not parse; it has no password to find.
        }
        return null;
    }

    // key=value where the value is quoted ("…" with "" inside, or '…') or runs to the next ';'.
    [GeneratedRegex("""(?<key>(?<=^|;)\s*(?:password|pwd))\s*=\s*(?:"(?:[^"]|"")*"|'(?:[^']|'')*'|[^;]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPart();
}
