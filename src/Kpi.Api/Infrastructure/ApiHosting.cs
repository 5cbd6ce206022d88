using System.Text.Json;
using System.Text.Json.Serialization;
using Kpi.Api.Auth;
using Kpi.Api.Portal;

namespace Kpi.Api.Infrastructure;

internal static class ApiHosting
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>JSON in snake_case, ProblemDetails for errors, sign-in (keys, tokens, cookies), antiforgery, OpenAPI.</summary>
    public static void AddKpiApi(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Answers the framework gives without a word (status code pages) still say why.
            if (context.ProblemDetails.Detail is not null) return;
            context.ProblemDetails.Detail = context.ProblemDetails.Status switch
            {
                StatusCodes.Status415UnsupportedMediaType =>
                    $"The body's content type ({context.HttpContext.Request.ContentType ?? "none"}) is not one this endpoint takes: send application/json.",
                StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
                StatusCodes.Status404NotFound => $"There is nothing at {context.HttpContext.Request.Path}.",
                _ => null,
            };
        });
        // A parameter that does not bind (?version=99999999999) or a body of the wrong type throws, so that the
        // exception handler answers with a detail naming the field rather than a bare status.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddDatabaseUnavailableProblems();
        builder.AddKpiProxyHeaders();
        builder.AddKpiAuthentication();
        builder.AddKpiPortal();
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "kpi_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Kpi";
                document.Info.Description = "KPI values, scorecards, imports, sources, the monthly close and its report packs. "
                                            + "Authorize with a bearer token from POST /api/auth/login, or an API key (X-Api-Key header). "
                                            + "A summary ends with who may call it when not every signed-in user may: (admin), (HR or admin), "
                                            + "or (not employees), where a manager sees only the departments they manage or head.";
                return Task.CompletedTask;
            });
            o.AddKpiSecurity();
        });
    }

    public static void UseKpiApi(this WebApplication app)
    {
        // First: everything after it (cookies, the audit, the throttle) sees the client's scheme and address.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseKpiSessionGates();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Kpi v1");
            o.RoutePrefix = "docs";
            o.DocumentTitle = "Kpi API";
        });
    }
}
