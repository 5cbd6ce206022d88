using System.Net;
using System.Net.Http.Json;
using System.Text;
using Kpi.Api.Tests.Imports;
using Kpi.Api.Tests.Support;

namespace Kpi.Api.Tests.Accounts;

/// <summary>
/// The bootstrap admin's secrets and the log, read from the host's own console output at its most talkative level: a
/// configured key and password let the admin in and are never written out — not to the log, not to the data directory;
/// a generated key is said once, when it is made, so an operator can find it.
/// </summary>
public sealed class BootstrapSecretsTests : IDisposable
{
    private const string ConfiguredPassword = "operator-chosen-secret-4711";
    private const string KpiListening = "Kpi is listening on";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-bootstrap-secrets-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task ConfiguredKeyAndPassword_LetTheAdminIn_AndAreNeverLoggedNorStored()
    {
        var settings = new Dictionary<string, string> { ["Kpi__DataDirectory"] = _dataDirectory, ["Kpi__Auth__BootstrapAdminPassword"] = ConfiguredPassword };
        // Everything every category can say, the framework's request and database logs included.
        foreach (var category in new[] { "Default", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Hosting.Lifetime", "Hangfire" })
            settings[$"Logging__LogLevel__{category}"] = "Trace";
        using var api = await ApiProcess.StartAsync(settings);

        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/auth/me")).StatusCode); // ApiProcess sends the configured key
        using var anonymous = new HttpClient { BaseAddress = api.Client.BaseAddress };
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = ConfiguredPassword }, KpiApp.Json);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithKey(anonymous, "kpi_not-the-key")).StatusCode);
        await UntilLoggedAsync(api, KpiListening);
        await FlushedAsync(api, anonymous);

        Assert.DoesNotContain(KpiApp.AdminKey, api.Output);
        Assert.DoesNotContain(ConfiguredPassword, api.Output);
        foreach (var file in Directory.EnumerateFiles(_dataDirectory, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            Assert.False(text.Contains(KpiApp.AdminKey, StringComparison.Ordinal), $"{Path.GetFileName(file)} holds the key");
            Assert.False(text.Contains(ConfiguredPassword, StringComparison.Ordinal), $"{Path.GetFileName(file)} holds the password");
        }
    }

    [Fact]
    public async Task GeneratedKey_IsSaidOnceInTheLog_AndKeptInTheDataDirectory()
    {
        using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["Kpi__DataDirectory"] = _dataDirectory,
            ["Kpi__Auth__BootstrapAdminKey"] = "",
            ["Logging__LogLevel__Default"] = "Information",
        });
        await UntilLoggedAsync(api, KpiListening);

        var key = (await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "bootstrap-admin.key"))).Trim();
        Assert.Equal(1, api.Output.Split(key).Length - 1);
        using var anonymous = new HttpClient { BaseAddress = api.Client.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await WithKey(anonymous, key)).StatusCode);
    }

    private static Task<HttpResponseMessage> WithKey(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("X-Api-Key", key);
        return client.SendAsync(request);
    }

    /// <summary>Waits until the log has said everything up to now: the console writes in order, so up to a request made last.</summary>
    private static async Task FlushedAsync(ApiProcess api, HttpClient client)
    {
        var marker = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/health?flush={marker}")).StatusCode);
        await UntilLoggedAsync(api, marker);
    }

    // The console writes on a thread of its own: the start-up lines may arrive after the host already answers.
    private static Task UntilLoggedAsync(ApiProcess api, string text) =>
        ApiProcess.Until(() => Task.FromResult(api.Output.Contains(text, StringComparison.Ordinal)), TimeSpan.FromSeconds(30),
            () => $"the log never said '{text}':\n{api.Output}");
}
