using System.ComponentModel.DataAnnotations;

namespace Kpi.Api.Auth;

/// <summary>The <c>Kpi:Auth</c> configuration section: bootstrap secrets and how long sign-ins last.</summary>
public sealed class AuthOptions
{
    public const string Section = "Kpi:Auth";

    /// <summary>An API key with the admin role. When empty, one is generated on first start and kept in the data directory.</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>The bootstrap admin user's password on first start. When empty, one is generated, logged once and kept in the data directory.</summary>
    public string? BootstrapAdminPassword { get; set; }

    /// <summary>How long an access token works before it must be refreshed.</summary>
    [Range(1, 24 * 60)] public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>How long a token session lasts without signing in again (the refresh token's life).</summary>
    [Range(1, 365)] public int RefreshTokenDays { get; set; } = 14;

    /// <summary>How long a browser session lasts.</summary>
    [Range(1, 24 * 30)] public int CookieHours { get; set; } = 12;
}
