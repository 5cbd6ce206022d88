using System.Security.Claims;
using Kpi.Storage;
using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kpi.Api.Auth;

/// <summary>
/// The browser's sign-in: an HttpOnly, SameSite=Strict cookie naming a <see cref="UserSession"/> (the cookie is
/// encrypted with the Data Protection keys every host shares). Each request checks the session and rebuilds the
/// principal from the current user, so signing out, a password change, a deactivation or a new role takes effect at
/// once, whatever the cookie says.
/// </summary>
internal static class CookieSessions
{
    public const string SchemeName = "Cookie";
    public const string CookieName = "kpi_session";
    public const string LoginPath = "/login";

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = LoginPath;
        o.LogoutPath = "/logout";
        o.AccessDeniedPath = "/denied";
        o.ReturnUrlParameter = "returnUrl";
        o.SlidingExpiration = false;
        o.Events.OnValidatePrincipal = ValidateAsync;
        // Programs get 401 and 403 as problems; only people in a browser are sent to the sign-in page.
        o.Events.OnRedirectToLogin = context => IsApi(context.Request) ? AuthProblems.ChallengeAsync(context.HttpContext) : Redirect(context);
        o.Events.OnRedirectToAccessDenied = context => IsApi(context.Request) ? AuthProblems.ForbidAsync(context.HttpContext) : Redirect(context);
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>The principal a new cookie carries: the session, which names the user; everything else is looked up per request.</summary>
    public static ClaimsPrincipal Ticket(UserSession session) => new(new ClaimsIdentity(
        [new Claim(KpiClaims.Session, session.Id.ToString()), new Claim(KpiClaims.User, session.UserId.ToString())], SchemeName));

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var cache = services.GetRequiredService<AccessCache>();
        var db = services.GetRequiredService<KpiDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var ct = context.HttpContext.RequestAborted;

        var session = long.TryParse(context.Principal?.FindFirstValue(KpiClaims.Session), out var id) ? await cache.SessionAsync(db, id, ct) : null;
        var user = session is { Revoked: false, Kind: SessionKind.Cookie } && session.ExpiresAt > clock.GetUtcNow().UtcDateTime
            ? await cache.UserAsync(db, session.UserId, ct)
            : null;
        if (user is not { Active: true })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
            return;
        }
        context.ReplacePrincipal(UserPrincipals.For(user, session!.Id, SchemeName));
    }
}
