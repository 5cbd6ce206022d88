using System.Security.Claims;
using System.Text.Encodings.Web;
using Kpi.Storage;
using Kpi.Storage.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kpi.Api.Auth;

/// <summary>Authenticates the <c>X-Api-Key</c> header against the stored key hashes.</summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KpiDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    private const int MaxKeyLength = 200;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return AuthenticateResult.NoResult();
        var found = await FindAsync(db, values.ToString(), Context.RequestAborted);
        if (found is null) return AuthenticateResult.Fail("Unknown, revoked or malformed API key.");

        var claims = new List<Claim> { new(ClaimTypes.Name, found.Name), new(ClaimTypes.Role, found.Role), new("kpi:key", found.Id.ToString()) };
        claims.AddRange(found.Departments.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => new Claim(Caller.DepartmentClaim, d)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>The active key with this secret, or null.</summary>
    public static async Task<ApiKeyEntity?> FindAsync(KpiDbContext db, string key, CancellationToken ct)
    {
        if (key.Length is 0 or > MaxKeyLength) return null;
        var hash = ApiKeySecrets.Hash(key);
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status401Unauthorized, "Unauthorized", $"Send a valid API key in the {Header} header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "Forbidden", "Your key's role does not allow this.");

    private Task WriteProblem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized) Response.Headers.WWWAuthenticate = SchemeName;
        return Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(Context);
    }
}
