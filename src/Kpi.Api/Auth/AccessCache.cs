using Kpi.Storage;
using Kpi.Storage.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Kpi.Api.Auth;

/// <summary>
/// What authenticating a request looks up — the API key, the session, the user, the department heads — kept in memory
/// for a few seconds, so that checking a caller costs microseconds rather than queries. Every change this process makes
/// (a key revoked, a user deactivated, a session ended, a head set) forgets the entry at once; another host of the
/// same installation sees the change within <see cref="Lifetime"/>.
/// </summary>
public sealed class AccessCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public sealed record KeySnapshot(int Id, string Name, string Role, IReadOnlyList<string> Departments);

    public sealed record SessionSnapshot(long Id, int UserId, SessionKind Kind, DateTime AccessExpiresAt, DateTime ExpiresAt, bool Revoked);

    public sealed record UserSnapshot(
        int Id, string UserName, string DisplayName, string Role, IReadOnlyList<string> Departments, string? EmployeeNo, bool MustChangePassword,
        bool Active);

    /// <summary>The active key with this hash, or null.</summary>
    public Task<KeySnapshot?> KeyAsync(KpiDbContext db, string hash, CancellationToken ct) =>
        GetAsync($"key:{hash}", async () =>
        {
            var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
            return key is null ? null : new KeySnapshot(key.Id, key.Name, key.Role, key.Departments.Split(',', StringSplitOptions.RemoveEmptyEntries));
        });

    public Task<SessionSnapshot?> SessionByAccessTokenAsync(KpiDbContext db, string hash, CancellationToken ct) =>
        GetAsync($"access:{hash}", () => Load(db.Sessions.Where(s => s.AccessTokenHash == hash), ct));

    public Task<SessionSnapshot?> SessionAsync(KpiDbContext db, long id, CancellationToken ct) =>
        GetAsync($"session:{id}", () => Load(db.Sessions.Where(s => s.Id == id), ct));

    public Task<UserSnapshot?> UserAsync(KpiDbContext db, int id, CancellationToken ct) =>
        GetAsync($"user:{id}", async () =>
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
            return user is null ? null : Snapshot(user);
        });

    /// <summary>The departments each employee heads.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> HeadsAsync(KpiDbContext db, CancellationToken ct) =>
        (await GetAsync("heads", async () =>
        {
            var heads = await db.Departments.AsNoTracking().Where(d => d.HeadEmployeeNo != null)
                .Select(d => new { d.Code, d.HeadEmployeeNo }).ToListAsync(ct);
            return (IReadOnlyDictionary<string, string[]>?)heads.GroupBy(h => h.HeadEmployeeNo!)
                .ToDictionary(g => g.Key, g => g.Select(h => h.Code).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        }))!;

    public void ForgetKey(string hash) => cache.Remove($"key:{hash}");

    public void ForgetUser(int id) => cache.Remove($"user:{id}");

    public void ForgetSession(UserSession session)
    {
        cache.Remove($"session:{session.Id}");
        if (session.AccessTokenHash is not null) cache.Remove($"access:{session.AccessTokenHash}");
    }

    public void ForgetHeads() => cache.Remove("heads");

    public static UserSnapshot Snapshot(KpiUser user) => new(user.Id, user.UserName ?? "", user.DisplayName, user.Role, user.DepartmentList, user.EmployeeNo,
        user.MustChangePassword, user.DeactivatedAt is null);

    public static string Hash(string secret) => ApiKeySecrets.Hash(secret);

    private static async Task<SessionSnapshot?> Load(IQueryable<UserSession> sessions, CancellationToken ct) =>
        await sessions.AsNoTracking()
            .Select(s => new SessionSnapshot(s.Id, s.UserId, s.Kind, s.AccessExpiresAt, s.ExpiresAt, s.RevokedAt != null))
            .FirstOrDefaultAsync(ct);

    private async Task<T?> GetAsync<T>(string key, Func<Task<T?>> load) where T : class
    {
        if (cache.TryGetValue(key, out T? hit)) return hit;
        var value = await load();
        cache.Set(key, value, Lifetime);
        return value;
    }
}
