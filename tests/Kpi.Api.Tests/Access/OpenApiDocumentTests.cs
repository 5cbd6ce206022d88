using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kpi.Api.Auth;
using Kpi.Api.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Api.Tests.Access;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>, shown at <c>/docs</c>) as a newcomer reads it, fetched from the started
/// app: every operation says in one line what it does, and the document says how to sign in — the API key and the
/// bearer token, and on each operation the schemes it takes exactly when the endpoint needs a caller. The operations are
/// checked against the endpoints the app maps, so an endpoint added without a summary, or left out of the document,
/// fails here.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private KpiApp _app = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _app = await KpiApp.StartAsync();
        _document = await _app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void EveryOperation_HasAOneLineSummary()
    {
        var operations = Operations().ToList();
        var without = operations.Where(o => !o.Operation.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString()))
            .Select(o => o.Name).ToList();
        var multiline = operations.Where(o => o.Operation.TryGetProperty("summary", out var s) && s.GetString()!.Contains('\n'))
            .Select(o => o.Name).ToList();

        Assert.True(without.Count == 0, $"{without.Count} operations have no summary (.WithSummary(...)):\n{string.Join("\n", without)}");
        Assert.True(multiline.Count == 0, $"Summaries are one line; these are not:\n{string.Join("\n", multiline)}");
    }

    [Fact]
    public void EveryMappedApiEndpoint_IsInTheDocument()
    {
        var documented = Operations().Select(o => o.Name).ToHashSet();
        var missing = ApiEndpoints().Keys.Where(e => !documented.Contains(e)).ToList();

        // Without this the summary check could pass on a document that lists nothing.
        Assert.True(missing.Count == 0, $"Mapped but not in the document:\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void SecuritySchemes_AreTheApiKeyAndTheBearerToken()
    {
        var schemes = _document.GetProperty("components").GetProperty("securitySchemes");

        var key = schemes.GetProperty(ApiKeyAuthentication.SchemeName);
        Assert.Equal(("apiKey", "header", ApiKeyAuthentication.Header),
            (key.GetProperty("type").GetString(), key.GetProperty("in").GetString(), key.GetProperty("name").GetString()));
        var bearer = schemes.GetProperty(SessionTokenAuthentication.SchemeName);
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
    }

    [Fact]
    public void OperationsThatNeedACaller_DeclareBothSchemes_AndOpenOnesNone()
    {
        var needsCaller = ApiEndpoints();
        needsCaller["GET /health"] = false;
        string[] schemes = [ApiKeyAuthentication.SchemeName, SessionTokenAuthentication.SchemeName];
        var wrong = new List<string>();
        foreach (var (name, operation) in Operations())
        {
            if (!needsCaller.TryGetValue(name, out var needs)) continue;
            var declared = operation.TryGetProperty("security", out var security)
                ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).Order().ToList()
                : [];
            var expected = needs ? schemes.Order().ToList() : [];
            if (!declared.SequenceEqual(expected)) wrong.Add($"{name}: declares [{string.Join(", ", declared)}], expected [{string.Join(", ", expected)}]");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Contains(needsCaller, e => e.Value);
        Assert.Contains(needsCaller, e => !e.Value);
    }

    /// <summary>Every operation of the document, named "GET /api/keys" as the failure messages list them.</summary>
    private IEnumerable<(string Name, JsonElement Operation)> Operations() =>
        from path in _document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where Methods.Contains(operation.Name)
        select ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value);

    /// <summary>
    /// The endpoints the app maps under /api, named as the document names their operations (route constraints and a
    /// trailing slash dropped), each with whether it needs a signed-in caller.
    /// </summary>
    private Dictionary<string, bool> ApiEndpoints() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => (
                Name: $"{method} {Regex.Replace(e.RoutePattern.RawText!, @"\{([^}:]+):[^}]+\}", "{$1}").TrimEnd('/')}",
                NeedsCaller: e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is not null)))
            .ToDictionary(e => e.Name, e => e.NeedsCaller);
}
