namespace Kpi.Api.Auth;

/// <summary>The 401 and 403 answers of the API, the same whichever way the caller tried to sign in.</summary>
internal static class AuthProblems
{
    public static Task ChallengeAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer, {ApiKeyAuthentication.SchemeName}";
        return Write(context, StatusCodes.Status401Unauthorized, "Unauthorized",
            $"Sign in: send a bearer token from POST /api/auth/login, a session cookie, or an API key in the {ApiKeyAuthentication.Header} header.");
    }

    public static Task ForbidAsync(HttpContext context) =>
        Write(context, StatusCodes.Status403Forbidden, "Forbidden", "Your role does not allow this.");

    private static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
    }
}
