using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using static Kpi.Api.Tests.Support.ApiCalls;

namespace Kpi.Api.Tests.Access;

/// <summary>The security model over HTTP: keys, roles, and a manager's department scope.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private KpiApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await KpiApp.StartAsync();
        await Upload(_app.Admin(), "departments", Utf8Bom("code,name,parent_code\nZZ,示例公司,\nZZ-A,一车间,ZZ\nZZ-A1,一班,ZZ-A\nZZ-B,二车间,ZZ\n"), "text/csv");
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/api/departments")]
    [InlineData("/api/metrics/ZZ/2026-10")]
    [InlineData("/api/scorecards/ZZ/2026-10")]
    [InlineData("/api/imports")]
    [InlineData("/api/keys")]
    public async Task NoKeyOrUnknownKey_Is401Problem(string path)
    {
        var none = await _app.Anonymous().GetAsync(path);
        var unknown = await _app.WithKey("kpi_not-a-key").GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_IsOpen()
    {
        var health = await _app.Anonymous().GetFromJsonAsync<JsonElement>("/health", KpiApp.Json);

        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Manager_SeesOwnSubtreeOnly()
    {
        var manager = await _app.NewKeyAsync("manager", "ZZ-A");

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/metrics/ZZ-A/2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/metrics/ZZ-A1/2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/metrics/ZZ-B/2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/metrics/ZZ/2026-10")).StatusCode);
        var tree = await manager.GetFromJsonAsync<JsonElement>("/api/departments", KpiApp.Json);
        var root = Assert.Single(tree.EnumerateArray());
        Assert.Equal("ZZ-A", root.GetProperty("code").GetString());
        Assert.Equal("ZZ-A1", Assert.Single(root.GetProperty("children").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task OnlyAdmin_ImportsDefinesScorecardsAndManagesKeys()
    {
        foreach (var role in new[] { "manager", "hr", "executive" })
        {
            var client = role == "manager" ? await _app.NewKeyAsync(role, "ZZ") : await _app.NewKeyAsync(role);
            var import = await client.PostAsync("/api/imports/departments", KpiApp.File(Utf8Bom("code,name,parent_code\nX,X,\n"), "text/csv"));
            var card = await client.PutAsJsonAsync("/api/scorecards/ZZ", new { lines = Array.Empty<object>() });
            var keys = await client.PostAsJsonAsync("/api/keys", new { name = "x", role = "admin" });
            Assert.Equal((role, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (role, import.StatusCode, card.StatusCode, keys.StatusCode));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/metrics/ZZ/2026-10")).StatusCode);
        }
    }

    [Fact]
    public async Task Keys_AreShownOnce_AndRevocationLocksOut()
    {
        var admin = _app.Admin();
        var created = await (await admin.PostAsJsonAsync("/api/keys", new { name = "hr-lead", role = "hr" }, KpiApp.Json)).Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetInt32();

        var list = await admin.GetStringAsync("/api/keys");
        Assert.DoesNotContain(key, list);
        Assert.Contains(created.GetProperty("prefix").GetString()!, list);
        Assert.Equal(HttpStatusCode.OK, (await _app.WithKey(key).GetAsync("/api/departments")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.WithKey(key).GetAsync("/api/departments")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"m","role":"manager"}""", "departments")]
    [InlineData("""{"name":"m","role":"manager","departments":["NOPE"]}""", "departments")]
    [InlineData("""{"name":"m","role":"owner"}""", "role")]
    [InlineData("""{"name":"","role":"hr"}""", "name")]
    [InlineData("""{"name":"h","role":"hr","departments":["ZZ"]}""", "departments")]
    public async Task BadKeyRequests_Are400NamingTheField(string body, string field)
    {
        var response = await _app.Admin().PostAsync("/api/keys", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("/api/metrics/NOPE/2026-10", HttpStatusCode.NotFound)]
    [InlineData("/api/metrics/ZZ/2026-13", HttpStatusCode.BadRequest)]
    [InlineData("/api/metrics/ZZ/October", HttpStatusCode.BadRequest)]
    [InlineData("/api/scorecards/NOPE/2026-10", HttpStatusCode.NotFound)]
    [InlineData("/api/scorecards/ZZ/2026-Q5", HttpStatusCode.BadRequest)]
    [InlineData("/api/scorecards/ZZ/2026-10", HttpStatusCode.NotFound)]
    public async Task BadRoutes_AreProblems(string path, HttpStatusCode status)
    {
        var response = await _app.Admin().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiAndDocs_AreServed()
    {
        var document = await _app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var docs = await _app.Anonymous().GetAsync("/docs/index.html");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/imports/{kind}", out _));
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }
}
