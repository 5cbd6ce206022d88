using System.Text.Json.Nodes;
using Kpi.Storage;
using Kpi.Storage.Sources;
using Kpi.Testing.Sources;
using Kpi.Testing.Storage;

namespace Kpi.Ingestion.Tests.Sources;

/// <summary>
/// An http page is buffered whole to be parsed, so its size is capped (issue 14, item 9): bytes read per page, and how
/// far a compressed page may inflate. A page over either fails the run, naming the URL (secrets masked) and the limit.
/// </summary>
public sealed class HttpPageLimitTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Updated = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    private static JsonObject Options(SourceServer server) => new()
    {
        ["url"] = server.Url,
        ["secret_query"] = new JsonObject { ["api_key"] = "s3cret-key-4410" },
        ["retries"] = 2,
    };

    private static Dictionary<string, string?> Settings(long maxPageBytes) => new()
    {
        [SourceHarness.LoopbackAllowed.Key] = SourceHarness.LoopbackAllowed.Value,
        ["Kpi:Sources:MaxPageBytes"] = maxPageBytes.ToString(),
    };

    [Fact]
    public async Task PageOverTheByteLimit_FailsTheRun_NamingTheUrlAndTheLimit()
    {
        await using var server = await SourceServer.StartAsync();
        server.Serve(SourceServer.Production(10, Updated));
        server.PaddingBytes = 3 * 1024 * 1024;
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-page-bytes"), Settings(1024 * 1024));
        await harness.DefineAsync("mes", "production", "http", Options(server));

        var run = await harness.RunAsync("mes");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains($"GET {server.Url}?api_key=******** was not read", run.Error);
        Assert.Contains("over the limit of 1,048,576 bytes a page (Kpi:Sources:MaxPageBytes)", run.Error);
        Assert.DoesNotContain("s3cret", run.Error);
        Assert.Equal(1, server.Requests); // not a transient failure: not tried again
        Assert.Empty(await harness.ProductionAsync());
    }

    [Fact]
    public async Task CompressedPageThatInflatesFar_FailsEarly_OnTheRatio()
    {
        await using var server = await SourceServer.StartAsync();
        server.Serve(SourceServer.Production(10, Updated));
        // 400 MB of JSON whitespace gzipped to well under a megabyte: a page that would be buffered whole.
        server.PaddingBytes = 400L * 1024 * 1024;
        server.Gzip = true;
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-page-ratio"));
        await harness.DefineAsync("mes", "production", "http", Options(server));

        var run = await harness.RunAsync("mes");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains($"GET {server.Url}?api_key=******** was not read: it inflates more than 100 times its compressed size", run.Error);
        Assert.Contains("Kpi:Sources:MaxCompressionRatio", run.Error);
    }

    [Fact]
    public async Task CompressedPages_WithinTheLimits_AreRead()
    {
        await using var server = await SourceServer.StartAsync();
        var records = SourceServer.Production(1_200, Updated);
        server.Serve(records);
        server.Gzip = true;
        server.PaddingBytes = 200 * 1024;
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-page-gzip"), Settings(1024 * 1024));
        await harness.DefineAsync("mes", "production", "http", Options(server));

        var run = await harness.RunAsync("mes");

        Assert.Equal((SourceRunStatus.Succeeded, 1_200L, 3), (run.Status, run.Accepted, run.Batches));
        Assert.All(server.Seen, r => Assert.Contains("gzip", r.Headers["Accept-Encoding"]));
        Assert.Equal(SourceHarness.Expected(records), await harness.ProductionAsync());
    }
}
