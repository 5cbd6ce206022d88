using System.Text.Encodings.Web;
using Kpi.Storage;
using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Kpi.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer …</c> with an access token from <c>POST /api/auth/login</c>: an opaque
/// 256-bit secret whose hash names a session. A token of a session that was signed out, revoked or has expired, or of
/// a deactivated user, authenticates nobody.
/// </summary>
internal sealed class SessionTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KpiDbContext db, AccessCache cache,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string Prefix = "Bearer ";
    private const int MaxTokenLength = 200;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header[Prefix.Length..].Trim();
        if (token.Length is 0 or > MaxTokenLength) return AuthenticateResult.Fail("Malformed bearer token.");

        var ct = Context.RequestAborted;
        var session = await cache.SessionByAccessTokenAsync(db, AccessCache.Hash(token), ct);
        if (session is not { Revoked: false, Kind: SessionKind.Token } || session.AccessExpiresAt <= clock.GetUtcNow().UtcDateTime)
            return AuthenticateResult.Fail("The token is unknown, expired or revoked: sign in again or refresh it.");
        var user = await cache.UserAsync(db, session.UserId, ct);
        if (user is not { Active: true }) return AuthenticateResult.Fail("The user is deactivated.");
        return AuthenticateResult.Success(new AuthenticationTicket(UserPrincipals.For(user, session.Id, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AuthProblems.ChallengeAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.ForbidAsync(Context);
}
