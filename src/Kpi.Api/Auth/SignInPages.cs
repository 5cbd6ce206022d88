using System.Net;
using System.Security.Claims;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Kpi.Api.Auth;

/// <summary>
/// The browser's way in: <c>/login</c> (a form; a session cookie on success), <c>/logout</c> and
/// <c>/account/password</c>, which a user signed in with an initial password is sent to first. Plain server-rendered
/// forms with antiforgery tokens; the same credential check as <c>POST /api/auth/login</c>.
/// </summary>
public static class SignInPages
{
    public static IEndpointRouteBuilder MapSignInPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(CookieSessions.LoginPath, LoginForm).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(CookieSessions.LoginPath, Login).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/logout", Logout).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/account/password", PasswordForm).RequireAuthorization().ExcludeFromDescription();
        app.MapPost("/account/password", ChangePassword).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/denied", () => Page("Not allowed", "<p>Your role does not allow this page.</p><p><a href=\"/\">Back</a></p>", 403))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult LoginForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error) =>
        Page("Sign in", $"""
            {(error is null ? "" : $"<p role=\"alert\" class=\"error\">{Html(error)}</p>")}
            <form method="post" action="{CookieSessions.LoginPath}">
              {Token(http, antiforgery)}
              <input type="hidden" name="returnUrl" value="{Html(LocalOrHome(returnUrl))}">
              <label for="username">User name</label><input id="username" name="username" autocomplete="username" required autofocus>
              <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
            """);

    private static async Task<IResult> Login(HttpContext http, IAntiforgery antiforgery, UserManager<KpiUser> users, Sessions sessions, LoginThrottle throttle,
        KpiDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var form = await http.Request.ReadFormAsync(ct);
        var returnUrl = LocalOrHome(form["returnUrl"]);
        var (user, problem) = await AuthApi.CheckCredentialsAsync(form["username"], form["password"], users, throttle, db, clock, http, ct);
        if (problem is not null)
        {
            var message = problem.StatusCode == StatusCodes.Status429TooManyRequests ? problem.ProblemDetails.Detail : "The user name or password is wrong.";
            return Results.Redirect($"{CookieSessions.LoginPath}?returnUrl={WebUtility.UrlEncode(returnUrl)}&error={WebUtility.UrlEncode(message)}");
        }
        var session = await sessions.OpenCookieAsync(user!, AuthApi.Address(http), ct);
        await http.SignInAsync(CookieSessions.SchemeName, CookieSessions.Ticket(session),
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = session.ExpiresAt });
        db.Record(clock.GetUtcNow().UtcDateTime, user!.UserName!, "auth.signed_in", "user", user.Id.ToString(), new { via = "cookie", address = AuthApi.Address(http) });
        await db.SaveChangesAsync(ct);
        return Results.Redirect(user.MustChangePassword ? "/account/password" : returnUrl);
    }

    private static async Task<IResult> Logout(HttpContext http, IAntiforgery antiforgery, Sessions sessions, KpiDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        if (long.TryParse(http.User.FindFirstValue(KpiClaims.Session), out var session))
        {
            await sessions.RevokeAsync(session, "signed out", ct);
            db.Record(clock.GetUtcNow().UtcDateTime, http.User.Identity?.Name ?? "", "auth.signed_out", "user", http.User.FindFirstValue(KpiClaims.User) ?? "",
                new { session });
            await db.SaveChangesAsync(ct);
        }
        await http.SignOutAsync(CookieSessions.SchemeName);
        return Results.Redirect(CookieSessions.LoginPath);
    }

    private static IResult PasswordForm(HttpContext http, IAntiforgery antiforgery, string? error) =>
        Page("Choose a password", $"""
            {(http.User.HasClaim(c => c.Type == KpiClaims.MustChangePassword) ? "<p>You signed in with an initial password: choose your own before going on.</p>" : "")}
            {(error is null ? "" : $"<p role=\"alert\" class=\"error\">{Html(error)}</p>")}
            <form method="post" action="/account/password">
              {Token(http, antiforgery)}
              <label for="current">Current password</label><input id="current" name="current_password" type="password" autocomplete="current-password" required>
              <label for="new">New password (at least {PasswordRules.MinLength} characters)</label><input id="new" name="new_password" type="password" autocomplete="new-password" required minlength="{PasswordRules.MinLength}">
              <button type="submit">Change password</button>
            </form>
            """);

    private static async Task<IResult> ChangePassword(HttpContext http, IAntiforgery antiforgery, UserManager<KpiUser> users, Sessions sessions,
        AccessCache cache, KpiDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var form = await http.Request.ReadFormAsync(ct);
        var result = await AuthApi.ChangePassword(new AuthApi.PasswordRequest(form["current_password"], form["new_password"]), users, sessions, cache, db,
            clock, http, ct);
        if (result.Result is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem)
            return Results.Redirect($"/account/password?error={WebUtility.UrlEncode(problem.ProblemDetails.Detail)}");
        return Results.Redirect("/");
    }

    private static string Token(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{Html(tokens.RequestToken)}\">";
    }

    /// <summary>Only a path of this site: a sign-in must never send the user to another origin (open redirect).</summary>
    internal static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private static string Html(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static IResult Page(string title, string body, int status = 200) => Results.Content($$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Html(title)}} · Kpi</title>
        <style>
          body{font-family:system-ui,"Noto Sans SC","Microsoft YaHei",sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem;color:#1b1f24}
          label{display:block;margin-top:1rem;font-weight:600} input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
          button{margin-top:1.25rem;padding:.6rem 1.2rem;font-size:1rem;background:#0b5cad;color:#fff;border:0;border-radius:4px}
          :focus-visible{outline:3px solid #e8a400;outline-offset:2px} .error{color:#a4001d;font-weight:600}
        </style></head>
        <body><main><h1>{{Html(title)}}</h1>{{body}}</main></body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
