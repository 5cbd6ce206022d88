using Kpi.Domain.Access;
using Hangfire;
using Hangfire.Dashboard;
using Kpi.Api.Auth;
using Kpi.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Dashboard;

/// <summary>
/// The Hangfire dashboard at <c>/hangfire</c>, for admins only. Scripts send the admin key in <c>X-Api-Key</c>; a
/// browser signs in once at <c>/hangfire-login</c>, which keeps the key in an HttpOnly, SameSite=Strict cookie that
/// only the dashboard reads (the API itself never accepts cookies, so it cannot be driven by cross-site requests).
/// </summary>
public static class DashboardAccess
{
    public const string Path = "/hangfire";
    public const string LoginPath = "/hangfire-login";
    public const string Cookie = "kpi_dashboard_key";

    public static void MapKpiDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [], // replaces Hangfire's local-requests-only default: access is decided by AdminOnly alone
            AsyncAuthorization = [new AdminOnly()],
            DashboardTitle = "Kpi jobs",
            AppPath = "/docs",
        });
        app.MapGet(LoginPath, LoginForm).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(LoginPath, Login).AllowAnonymous().ExcludeFromDescription();
    }

    private static ContentHttpResult LoginForm(HttpContext http, IAntiforgery antiforgery)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Content($"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kpi jobs: sign in</title></head>
            <body style="font-family:sans-serif;max-width:28rem;margin:4rem auto">
            <h1>Kpi jobs</h1><p>Sign in with an admin API key to see the job dashboard.</p>
            <form method="post" action="{LoginPath}">
            <input type="hidden" name="{token.FormFieldName}" value="{token.RequestToken}">
            <input type="password" name="key" placeholder="kpi_…" autocomplete="off" style="width:100%" required>
            <button type="submit">Sign in</button></form></body></html>
            """, "text/html; charset=utf-8");
    }

    private static async Task<IResult> Login(HttpContext http, IAntiforgery antiforgery)
    {
        await antiforgery.ValidateRequestAsync(http);
        var form = await http.Request.ReadFormAsync();
        var key = form["key"].ToString();
        if (!await IsAdminKey(http, key)) return Results.Redirect(LoginPath);
        http.Response.Cookies.Append(Cookie, key, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = Path, MaxAge = TimeSpan.FromHours(8),
        });
        return Results.Redirect(Path);
    }

    private static async Task<bool> IsAdminKey(HttpContext http, string key)
    {
        var db = http.RequestServices.GetRequiredService<KpiDbContext>();
        return await ApiKeyAuthentication.FindAsync(db, key, http.RequestAborted) is { Role: Roles.Admin };
    }

    /// <summary>Admin by API key header, or by the dashboard cookie; anonymous requests never get in.</summary>
    private sealed class AdminOnly : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (http.Request.Headers.TryGetValue(ApiKeyAuthentication.Header, out var header)) return await IsAdminKey(http, header.ToString());
            return http.Request.Cookies.TryGetValue(Cookie, out var cookie) && await IsAdminKey(http, cookie);
        }
    }
}
