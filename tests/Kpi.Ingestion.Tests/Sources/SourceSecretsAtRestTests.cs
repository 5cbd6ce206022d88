using System.Text.Json.Nodes;
using Kpi.Ingestion.Sources;
using Kpi.Ingestion.Sources.Connectors;
using Kpi.Storage;
using Kpi.Storage.Sources;
using Kpi.Testing.Sources;
using Kpi.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Ingestion.Tests.Sources;

/// <summary>
/// Source secrets are encrypted at rest with Data Protection (issue 14, item 8): never in the stored options in plain
/// text, decrypted only for a run; rows stored in plain text before keep working and are encrypted at their next run
/// or save; a host without the keys says so rather than sending garbage.
/// </summary>
public sealed class SourceSecretsAtRestTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Updated = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
    private const string Token = "s3cret-token-2207";
    private const string Key = "s3cret-key-8817";

    private static JsonObject Http(SourceServer server, string token = Token, string key = Key) => new()
    {
        ["url"] = server.Url,
        ["secret_headers"] = new JsonObject { ["Authorization"] = $"Bearer {token}" },
        ["secret_query"] = new JsonObject { ["api_key"] = key },
        ["retries"] = 0,
    };

    private static async Task<SourceServer> ServerAsync()
    {
        var server = await SourceServer.StartAsync();
        server.Serve(SourceServer.Production(10, Updated));
        (server.RequiredToken, server.RequiredApiKey) = (Token, Key);
        return server;
    }

    [Fact]
    public async Task Secrets_AreStoredEncrypted_AndARunStillSendsThem()
    {
        await using var server = await ServerAsync();
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "secrets-encrypted"));
        await harness.DefineAsync("mes", "production", "http", Http(server));
        await harness.DefineAsync("erp", "budget", "sql", new JsonObject
        {
            ["provider"] = "postgres",
            ["connection_string"] = "Host=erp.example.com;Username=kpi;PSW=pa55-word-31;SSL Password=k3y-pass-77",
            ["query"] = "SELECT * FROM budget",
        });

        var stored = await harness.StoredOptionsAsync("mes") + await harness.StoredOptionsAsync("erp");
        var run = await harness.RunAsync("mes");

        Assert.DoesNotContain(Token, stored);
        Assert.DoesNotContain(Key, stored);
        Assert.DoesNotContain("pa55-word-31", stored);
        Assert.DoesNotContain("k3y-pass-77", stored);
        Assert.Equal(4, stored.Split(SourceSecrets.Prefix).Length - 1);
        Assert.Equal((SourceRunStatus.Succeeded, 10L), (run.Status, run.Accepted));
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task PlainTextSecretsStoredBefore_KeepWorking_AndAreEncryptedAtTheNextRun(DatabaseProvider provider)
    {
        await using var server = await ServerAsync();
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(provider, "secrets-legacy-run"));
        await harness.StoreAsync("mes", "production", "http", Http(server));

        var run = await harness.RunAsync("mes");
        var stored = await harness.StoredOptionsAsync("mes");
        var again = await harness.RunAsync("mes");

        Assert.Equal((SourceRunStatus.Succeeded, 10L), (run.Status, run.Accepted));
        Assert.DoesNotContain(Token, stored);
        Assert.DoesNotContain(Key, stored);
        Assert.Contains(SourceSecrets.Prefix, stored);
        SourceAssert.Succeeded(again);
    }

    [Fact]
    public async Task PlainTextSecretsStoredBefore_AreEncryptedWhenSavedWithTheMask()
    {
        await using var server = await ServerAsync();
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "secrets-legacy-save"));
        await harness.StoreAsync("mes", "production", "http", Http(server));
        var shown = harness.Services.GetRequiredService<SourceConnectors>().Get("http").Describe(await harness.StoredOptionsAsync("mes"));

        await harness.DefineAsync("mes", "production", "http", shown);
        var stored = await harness.StoredOptionsAsync("mes");
        var run = await harness.RunAsync("mes");

        Assert.Equal(SourceJson.Mask, shown["secret_headers"]!["Authorization"]!.GetValue<string>());
        Assert.DoesNotContain(Token, stored);
        Assert.DoesNotContain(Key, stored);
        Assert.Equal((SourceRunStatus.Succeeded, 10L), (run.Status, run.Accepted));
    }

    [Fact]
    public async Task HostWithoutTheKeys_FailsTheRunSayingSo_AndSendsNothing()
    {
        await using var server = await ServerAsync();
        var database = await databases.CreateAsync(DatabaseProvider.Sqlite, "secrets-other-keys");
        await using var api = await SourceHarness.StartAsync(database);
        await api.DefineAsync("mes", "production", "http", Http(server));
        // Another host on the same database whose Data Protection keys are its own, not the installation's.
        await using var stranger = await SourceHarness.StartAsync(database);

        var run = await stranger.RunAsync("mes");

        Assert.Equal(SourceRunStatus.Failed, run.Status);
        Assert.Contains("cannot be decrypted on this host", run.Error);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task ValueSentThatLooksEncrypted_IsEncryptedLikeAnyOther()
    {
        await using var server = await SourceServer.StartAsync();
        server.Serve(SourceServer.Production(1, Updated));
        server.RequiredToken = $"{SourceSecrets.Prefix}abc";
        await using var harness = await SourceHarness.StartAsync(await databases.CreateAsync(DatabaseProvider.Sqlite, "secrets-prefix"));
        var options = Http(server, token: $"{SourceSecrets.Prefix}abc");
        options.Remove("secret_query");
        await harness.DefineAsync("mes", "production", "http", options);

        var run = await harness.RunAsync("mes");

        SourceAssert.Succeeded(run);
    }
}
