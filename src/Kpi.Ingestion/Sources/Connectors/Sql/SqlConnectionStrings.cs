using System.Data.Common;
using Kpi.Domain;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kpi.Ingestion.Sources.Connectors.Sql;

/// <summary>
/// A source's connection string read by its provider's own builder (<see cref="NpgsqlConnectionStringBuilder"/>,
/// <see cref="SqliteConnectionStringBuilder"/>), so that every spelling of a password keyword (<c>Password</c>,
/// <c>PSW</c>, <c>PWD</c>, <c>SSL Password</c>) is found as the provider finds it: masked for the API and the audit,
/// encrypted at rest, decrypted for a run.
/// </summary>
internal static class SqlConnectionStrings
{
    /// <summary>The password-type keywords, as each builder names them (a test holds this list to the builders' properties).</summary>
    public static IReadOnlyList<string> SecretKeywords(SqlProvider provider) => provider == SqlProvider.Postgres ? ["Password", "SSL Password"] : ["Password"];

    /// <exception cref="ArgumentException">A keyword the provider does not know, or a value it cannot take.</exception>
    public static DbConnectionStringBuilder Parse(SqlProvider provider, string connectionString) => provider == SqlProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(connectionString)
        : new SqliteConnectionStringBuilder(connectionString);

    /// <summary>The connection string with every password shown as the mask; the whole of it masked when it does not parse.</summary>
    public static string? Masked(SqlProvider? provider, string? connectionString)
    {
        if (connectionString is null) return null;
        try
        {
            var builder = Parse(provider ?? SqlProvider.Postgres, connectionString);
            foreach (var key in Present(provider ?? SqlProvider.Postgres, builder)) builder[key] = SourceJson.Mask;
            return builder.ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return SourceJson.Mask;
        }
    }

    /// <summary>
    /// The incoming connection string to store: passwords encrypted; one sent as the mask keeps the stored one, but only
    /// for the same server (host and port, or SQLite file): a password is never sent to a server it was not given for.
    /// </summary>
    public static string Prepare(SqlProvider provider, string incoming, string? stored, SourceSecrets secrets, List<FieldError> problems)
    {
        var builder = Parse(provider, incoming);
        DbConnectionStringBuilder? kept = null;
        try
        {
            kept = stored is null ? null : Parse(provider, stored);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // A stored string of the other provider or an older form: nothing of it is kept.
        }
        foreach (var key in Present(provider, builder))
        {
            var given = (string)builder[key];
            if (given != SourceJson.Mask)
            {
                builder[key] = secrets.Protect(SourceSecrets.SqlPasswordPurpose, given);
                continue;
            }
            if (kept is null || !Present(provider, kept).Contains(key))
                problems.Add(new("options.connection_string", $"give the {key}: '{SourceJson.Mask}' only keeps one stored before"));
            else if (!Target(provider, builder).Equals(Target(provider, kept), StringComparison.OrdinalIgnoreCase))
                problems.Add(new("options.connection_string", $"send the {key} again for the new server: '{SourceJson.Mask}' keeps it only for "
                                                                + $"{Target(provider, kept)}, where it was sent before"));
            else builder[key] = secrets.ProtectStored(SourceSecrets.SqlPasswordPurpose, (string)kept[key]);
        }
        return builder.ConnectionString;
    }

    /// <summary>The stored string with passwords stored in plain text (before encryption) encrypted; the same string when none.</summary>
    public static string ProtectStored(SqlProvider provider, string stored, SourceSecrets secrets)
    {
        var builder = Parse(provider, stored);
        var plain = Present(provider, builder).Where(k => !SourceSecrets.IsProtected((string)builder[k])).ToList();
        if (plain.Count == 0) return stored;
        foreach (var key in plain) builder[key] = secrets.Protect(SourceSecrets.SqlPasswordPurpose, (string)builder[key]);
        return builder.ConnectionString;
    }

    /// <summary>The builder of the stored string with its passwords decrypted, for one run.</summary>
    public static DbConnectionStringBuilder Revealed(SqlProvider provider, string stored, SourceSecrets secrets)
    {
        var builder = Parse(provider, stored);
        foreach (var key in Present(provider, builder))
            builder[key] = secrets.Reveal(SourceSecrets.SqlPasswordPurpose, (string)builder[key], $"options.connection_string {key}");
        return builder;
    }

    /// <summary>The passwords in plain text, for a run to blank out of its reasons.</summary>
    public static IEnumerable<string> Secrets(SqlProvider provider, DbConnectionStringBuilder revealed) =>
        Present(provider, revealed).Select(k => (string)revealed[k]);

    /// <summary>Which server a password is for: PostgreSQL host(s) and port, or the SQLite file.</summary>
    private static string Target(SqlProvider provider, DbConnectionStringBuilder builder) => builder switch
    {
        NpgsqlConnectionStringBuilder n => $"{n.Host}:{n.Port}",
        SqliteConnectionStringBuilder s => s.DataSource,
        _ => builder.ConnectionString,
    };

    /// <summary>The secret keywords that have a value.</summary>
    private static List<string> Present(SqlProvider provider, DbConnectionStringBuilder builder) =>
        [.. SecretKeywords(provider).Where(k => builder.TryGetValue(k, out var v) && v is string { Length: > 0 })];
}
