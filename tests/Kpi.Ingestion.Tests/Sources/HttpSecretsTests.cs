using System.Text.Json.Nodes;
using Kpi.Storage;
using Kpi.Storage.Sources;
using Kpi.Testing.Sources;
using Kpi.Testing.Storage;

namespace Kpi.Ingestion.Tests.Sources;

/// <summary>
/// An http source's secrets go only to the origin of its <c>options.url</c> (issue 14, item 2): a next link or a redirect
/// to another origin is followed without them, and a reason a server sends back never keeps them.
/// </summary>
public sealed class HttpSecretsTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Updated = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
    private const string Token = "s3cret-token-7781";
    private const string HeaderSecret = "s3cret-header-5512";
    private const string Key = "s3cret-key-9034";

    private static JsonObject Options(string url) => new()
    {
        ["url"] = url,
        ["watermark"] = new JsonObject { ["parameter"] = "updated_since", ["field"] = "updated_at" },
        ["secret_headers"] = new JsonObject { ["Authorization"] = $"Bearer {Token}", ["X-Kpi-Credential"] = HeaderSecret },
        ["secret_query"] = new JsonObject { ["api_key"] = Key },
        ["retries"] = 0,
    };

    private static void AssertNoSecrets(SourceServer server)
    {
        Assert.NotEmpty(server.Seen);
        foreach (var request in server.Seen)
        {
            Assert.False(request.Headers.ContainsKey("Authorization"), $"Authorization went to {server.Origin}");
            Assert.False(request.Headers.ContainsKey("X-Kpi-Credential"), $"a secret header went to {server.Origin}");
            Assert.DoesNotContain("s3cret", request.PathAndQuery);
            Assert.DoesNotContain("api_key", request.PathAndQuery);
        }
    }

    [Fact]
    public async Task NextLinkToAnotherOrigin_IsFollowedWithoutTheSecrets_EvenOneTheServerEchoesIntoIt()
    {
        await using var source = await SourceServer.StartAsync();
        await using var elsewhere = await SourceServer.StartAsync();
        var records = SourceServer.Production(1_200, Updated);
        source.Serve(records);
        elsewhere.Serve(records);
        (source.RequiredToken, source.RequiredApiKey) = (Token, Key);
        source.NextOrigin = elsewhere.Origin;
        source.NextExtraQuery = $"&api_key={Key}&echo={Key}";
        elsewhere.NextExtraQuery = $"&api_key={Key}";
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-next-origin"));
        await harness.DefineAsync("mes", "production", "http", Options(source.Url));

        var run = await harness.RunAsync("mes");

        SourceAssert.Succeeded(run);
        Assert.Equal((1_200L, 3), (run.Accepted, run.Batches));
        Assert.Single(source.Seen);
        Assert.Equal($"Bearer {Token}", source.Seen.Single().Headers["Authorization"]);
        Assert.Equal(HeaderSecret, source.Seen.Single().Headers["X-Kpi-Credential"]);
        Assert.Equal(2, elsewhere.Seen.Count);
        AssertNoSecrets(elsewhere);
    }

    [Fact]
    public async Task RedirectToAnotherOrigin_IsFollowedWithoutTheSecrets()
    {
        await using var source = await SourceServer.StartAsync();
        await using var elsewhere = await SourceServer.StartAsync();
        elsewhere.Serve(SourceServer.Production(10, Updated));
        source.RedirectTarget = elsewhere.Url;
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-redirect-origin"));
        await harness.DefineAsync("mes", "production", "http", Options(source.RedirectUrl));

        var run = await harness.RunAsync("mes");

        Assert.Equal((SourceRunStatus.Succeeded, 10L), (run.Status, run.Accepted));
        Assert.Equal($"Bearer {Token}", source.Seen.Single().Headers["Authorization"]);
        AssertNoSecrets(elsewhere);
    }

    [Fact]
    public async Task RedirectOnTheSameOrigin_KeepsTheSecrets()
    {
        await using var source = await SourceServer.StartAsync();
        source.Serve(SourceServer.Production(10, Updated));
        (source.RequiredToken, source.RequiredApiKey) = (Token, Key);
        source.RedirectTarget = source.Url;
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-redirect-same"));
        await harness.DefineAsync("mes", "production", "http", Options(source.RedirectUrl));

        var run = await harness.RunAsync("mes");

        Assert.Equal((SourceRunStatus.Succeeded, 10L), (run.Status, run.Accepted));
        Assert.All(source.Seen, r => Assert.Equal(HeaderSecret, r.Headers["X-Kpi-Credential"]));
    }

    [Fact]
    public async Task RefusalOnAnotherOrigin_SaysNoSecretsWereSent()
    {
        await using var source = await SourceServer.StartAsync();
        await using var elsewhere = await SourceServer.StartAsync();
        elsewhere.RequiredToken = Token;
        source.RedirectTarget = elsewhere.Url;
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-redirect-401"));
        await harness.DefineAsync("mes", "production", "http", Options(source.RedirectUrl));

        var run = await harness.RunAsync("mes");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains($"answered 401", run.Error);
        Assert.Contains($"no secrets were sent, as they go only to {source.Origin}", run.Error);
        AssertNoSecrets(elsewhere);
    }

    [Fact]
    public async Task ServerEchoingTheTokenInItsAnswer_DoesNotPutItInTheRunHistory()
    {
        await using var source = await SourceServer.StartAsync();
        source.EchoAuthorizationInReason = true;
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-echo"));
        await harness.DefineAsync("mes", "production", "http", Options(source.Url));

        var run = await harness.RunAsync("mes");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains("answered 400 Bad token ********", run.Error);
        Assert.DoesNotContain(Token, run.Error);
        Assert.Contains("api_key=********", run.Error);
    }
}
