using Kpi.Api.Infrastructure;
using Kpi.Domain;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Auth;

/// <summary>
/// Signing in and out: <c>POST /api/auth/login</c> gives a bearer token pair, <c>/refresh</c> exchanges the refresh
/// token for a new pair, <c>/logout</c> ends the session (token or cookie), <c>/password</c> changes one's own password,
/// <c>GET /api/auth/me</c> says who one is and what one may see. Sign-ins, failures (with the address) and sign-outs are
/// audited. An unknown user and a wrong password get the same 401; too many failures get 429 with Retry-After.
/// </summary>
public static class AuthApi
{
    public const int MaxCredentialLength = 256;

    public sealed record LoginRequest(string? Username, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    public sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);

    public sealed record MeResponse(
        string Username, string? DisplayName, string Role, string Via, IReadOnlyList<string> Departments, IReadOnlyList<string> Heads,
        ScopeResponse Scope, string? EmployeeNo, bool MustChangePassword);

    /// <param name="Company">True when every department is in scope; else the subtrees of <paramref name="Departments"/>.</param>
    public sealed record ScopeResponse(bool Company, IReadOnlyList<string> Departments);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", Login).AllowAnonymous().DisableAntiforgery()
            .WithSummary("Sign in with a user name and password: a bearer token pair");
        group.MapPost("/refresh", Refresh).AllowAnonymous().DisableAntiforgery()
            .WithSummary("Exchange a refresh token for a new token pair (the old refresh token stops working)");
        group.MapPost("/logout", Logout).RequireAuthorization().WithSummary("End this session: its tokens, or the browser's cookie");
        group.MapPost("/password", ChangePassword).RequireAuthorization().WithSummary("Change your own password");
        group.MapGet("/me", Me).RequireAuthorization().WithSummary("Who you are, your role and what you may see");
        return app;
    }

    public static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> Login(
        LoginRequest request, UserManager<KpiUser> users, Sessions sessions, LoginThrottle throttle, KpiDbContext db, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var (user, problem) = await CheckCredentialsAsync(request.Username, request.Password, users, throttle, db, clock, http, ct);
        if (problem is not null) return problem;
        var pair = await sessions.OpenTokenAsync(user!, Address(http), ct);
        db.Record(clock.GetUtcNow().UtcDateTime, user!.UserName!, "auth.signed_in", "user", user.Id.ToString(), new { via = "token", address = Address(http) });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(pair);
    }

    /// <summary>
    /// The one check of a user name and password, for tokens and the sign-in page alike: throttled, locked out after
    /// repeated failures, the same answer for an unknown name as for a wrong password, every failure audited.
    /// </summary>
    internal static async Task<(KpiUser? User, ProblemHttpResult? Problem)> CheckCredentialsAsync(
        string? username, string? password, UserManager<KpiUser> users, LoginThrottle throttle, KpiDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        var name = username?.Trim() ?? "";
        if (name.Length is 0 or > MaxCredentialLength) return (null, Problems.Invalid("username", "is required"));
        if (string.IsNullOrEmpty(password) || password.Length > MaxCredentialLength) return (null, Problems.Invalid("password", "is required"));

        var address = Address(http);
        if (throttle.RetryAfter(name, address) is { } wait) return (null, TooMany(http, wait));

        var user = await users.FindByNameAsync(name);
        var now = clock.GetUtcNow();
        if (user is not null && await users.IsLockedOutAsync(user) && await users.GetLockoutEndDateAsync(user) is { } end)
            return (null, TooMany(http, end - now));

        bool valid;
        if (user is null)
        {
            // The same work for an unknown name as for a known one: the answer's timing must not tell them apart.
            users.PasswordHasher.VerifyHashedPassword(new KpiUser(), DummyHash(users), password);
            valid = false;
        }
        else valid = await users.CheckPasswordAsync(user, password);

        if (!valid || user is not { DeactivatedAt: null })
        {
            throttle.Failed(name, address);
            if (user is not null && valid is false) await users.AccessFailedAsync(user);
            db.Record(now.UtcDateTime, name, "auth.sign_in_failed", "user", user?.Id.ToString() ?? "", new
            {
                address,
                reason = user is null ? "unknown user" : user.DeactivatedAt is not null ? "deactivated" : "wrong password",
            });
            await db.SaveChangesAsync(ct);
            return (null, TypedResults.Problem("The user name or password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed"));
        }
        throttle.Succeeded(name);
        await users.ResetAccessFailedCountAsync(user);
        return (user, null);
    }

    public static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> Refresh(RefreshRequest request, Sessions sessions, CancellationToken ct)
    {
        var (pair, _) = await sessions.RefreshAsync(request.RefreshToken ?? "", ct);
        return pair is null
            ? TypedResults.Problem("The refresh token is unknown, expired or revoked: sign in again.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized")
            : TypedResults.Ok(pair);
    }

    public static async Task<NoContent> Logout(Sessions sessions, KpiDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (long.TryParse(http.User.FindFirst(KpiClaims.Session)?.Value, out var session))
        {
            await sessions.RevokeAsync(session, "signed out", ct);
            db.Record(clock.GetUtcNow().UtcDateTime, caller.Name, "auth.signed_out", "user", caller.UserId?.ToString() ?? "", new { session });
            await db.SaveChangesAsync(ct);
        }
        if (http.User.Identity?.AuthenticationType == CookieSessions.SchemeName) await http.SignOutAsync(CookieSessions.SchemeName);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(
        PasswordRequest request, UserManager<KpiUser> users, Sessions sessions, AccessCache cache, KpiDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller.UserId is not { } id) return Problems.Forbidden("API keys have no password: only users change theirs.");
        if (string.IsNullOrEmpty(request.CurrentPassword)) return Problems.Invalid("current_password", "is required");
        if (string.IsNullOrEmpty(request.NewPassword) || request.NewPassword.Length > MaxCredentialLength)
            return Problems.Invalid("new_password", $"must be {PasswordRules.MinLength}–{MaxCredentialLength} characters");
        if (request.NewPassword == request.CurrentPassword) return Problems.Invalid("new_password", "must differ from the current password");

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return Problems.Forbidden("The user no longer exists.");
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
        {
            var wrong = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            return Problems.Invalid(result.Errors.Select(e => new FieldError(wrong && e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                ? "current_password" : "new_password", Describe(e))).ToList(), "The password was not changed");
        }
        user.MustChangePassword = false;
        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        cache.ForgetUser(user.Id);
        // Every other session ends: whoever knew the old password is signed out.
        long.TryParse(http.User.FindFirst(KpiClaims.Session)?.Value, out var current);
        await sessions.RevokeAllAsync(user.Id, "password changed", current, ct);
        db.Record(clock.GetUtcNow().UtcDateTime, caller.Name, "user.password_changed", "user", user.Id.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static Ok<MeResponse> Me(HttpContext http)
    {
        var caller = Caller.From(http.User);
        var scope = caller.Scope;
        var via = http.User.Identity?.AuthenticationType switch
        {
            ApiKeyAuthentication.SchemeName => "api_key",
            SessionTokenAuthentication.SchemeName => "token",
            _ => "cookie",
        };
        return TypedResults.Ok(new MeResponse(caller.Name, http.User.FindFirst(KpiClaims.DisplayName)?.Value, caller.Role, via, caller.Departments, caller.Heads,
            new ScopeResponse(scope.WholeCompany, scope.Roots), caller.EmployeeNo, http.User.HasClaim(c => c.Type == KpiClaims.MustChangePassword)));
    }

    internal static string Describe(IdentityError e) => e.Code switch
    {
        "PasswordTooShort" => $"must be at least {PasswordRules.MinLength} characters",
        "PasswordRequiresUniqueChars" => "must use at least 4 different characters",
        "PasswordMismatch" => "is not the current password",
        _ => e.Description,
    };

    internal static string? Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    private static ProblemHttpResult TooMany(HttpContext http, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString();
        return TypedResults.Problem($"Too many failed sign-ins: try again in {seconds} seconds.", statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many attempts");
    }

    private static string? _dummyHash;

    private static string DummyHash(UserManager<KpiUser> users) =>
        _dummyHash ??= users.PasswordHasher.HashPassword(new KpiUser(), "an unguessable placeholder of no account");
}
