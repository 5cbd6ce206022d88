using System.Security.Claims;
using System.Text.Encodings.Web;
using Kpi.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Kpi.Api.Auth;

/// <summary>Authenticates the <c>X-Api-Key</c> header of a service against the stored key hashes.</summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KpiDbContext db, AccessCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    private const int MaxKeyLength = 200;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return AuthenticateResult.NoResult();
        var key = values.ToString();
        var found = key.Length is 0 or > MaxKeyLength ? null : await cache.KeyAsync(db, AccessCache.Hash(key), Context.RequestAborted);
        if (found is null) return AuthenticateResult.Fail("Unknown, revoked or malformed API key.");

        var claims = new List<Claim> { new(ClaimTypes.Name, found.Name), new(ClaimTypes.Role, found.Role), new(KpiClaims.Key, found.Id.ToString()) };
        claims.AddRange(found.Departments.Select(d => new Claim(KpiClaims.Department, d)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AuthProblems.ChallengeAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.ForbidAsync(Context);
}
