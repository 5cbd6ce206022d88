using Kpi.Api.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Kpi.Api.Auth;

/// <summary>Checks that run after sign-in on every request, whatever the endpoint.</summary>
internal static class SessionGates
{
    /// <summary>Paths a user who must choose a new password may still use.</summary>
    private static readonly string[] PasswordChangePaths = ["/api/auth/", "/login", "/logout", "/account/password", "/css/", "/js/", "/fonts/"];

    public static void UseKpiSessionGates(this WebApplication app)
    {
        // A user signed in with an initial password does nothing else until they have chosen their own.
        app.Use(async (context, next) =>
        {
            if (context.User.HasClaim(c => c.Type == KpiClaims.MustChangePassword)
                && !PasswordChangePaths.Any(p => context.Request.Path.StartsWithSegments(p.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await Results.Problem("Choose your own password first: POST /api/auth/password with current_password and new_password.",
                        statusCode: StatusCodes.Status403Forbidden, title: "Password change required").ExecuteAsync(context);
                    return;
                }
                context.Response.Redirect("/account/password");
                return;
            }
            await next();
        });

        // The browser's cookie rides along on any request to the site: an API call that changes something and is
        // signed in by the cookie alone must carry the antiforgery token too (pages put it in their forms and headers).
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && !HttpMethods.IsOptions(context.Request.Method) && IsCookieOnly(context))
            {
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    // The field is where the token travels (the header the pages send it in), so this 400 names it as every other does.
                    var options = context.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
                    await Problems.Invalid(options.HeaderName ?? options.FormFieldName,
                        "must carry the page's antiforgery token: a change signed in by the browser's cookie alone needs it",
                        "The antiforgery token is missing or not valid").ExecuteAsync(context);
                    return;
                }
            }
            await next();
        });
    }

    private static bool IsCookieOnly(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieSessions.SchemeName }
        && !context.Request.Headers.ContainsKey(ApiKeyAuthentication.Header)
        && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
