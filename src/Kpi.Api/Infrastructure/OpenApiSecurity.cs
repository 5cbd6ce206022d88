using Kpi.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kpi.Api.Infrastructure;

/// <summary>
/// Tells the OpenAPI document how to sign in, so that <c>/docs</c> has an Authorize button and "Try it out" works:
/// the security schemes the service accepts, and on every operation that needs a caller the schemes it takes and the
/// 401 and 403 answers it can give.
/// </summary>
internal static class OpenApiSecurity
{
    private const string Unauthorized = "401";

    public static void AddKpiSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.Header,
                Description = "An API key (kpi_…), for services and scripts.",
            };
            document.Components.SecuritySchemes[SessionTokenAuthentication.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An access token from POST /api/auth/login (kat_…), for programs acting as a user; refresh it with POST /api/auth/refresh.",
            };
            return Task.CompletedTask;
        });
        // Operations that need a caller get the 401 and 403 answers here; the document transformer below, which runs once
        // every operation exists, adds the schemes they accept (a reference resolves only against the finished document).
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any()) return Task.CompletedTask;
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd(Unauthorized, new OpenApiResponse { Description = "Not signed in: no valid key, token or session." });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Signed in, but the role or department scope does not allow this." });
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            var schemes = document.Components?.SecuritySchemes?.Keys.ToList() ?? [];
            var operations = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []);
            foreach (var operation in operations.Where(o => o.Responses?.ContainsKey(Unauthorized) == true))
            {
                operation.Security = schemes
                    .Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] })
                    .ToList();
            }
            return Task.CompletedTask;
        });
    }
}
