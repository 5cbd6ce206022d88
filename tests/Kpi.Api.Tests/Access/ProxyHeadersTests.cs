using System.Net;
using System.Text;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using Kpi.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Api.Tests.Access;

/// <summary>
/// Behind a reverse proxy: the proxy's X-Forwarded-For and X-Forwarded-Proto are believed from loopback and from the
/// proxies configured in <c>Kpi:Proxy</c>, from nobody else — a client cannot name another address to slip the sign-in
/// throttle or forge the audit, and a TLS proxy's requests count as https (the session cookie is then Secure).
/// </summary>
public sealed class ProxyHeadersTests
{
    private static readonly IPAddress Configured = IPAddress.Parse("192.0.2.10");

    [Fact]
    public async Task ATrustedProxy_NamesTheClient_AnyOtherSenderIsNotBelieved()
    {
        using var app = await KpiApp.StartAsync(settings: new() { ["Kpi:Proxy:KnownProxies:0"] = Configured.ToString() });

        await FailedSignInAsync(app, "via-loopback", IPAddress.Loopback, "203.0.113.7");
        await FailedSignInAsync(app, "via-configured", Configured, "203.0.113.8");
        await FailedSignInAsync(app, "from-stranger", IPAddress.Parse("198.51.100.9"), "203.0.113.9");

        await using var scope = app.Services.CreateAsyncScope();
        var failures = await scope.ServiceProvider.GetRequiredService<KpiDbContext>().Audit.AsNoTracking()
            .Where(a => a.Action == "auth.sign_in_failed").ToDictionaryAsync(a => a.Actor, a => Address(a.Details!));
        Assert.Equal("203.0.113.7", failures["via-loopback"]);
        Assert.Equal("203.0.113.8", failures["via-configured"]);
        Assert.Equal("198.51.100.9", failures["from-stranger"]); // its header ignored
    }

    [Fact]
    public async Task ATlsProxysRequest_IsHttps_AStrangersClaimIsNot()
    {
        using var app = await KpiApp.StartAsync();

        Assert.Equal("https", await SchemeSeenAsync(app, IPAddress.Loopback));
        Assert.Equal("http", await SchemeSeenAsync(app, IPAddress.Parse("198.51.100.9")));
    }

    [Fact]
    public void AProxyThatIsNoAddress_StopsTheStartNamingTheSetting()
    {
        var e = Assert.ThrowsAny<Exception>(() =>
        {
            using var app = KpiApp.StartAsync(settings: new() { ["Kpi:Proxy:KnownNetworks:0"] = "10.0.0.0/33" }).GetAwaiter().GetResult();
        });
        Assert.Contains("Kpi:Proxy:KnownNetworks:0", Flatten(e));
    }

    private static async Task FailedSignInAsync(KpiApp app, string username, IPAddress from, string claimed)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = from;
            c.Request.Method = "POST";
            c.Request.Path = "/api/auth/login";
            c.Request.ContentType = "application/json";
            c.Request.Headers["X-Forwarded-For"] = claimed;
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { username, password = "not-the-password" }));
            c.Request.ContentLength = body.Length;
            c.Request.Body = new MemoryStream(body);
            c.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody()); // the test server decided "no body" before this ran
        });
        Assert.True(context.Response.StatusCode == StatusCodes.Status401Unauthorized,
            $"{context.Response.StatusCode}: {await new StreamReader(context.Response.Body).ReadToEndAsync()}");
    }

    /// <summary>The scheme the service saw, as the OpenAPI document's server address says it.</summary>
    private static async Task<string> SchemeSeenAsync(KpiApp app, IPAddress from)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = from;
            c.Request.Method = "GET";
            c.Request.Path = "/openapi/v1.json";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
        });
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return new Uri(document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString()!).Scheme;
    }

    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private static string? Address(string details) => JsonDocument.Parse(details).RootElement.GetProperty("address").GetString();

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " " + Flatten(e.InnerException);
}
