using System.Security.Cryptography;
using Kpi.Domain;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Delivery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kpi.Delivery.Mail;

/// <summary>SMTP settings as an admin sends them (<c>PUT /api/mail/smtp</c>); <c>password</c> <see cref="SmtpSettingsStore.Mask"/> keeps the stored one.</summary>
public sealed record SmtpSettingsRequest(string? Host, int? Port, string? Security, string? User, string? Password, int? TimeoutSeconds);

/// <summary>
/// How mail leaves now, as an admin may see it: <c>api</c> (stored settings), <c>configuration</c>
/// (<c>Kpi:Mail:Smtp</c>) or <c>pickup_folder</c> (<c>.eml</c> files in <see cref="OutboxFolder"/>). The password is
/// never shown: <see cref="SmtpSettingsStore.Mask"/> when one is set.
/// </summary>
public sealed record SmtpSettingsView(
    string Source, string? Host, int? Port, string? Security, string? User, string? Password, int? TimeoutSeconds, string From,
    string? OutboxFolder, DateTime? UpdatedAt, string? UpdatedBy);

/// <summary>The stored password cannot be read on this host: its Data Protection key is not among this host's keys.</summary>
public sealed class SmtpSettingsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// SMTP settings stored through the API, which take precedence over <c>Kpi:Mail:Smtp</c>. The password is encrypted
/// at rest with ASP.NET Core Data Protection — the same keys, kept in the database, that every host of the installation
/// shares, as for the sources' secrets — and stored as <see cref="Prefix"/> + the protected text; it is decrypted only
/// in memory to authenticate, never returned, and the audit trail records only whether it changed. A masked password
/// sent back keeps the stored one only while the host stays the same: a secret goes to the server it was given for.
/// </summary>
public sealed class SmtpSettingsStore(KpiDbContext db, IDataProtectionProvider protection, IOptions<MailOptions> options, MailFolder folder,
    TimeProvider clock)
{
    public const string Mask = "********";
    public const string Prefix = "protected:v1:";
    public const string Purpose = "Kpi.Mail.SmtpPassword";
    private const int Row = 1;

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    /// <summary>The stored settings with the password decrypted, or null when none are stored.</summary>
    /// <exception cref="SmtpSettingsException">The password cannot be decrypted on this host.</exception>
    public async Task<SmtpOptions?> LoadAsync(CancellationToken ct = default)
    {
        var row = await db.SmtpSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == Row, ct);
        if (row is null) return null;
        return new SmtpOptions
        {
            Host = row.Host, Port = row.Port, Security = Enum.Parse<SmtpSecurity>(row.Security, ignoreCase: true), User = row.User,
            Password = Reveal(row.Password), TimeoutSeconds = row.TimeoutSeconds,
        };
    }

    public async Task<SmtpSettingsView> DescribeAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var row = await db.SmtpSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == Row, ct);
        if (row is not null)
            return new SmtpSettingsView("api", row.Host, row.Port ?? Effective(row).EffectivePort, row.Security.ToLowerInvariant(), row.User,
                row.Password is null ? null : Mask, row.TimeoutSeconds, o.From, null, row.UpdatedAt, row.UpdatedBy);
        if (o.UsesSmtp)
            return new SmtpSettingsView("configuration", o.Smtp!.Host, o.Smtp.EffectivePort, o.Smtp.Security.ToString().ToLowerInvariant(), o.Smtp.User,
                string.IsNullOrEmpty(o.Smtp.Password) ? null : Mask, o.Smtp.TimeoutSeconds, o.From, null, null, null);
        return new SmtpSettingsView("pickup_folder", null, null, null, null, null, null, o.From, MailHosting.OutboxFolder(folder.DataDirectory), null, null);
    }

    /// <summary>Stores the settings (audited) and returns what is stored; or the problems, each naming its field.</summary>
    public async Task<(IReadOnlyList<FieldError> Problems, SmtpSettingsView? Stored)> SaveAsync(SmtpSettingsRequest request, string actor,
        CancellationToken ct = default)
    {
        var row = await db.SmtpSettings.FirstOrDefaultAsync(s => s.Id == Row, ct);
        var problems = new List<FieldError>();
        var security = SmtpSecurity.StartTls;
        if (request.Security is not null && !Enum.TryParse(request.Security, ignoreCase: true, out security) ||
            request.Security is { } text && int.TryParse(text, out _))
            problems.Add(new("security", $"must be none, starttls or tls (got '{request.Security}')"));
        var host = request.Host?.Trim();
        if (host is not null && (host.Length > 255 || host.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
            problems.Add(new("host", "must be a host name or address without spaces"));

        var password = request.Password;
        var keep = password == Mask;
        if (keep && (row?.Password is null || !string.Equals(row.Host, host, StringComparison.OrdinalIgnoreCase)))
            problems.Add(new("password", row?.Password is null
                ? "no password is stored to keep: send the password itself"
                : "the host changed: send the password again, a stored password is only ever sent to the server it was given for"));

        var candidate = new SmtpOptions
        {
            Host = host, Port = request.Port, Security = security, User = string.IsNullOrWhiteSpace(request.User) ? null : request.User.Trim(),
            Password = keep ? "kept" : string.IsNullOrEmpty(password) ? null : password, TimeoutSeconds = request.TimeoutSeconds ?? 60,
        };
        problems.AddRange(candidate.Problems("").Select(p => new FieldError(Field(p.Field), p.Reason)));
        if (problems.Count > 0) return (problems, null);

        var created = row is null;
        var before = row is null ? null : Audited(row);
        row ??= new SmtpSettingsEntity { Id = Row };
        // Sent anew (or cleared) counts as changed: comparing would mean decrypting for the audit's sake.
        var passwordChanged = !keep;
        row.Host = host!;
        row.Port = request.Port;
        row.Security = security.ToString();
        row.User = candidate.User;
        if (!keep) row.Password = string.IsNullOrEmpty(password) ? null : Prefix + Protector.Protect(password);
        row.TimeoutSeconds = candidate.TimeoutSeconds;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = actor;
        if (created) db.SmtpSettings.Add(row);
        db.Record(row.UpdatedAt, actor, created ? "mail.smtp.created" : "mail.smtp.updated", "mail_settings", "smtp",
            new { before, after = Audited(row), password_changed = passwordChanged });
        await db.SaveChangesAsync(ct);
        return ([], await DescribeAsync(ct));
    }

    /// <summary>Removes the stored settings: mail then leaves as <c>Kpi:Mail</c> configures it. False when none were stored.</summary>
    public async Task<bool> DeleteAsync(string actor, CancellationToken ct = default)
    {
        var row = await db.SmtpSettings.FirstOrDefaultAsync(s => s.Id == Row, ct);
        if (row is null) return false;
        db.SmtpSettings.Remove(row);
        db.Record(clock.GetUtcNow().UtcDateTime, actor, "mail.smtp.deleted", "mail_settings", "smtp", new { before = Audited(row) });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private string? Reveal(string? stored)
    {
        if (stored is null) return null;
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
            throw new SmtpSettingsException("The stored SMTP password is not in the encrypted form this version writes; store it again with PUT /api/mail/smtp.");
        try
        {
            return Protector.Unprotect(stored[Prefix.Length..]);
        }
        catch (CryptographicException e)
        {
            throw new SmtpSettingsException("The stored SMTP password cannot be decrypted on this host: its Data Protection key is not among this " +
                                            "host's keys (every host of an installation must share them). Store it again with PUT /api/mail/smtp.", e);
        }
    }

    private static SmtpOptions Effective(SmtpSettingsEntity row) =>
        new() { Host = row.Host, Port = row.Port, Security = Enum.Parse<SmtpSecurity>(row.Security, ignoreCase: true) };

    /// <summary>What the audit trail keeps: everything but the password.</summary>
    private static object Audited(SmtpSettingsEntity row) => new
    {
        host = row.Host, port = row.Port, security = row.Security.ToLowerInvariant(), user = row.User, password = row.Password is null ? null : Mask,
        timeout_seconds = row.TimeoutSeconds,
    };

    /// <summary><c>:Port</c> from <see cref="SmtpOptions.Problems"/> as the API's <c>port</c>.</summary>
    private static string Field(string key) => key.TrimStart(':') switch
    {
        "TimeoutSeconds" => "timeout_seconds",
        var k => k.ToLowerInvariant(),
    };
}
