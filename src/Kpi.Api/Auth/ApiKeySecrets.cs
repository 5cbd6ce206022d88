using System.Security.Cryptography;
using System.Text;

namespace Kpi.Api.Auth;

/// <summary>
/// API keys are 256 random bits, so a single SHA-256 is enough to store them (no password-style stretching is needed
/// for secrets that cannot be guessed); only the hash and a short prefix are kept.
/// </summary>
public static class ApiKeySecrets
{
    private const string Marker = "kpi_";

    public static string NewKey() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Enough of the key for a person to tell keys apart in a list.</summary>
    public static string Prefix(string key) => key.Length <= Marker.Length + 6 ? key : key[..(Marker.Length + 6)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
