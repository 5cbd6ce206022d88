namespace Kpi.Storage.Accounts;

/// <summary>How a session was opened: a token pair for programs, or the browser's cookie.</summary>
public enum SessionKind { Token, Cookie }

/// <summary>
/// One sign-in. A program holds an access token (short-lived) and a refresh token; a browser holds a cookie naming the
/// session. Only SHA-256 hashes of the tokens are stored (they are 256 random bits). Refreshing replaces both tokens;
/// a refresh token used twice ends the session, since one of the two users of it is not its owner. Signing out,
/// changing the password or deactivating the user revokes sessions; a revoked or expired session authenticates nobody.
/// </summary>
public sealed class UserSession
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public SessionKind Kind { get; set; }

    public string? AccessTokenHash { get; set; }
    public DateTime AccessExpiresAt { get; set; }
    public string? RefreshTokenHash { get; set; }

    /// <summary>The refresh token this session's current one replaced: presented again, it shows the pair was stolen.</summary>
    public string? PreviousRefreshTokenHash { get; set; }

    /// <summary>The end of the session: the refresh token's expiry, or the cookie's.</summary>
    public DateTime ExpiresAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? RefreshedAt { get; set; }
    public string? Address { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
}
