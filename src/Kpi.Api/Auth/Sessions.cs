using System.Security.Cryptography;
using Kpi.Storage;
using Kpi.Storage.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kpi.Api.Auth;

/// <summary>A token pair as <c>POST /api/auth/login</c> and <c>/refresh</c> answer it.</summary>
public sealed record TokenPair(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, bool MustChangePassword);

/// <summary>
/// Opening, refreshing and ending sign-in sessions (<see cref="UserSession"/>). Tokens are 256 random bits shown once;
/// only their hashes are stored. Ending a session forgets it in <see cref="AccessCache"/> at once.
/// </summary>
public sealed class Sessions(KpiDbContext db, AccessCache cache, IOptions<AuthOptions> options, TimeProvider clock)
{
    public async Task<TokenPair> OpenTokenAsync(KpiUser user, string? address, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (access, refresh) = (NewSecret("kat_"), NewSecret("krt_"));
        var session = new UserSession
        {
            UserId = user.Id, Kind = SessionKind.Token, AccessTokenHash = AccessCache.Hash(access), AccessExpiresAt = now + AccessLife,
            RefreshTokenHash = AccessCache.Hash(refresh), ExpiresAt = now.AddDays(options.Value.RefreshTokenDays), CreatedAt = now, Address = Clip(address),
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        return Pair(access, refresh, user.MustChangePassword);
    }

    public async Task<UserSession> OpenCookieAsync(KpiUser user, string? address, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            UserId = user.Id, Kind = SessionKind.Cookie, AccessExpiresAt = now.AddHours(options.Value.CookieHours),
            ExpiresAt = now.AddHours(options.Value.CookieHours), CreatedAt = now, Address = Clip(address),
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>
    /// A new pair for a live session's refresh token; null when the token is unknown, expired or its session ended. A
    /// refresh token presented after it was already exchanged ends its session: one of its two holders stole it.
    /// </summary>
    public async Task<(TokenPair? Pair, int? UserId)> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        if (refreshToken.Length is 0 or > 200) return (null, null);
        var hash = AccessCache.Hash(refreshToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.RefreshTokenHash == hash || s.PreviousRefreshTokenHash == hash, ct);
        if (session is null || session.Kind != SessionKind.Token) return (null, null);
        if (session.PreviousRefreshTokenHash == hash && session.RefreshTokenHash != hash)
        {
            await RevokeAsync(session, "a refresh token was used a second time", ct);
            return (null, session.UserId);
        }
        if (session.RevokedAt is not null || session.ExpiresAt <= now) return (null, session.UserId);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == session.UserId, ct);
        if (user is not { DeactivatedAt: null }) return (null, session.UserId);

        var (access, refresh) = (NewSecret("kat_"), NewSecret("krt_"));
        cache.ForgetSession(session);
        session.AccessTokenHash = AccessCache.Hash(access);
        session.AccessExpiresAt = now + AccessLife;
        session.PreviousRefreshTokenHash = session.RefreshTokenHash;
        session.RefreshTokenHash = AccessCache.Hash(refresh);
        session.RefreshedAt = now;
        await db.SaveChangesAsync(ct);
        return (Pair(access, refresh, user.MustChangePassword), user.Id);
    }

    public async Task RevokeAsync(long sessionId, string reason, CancellationToken ct)
    {
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is not null) await RevokeAsync(session, reason, ct);
    }

    /// <summary>Ends every live session of a user but <paramref name="except"/> (the one changing its own password keeps going).</summary>
    public async Task RevokeAllAsync(int userId, string reason, long? except, CancellationToken ct)
    {
        var live = await db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != except).ToListAsync(ct);
        foreach (var session in live) Revoke(session, reason);
        await db.SaveChangesAsync(ct);
    }

    private async Task RevokeAsync(UserSession session, string reason, CancellationToken ct)
    {
        if (session.RevokedAt is not null) return;
        Revoke(session, reason);
        await db.SaveChangesAsync(ct);
    }

    private void Revoke(UserSession session, string reason)
    {
        session.RevokedAt = clock.GetUtcNow().UtcDateTime;
        session.RevokedReason = reason;
        cache.ForgetSession(session);
    }

    private TimeSpan AccessLife => TimeSpan.FromMinutes(options.Value.AccessTokenMinutes);

    private TokenPair Pair(string access, string refresh, bool mustChange) =>
        new(access, "Bearer", options.Value.AccessTokenMinutes * 60, refresh, mustChange);

    private static string NewSecret(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Clip(string? address) => address is { Length: > 64 } ? address[..64] : address;
}
