using Kpi.Api.Auth;
using Kpi.Api.Portal.Shared;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Account;

/// <summary>
/// <c>/login</c>: the browser's way in. The same credential check as <c>POST /api/auth/login</c>
/// (<see cref="AuthApi.CheckCredentialsAsync"/>: throttled, locked out, audited) opens a cookie session
/// (<see cref="Sessions.OpenCookieAsync"/>); a user with an initial password goes to <c>/account/password</c> first.
/// </summary>
public sealed class LoginModel(PortalContext portal) : PortalPage(portal)
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }

    public string? Error { get; private set; }

    public void OnGet() => Title = T("登录", "Sign in");

    public async Task<IActionResult> OnPostAsync([FromServices] UserManager<KpiUser> users, [FromServices] Sessions sessions,
        [FromServices] LoginThrottle throttle, [FromServices] KpiDbContext db, [FromServices] TimeProvider clock, CancellationToken ct)
    {
        Title = T("登录", "Sign in");
        var (user, problem) = await AuthApi.CheckCredentialsAsync(Username, Password, users, throttle, db, clock, HttpContext, ct);
        if (problem is not null)
        {
            Error = problem.StatusCode == StatusCodes.Status429TooManyRequests
                ? T($"登录失败次数过多,请 {Response.Headers.RetryAfter} 秒后再试。", problem.ProblemDetails.Detail ?? "Too many failed sign-ins.")
                : problem.StatusCode == StatusCodes.Status400BadRequest
                    ? T("请填写用户名和密码。", "Enter your user name and password.")
                    : T("用户名或密码错误。", "The user name or password is wrong.");
            Password = null;
            return Page();
        }
        var session = await sessions.OpenCookieAsync(user!, AuthApi.Address(HttpContext), ct);
        await HttpContext.SignInAsync(CookieSessions.SchemeName, CookieSessions.Ticket(session),
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = session.ExpiresAt });
        db.Record(clock.GetUtcNow().UtcDateTime, user!.UserName!, "auth.signed_in", "user", user.Id.ToString(), new { via = "cookie", address = AuthApi.Address(HttpContext) });
        await db.SaveChangesAsync(ct);
        return Redirect(user.MustChangePassword ? "/account/password" : LocalOrHome(ReturnUrl));
    }

    /// <summary>Only a path of this site: a sign-in must never send the user to another origin (open redirect).</summary>
    public static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
