using System.Text.Json.Nodes;
using Kpi.Storage;
using Kpi.Storage.Sources;
using Kpi.Testing.Sources;
using Kpi.Testing.Storage;

namespace Kpi.Ingestion.Tests.Sources;

/// <summary>
/// Where an http source may connect (issue 14, item 10): no loopback, link-local or unspecified address unless the host
/// is allowed by name, checked on the addresses actually connected to; and only the hosts of
/// <c>Kpi:Sources:AllowedHosts</c> when that list is set, redirects included.
/// </summary>
public sealed class HttpAddressTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Updated = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<string, string?> NothingAllowed = [];

    private static JsonObject Options(string url) => new() { ["url"] = url, ["retries"] = 2, ["timeout_seconds"] = 5 };

    [Theory]
    [InlineData("http://127.0.0.1:8080/production", "a loopback address")]
    [InlineData("http://127.1/production", "a loopback address")]
    [InlineData("http://localhost:8080/production", "a loopback name")]
    [InlineData("http://api.localhost/production", "a loopback name")]
    [InlineData("http://[::1]:8080/production", "a loopback address")]
    [InlineData("http://[::ffff:127.0.0.1]/production", "a loopback address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "a link-local address")]
    [InlineData("http://[fe80::1]/production", "a link-local address")]
    [InlineData("http://0.0.0.0:8080/production", "an unspecified address")]
    public async Task LocalAddressInTheUrl_Is400_UnlessAllowed(string url, string kind)
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-local-url"), NothingAllowed);

        var problems = await harness.TryDefineAsync("mes", "production", "http", Options(url));

        var problem = Assert.Single(problems);
        Assert.Equal("options.url", problem.Field);
        Assert.Contains(kind, problem.Reason);
        Assert.Contains("Kpi:Sources:AllowedHosts", problem.Reason);
    }

    [Fact]
    public async Task LoopbackSource_IsRefusedWhenConnecting_ByAddressAndByName_WithoutRetrying()
    {
        await using var server = await SourceServer.StartAsync();
        server.Serve(SourceServer.Production(10, Updated));
        var port = new Uri(server.Url).Port;
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-local-connect"), NothingAllowed);
        // Stored past the API's check, as a definition from before it, or a name that resolved elsewhere when it was saved.
        await harness.StoreAsync("by-address", "production", "http", Options(server.Url));
        await harness.StoreAsync("by-name", "production", "http", Options($"http://localhost:{port}/production"));

        var byAddress = await harness.RunAsync("by-address");
        var byName = await harness.RunAsync("by-name");

        Assert.Equal((SourceRunStatus.Failed, SourceRunStatus.Failed), (byAddress.Status, byName.Status));
        Assert.Contains("was refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address", byAddress.Error);
        Assert.Matches("was refused: localhost resolves to (127.0.0.1|::1), a loopback address", byName.Error);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task LinkLocalMetadataAddress_IsRefusedWhenConnecting()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-metadata"), NothingAllowed);
        await harness.StoreAsync("metadata", "production", "http", Options("http://169.254.169.254/latest/meta-data/"));

        var run = await harness.RunAsync("metadata");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains("169.254.169.254 resolves to 169.254.169.254, a link-local address", run.Error);
    }

    [Fact]
    public async Task AllowList_RefusesOtherHosts_WhenSavedAndWhenARedirectLeadsThere()
    {
        await using var allowed = await SourceServer.StartAsync();
        await using var other = await SourceServer.StartAsync();
        other.Serve(SourceServer.Production(10, Updated));
        allowed.RedirectTarget = other.Url;
        var allowedHost = new Uri(allowed.Url).Authority;
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-allow-list"),
            new Dictionary<string, string?> { ["Kpi:Sources:AllowedHosts:0"] = allowedHost });
        var elsewhere = await harness.TryDefineAsync("other", "production", "http", Options(other.Url));
        await harness.DefineAsync("mes", "production", "http", Options(allowed.RedirectUrl));

        var run = await harness.RunAsync("mes");

        Assert.Equal("options.url", Assert.Single(elsewhere).Field);
        Assert.Contains("is not among the hosts sources may reach (Kpi:Sources:AllowedHosts)", elsewhere[0].Reason);
        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains($"{new Uri(other.Url).Authority} is not among the hosts sources may reach", run.Error);
        Assert.Single(allowed.Seen);
        Assert.Equal(0, other.Requests);
    }

    [Theory]
    [InlineData("https://mes.example.com/production", true)]
    [InlineData("https://a.b.example.com/production", true)]
    [InlineData("https://example.com/production", false)]
    [InlineData("https://mes.example.com.evil.net/production", false)]
    [InlineData("https://erp.corp.local:8443/api", true)]
    [InlineData("https://erp.corp.local/api", false)]
    public async Task AllowListEntries_MatchByWildcardAndPort(string url, bool accepted)
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-allow-match"),
            new Dictionary<string, string?> { ["Kpi:Sources:AllowedHosts:0"] = "*.example.com", ["Kpi:Sources:AllowedHosts:1"] = "erp.corp.local:8443" });

        var problems = await harness.TryDefineAsync("mes", "production", "http", Options(url));

        Assert.Equal(accepted, problems.Count == 0);
    }
}
