using System.Text.Json.Nodes;
using Kpi.Storage;
using Kpi.Storage.Sources;
using Kpi.Testing.Storage;
using Kpi.Testing.Sources;

namespace Kpi.Ingestion.Tests.Sources;

/// <summary>The http connector against a real HTTP server on loopback, on both providers.</summary>
public sealed class HttpSourceTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Updated = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    private static JsonObject Options(SourceServer server, string? token = null) => new()
    {
        ["url"] = server.Url,
        ["items_path"] = "items",
        ["paging"] = new JsonObject { ["mode"] = "next_link", ["next_path"] = "next" },
        ["watermark"] = new JsonObject { ["parameter"] = "updated_since", ["field"] = "updated_at" },
        ["secret_headers"] = token is null ? new JsonObject() : new JsonObject { ["Authorization"] = $"Bearer {token}" },
        ["retries"] = 2,
        ["timeout_seconds"] = 10,
    };

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task RunningTwice_StoresWhatRunningOnceStores(DatabaseProvider provider)
    {
        await using var server = await SourceServer.StartAsync();
        var records = SourceServer.Production(2_300, Updated);
        server.Serve(records);
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(provider, "http-twice"));
        await harness.DefineAsync("mes", "production", "http", Options(server));

        var first = await harness.RunAsync("mes");
        var afterFirst = await harness.ProductionAsync();
        var checksAfterFirst = harness.RestatementChecksQueued();
        var second = await harness.RunAsync("mes");

        SourceAssert.Succeeded(first);
        Assert.Equal((2_300L, 0L, 0L, 0L), (first.Accepted, first.Updated, first.Unchanged, first.Rejected));
        Assert.Equal(5, first.Batches);
        Assert.Equal(SourceHarness.Expected(records), afterFirst);
        // The second run asks from the watermark on (inclusive) and finds only the last record again, unchanged.
        SourceAssert.Succeeded(second);
        Assert.Equal((0L, 0L, 1L), (second.Accepted, second.Updated, second.Unchanged));
        Assert.Equal(afterFirst, await harness.ProductionAsync());
        Assert.Equal([null, "2026-11-02T08:38:19.0000000Z"], server.SinceSeen.Where((_, i) => i == 0 || i == 5));
        Assert.Equal("2026-11-02T08:38:19.0000000Z", await harness.WatermarkAsync("mes"));
        // Stored records may be late ones of a closed month: the first pull asks for the restatement check, the
        // second, which changed nothing, does not.
        Assert.Equal(1, checksAfterFirst);
        Assert.Equal(1, harness.RestatementChecksQueued());
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task NextPull_ReadsOnlyWhatChangedSinceTheWatermark(DatabaseProvider provider)
    {
        await using var server = await SourceServer.StartAsync();
        var records = SourceServer.Production(1_000, Updated);
        server.Serve(records);
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(provider, "http-incremental"));
        await harness.DefineAsync("mes", "production", "http", Options(server));
        await harness.RunAsync("mes");

        // 10 records restated an hour later, 5 new ones.
        var later = Updated.AddHours(1);
        var changed = SourceServer.Production(10, later, actualOffset: 1, first: 100);
        var added = SourceServer.Production(5, later.AddMinutes(1), first: 1_000);
        server.Serve(records.Where(r => !changed.Any(c => c.RecordId == r.RecordId)).Concat(changed).Concat(added));
        var run = await harness.RunAsync("mes");

        // The record at the old watermark itself is read again (the parameter is inclusive) and found unchanged.
        Assert.Equal((5L, 10L, 1L), (run.Accepted, run.Updated, run.Unchanged));
        Assert.Equal(run.WatermarkAfter, await harness.WatermarkAsync("mes"));
        Assert.Equal(SourceHarness.Expected(records.Where(r => !changed.Any(c => c.RecordId == r.RecordId)).Concat(changed).Concat(added)),
            await harness.ProductionAsync());
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task MalformedPage_FailsTheRun_AndNeitherRecordsNorWatermarkMove(DatabaseProvider provider)
    {
        await using var server = await SourceServer.StartAsync();
        var records = SourceServer.Production(2_000, Updated);
        server.Serve(records);
        server.GarbledPage = 3;
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(provider, "http-garbled"));
        await harness.DefineAsync("mes", "production", "http", Options(server));

        var failed = await harness.RunAsync("mes");

        Assert.Equal(SourceRunStatus.Failed, failed.Status);
        Assert.Contains("malformed JSON", failed.Error);
        Assert.Contains("page=3", failed.Error);
        Assert.Empty(await harness.ProductionAsync()); // pages 1 and 2 were merged, then rolled back with the rest
        Assert.Null(await harness.WatermarkAsync("mes"));

        server.GarbledPage = null;
        var fixedRun = await harness.RunAsync("mes");
        SourceAssert.Succeeded(fixedRun);
        Assert.Equal(2_000, fixedRun.Accepted);
        Assert.Equal(SourceHarness.Expected(records), await harness.ProductionAsync());
    }

    [Fact]
    public async Task TransientFailures_AreRetriedWithBackoff()
    {
        await using var server = await SourceServer.StartAsync();
        server.Serve(SourceServer.Production(10, Updated));
        server.FailNext = 2;
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-transient"));
        await harness.DefineAsync("mes", "production", "http", Options(server));

        var run = await harness.RunAsync("mes");

        SourceAssert.Succeeded(run);
        Assert.Equal(10, run.Accepted);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task RefusedCredentials_FailTheRunWithTheReason_AndTheTokenIsSent()
    {
        await using var server = await SourceServer.StartAsync();
        server.Serve(SourceServer.Production(10, Updated));
        server.RequiredToken = "right";
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-401"));
        await harness.DefineAsync("mes", "production", "http", Options(server, token: "wrong"));

        var refused = await harness.RunAsync("mes");
        await harness.DefineAsync("mes", "production", "http", Options(server, token: "right"));
        var accepted = await harness.RunAsync("mes");

        Assert.Equal(SourceRunStatus.Failed, refused.Status);
        Assert.Contains("answered 401", refused.Error);
        Assert.Equal(1, refused.Attempt);
        SourceAssert.Succeeded(accepted);
        Assert.Equal(10, accepted.Accepted);
    }

    [Fact]
    public async Task SecretQueryParameter_GoesWithEveryPage_AndNeverIntoTheRunsError()
    {
        await using var server = await SourceServer.StartAsync();
        server.Serve(SourceServer.Production(1_200, Updated));
        server.RequiredApiKey = "k3y-right";
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-api-key"));
        JsonObject WithKey(string key)
        {
            var options = Options(server);
            options["secret_query"] = new JsonObject { ["api_key"] = key };
            return options;
        }

        await harness.DefineAsync("mes", "production", "http", WithKey("k3y-wrong"));
        var refused = await harness.RunAsync("mes");
        await harness.DefineAsync("mes", "production", "http", WithKey("k3y-right"));
        var accepted = await harness.RunAsync("mes");

        Assert.Equal(SourceRunStatus.Failed, refused.Status);
        Assert.Contains("answered 401", refused.Error);
        Assert.Contains("api_key=********", refused.Error);
        Assert.DoesNotContain("k3y-wrong", refused.Error);
        // Three pages; the server's next links leave the key out, so the connector adds it to each.
        SourceAssert.Succeeded(accepted);
        Assert.Equal((1_200L, 3), (accepted.Accepted, accepted.Batches));
    }

    [Fact]
    public async Task UnreachableServer_FailsTheRunAfterItsRetries()
    {
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "http-unreachable"));
        await using (var gone = await SourceServer.StartAsync())
            await harness.DefineAsync("mes", "production", "http", Options(gone));

        var run = await harness.RunAsync("mes");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains("failed after 3 tries", run.Error);
        Assert.Contains("refused", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await harness.ProductionAsync());
    }
}
