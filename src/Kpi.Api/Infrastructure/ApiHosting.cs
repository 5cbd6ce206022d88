using System.Text.Json;
using System.Text.Json.Serialization;
using Kpi.Api.Auth;

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
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.AddKpiAuthentication();
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
                                            + "Authorize with a bearer token from POST /api/auth/login, or an API key (X-Api-Key header).";
                return Task.CompletedTask;
            });
            o.AddKpiSecurity();
        });
    }

    public static void UseKpiApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseKpiSessionGates();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // People arrive at the root: send them to the API's documentation until the portal has a home page.
        app.MapGet("/", () => TypedResults.Redirect("/docs")).ExcludeFromDescription();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Kpi v1");
            o.RoutePrefix = "docs";
            o.DocumentTitle = "Kpi API";
        });
    }
}
