using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Kpi.Ingestion.Sources;

/// <summary>
/// Source secrets (connection-string passwords, secret headers, secret query values) encrypted at rest with ASP.NET Core
/// Data Protection: stored as <see cref="Prefix"/> + the protected text, decrypted only in memory for a run. The keys
/// are the host's (<see cref="IDataProtectionProvider"/>): every host of one installation must share them and the
/// application name, or a worker cannot read what the API stored. A value without the prefix was stored before
/// encryption: it is used as it is and encrypted at the source's next run or save.
/// </summary>
public sealed class SourceSecrets(IDataProtectionProvider provider)
{
    /// <summary>Marks a protected value in the stored options; nothing an admin sends is taken as already protected.</summary>
    public const string Prefix = "protected:v1:";

    /// <summary>The purposes, one per use: a value protected for one cannot be read back as another.</summary>
    public const string HttpHeaderPurpose = "Kpi.Sources.Http.SecretHeaders";
    public const string HttpQueryPurpose = "Kpi.Sources.Http.SecretQuery";
    public const string SqlPasswordPurpose = "Kpi.Sources.Sql.ConnectionStringPasswords";

    private readonly ConcurrentDictionary<string, IDataProtector> _protectors = new(StringComparer.Ordinal);

    public static bool IsProtected(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>Encrypts a value an admin sent, whatever it looks like.</summary>
    public string Protect(string purpose, string value) => Prefix + Protector(purpose).Protect(value);

    /// <summary>A stored value encrypted if it was stored in plain text before; an encrypted one as it is.</summary>
    public string ProtectStored(string purpose, string stored) => IsProtected(stored) ? stored : Protect(purpose, stored);

    /// <summary>The plain value of a stored one, for a run to use in memory.</summary>
    /// <param name="field">The option the value belongs to, for the reason when it cannot be decrypted.</param>
    /// <exception cref="SourceException">This host has not the key that encrypted it.</exception>
    public string Reveal(string purpose, string stored, string field)
    {
        if (!IsProtected(stored)) return stored;
        try
        {
            return Protector(purpose).Unprotect(stored[Prefix.Length..]);
        }
        catch (CryptographicException e)
        {
            throw new SourceException($"The stored {field} cannot be decrypted on this host: its data-protection key is not among this host's keys "
                                      + "(every host of an installation must share them). Send the secret again with PUT /api/sources/{{name}}.", e);
        }
    }

    private IDataProtector Protector(string purpose) => _protectors.GetOrAdd(purpose, p => provider.CreateProtector(p));
}
