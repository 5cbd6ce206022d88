using Kpi.Domain.Access;
using Kpi.Storage;
using Kpi.Storage.Access;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Auth;

/// <summary>
/// Makes sure an admin can get in on a fresh install: the configured bootstrap key, or else one generated on first
/// start and kept in the data directory (readable by the service's user only) so that the start-up log can show it.
/// </summary>
internal static class BootstrapAdmin
{
    public const string KeyName = "bootstrap-admin";
    private const string FileName = "bootstrap-admin.key";

    public static async Task<string> EnsureAsync(KpiDbContext db, AuthOptions auth, string dataPath, DateTime now, CancellationToken ct = default)
    {
        var key = auth.BootstrapAdminKey;
        if (string.IsNullOrWhiteSpace(key)) key = ReadOrCreateKeyFile(dataPath);

        var hash = ApiKeySecrets.Hash(key);
        if (!await db.ApiKeys.AnyAsync(k => k.KeyHash == hash, ct))
        {
            db.ApiKeys.Add(new ApiKeyEntity
            {
                Name = KeyName, Role = Roles.Admin, KeyHash = hash, Prefix = ApiKeySecrets.Prefix(key), CreatedAt = now, CreatedBy = "system",
            });
            await db.SaveChangesAsync(ct);
        }
        return key;
    }

    private static string ReadOrCreateKeyFile(string dataPath)
    {
        var path = Path.Combine(dataPath, FileName);
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        var key = ApiKeySecrets.NewKey();
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}
