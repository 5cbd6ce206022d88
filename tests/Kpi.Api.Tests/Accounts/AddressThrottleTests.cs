using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Auth;
using Kpi.Api.Tests.Imports;
using Kpi.Api.Tests.Support;

namespace Kpi.Api.Tests.Accounts;

/// <summary>
/// Password spraying from one address: failed sign-ins with a different user name each time never reach the per-name
/// limit, so after <see cref="LoginThrottle.PerAddress"/> of them the address itself is refused with 429 and
/// Retry-After — for any name, the right password included. The host runs on Kestrel over loopback, as in production:
/// the in-process test server gives requests no remote address, so only a real connection has one to count.
/// </summary>
public sealed class AddressThrottleTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-address-throttle-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task FailuresUnderManyNamesFromOneAddress_Are429WithRetryAfter_ForEveryName()
    {
        using var api = await ApiProcess.StartAsync(new Dictionary<string, string> { ["Kpi__DataDirectory"] = _dataDirectory });
        var created = await api.Client.PostAsJsonAsync("/api/users",
            new { username = "sun.li", display_name = "孙丽", role = "hr", password = KpiApp.UserPassword }, KpiApp.Json);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        using var anonymous = new HttpClient { BaseAddress = api.Client.BaseAddress };

        // Each name fails once: far below the per-name limit, so only the address can stop them.
        for (var i = 1; i <= LoginThrottle.PerAddress; i++)
        {
            var failed = await Login(anonymous, $"guess{i:00}", "not-a-password");
            Assert.True(failed.StatusCode == HttpStatusCode.Unauthorized, $"attempt {i}: {(int)failed.StatusCode} {await failed.Content.ReadAsStringAsync()}");
        }

        var refused = await Login(anonymous, "guess99", "not-a-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(wait, 1, (int)LoginThrottle.Window.TotalSeconds);
        // The right password of a real user is refused too: the address is what is throttled, not the name.
        var rightPassword = await Login(anonymous, "sun.li", KpiApp.UserPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPassword.StatusCode);
        Assert.True(rightPassword.Headers.Contains("Retry-After"));

        // The failures are audited with the address they came from.
        var audit = await api.Client.GetFromJsonAsync<JsonElement>("/api/audit?entity=user&limit=100", KpiApp.Json);
        var failures = audit.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "auth.sign_in_failed").ToList();
        Assert.Equal(LoginThrottle.PerAddress, failures.Count);
        Assert.All(failures, f => Assert.Equal("127.0.0.1", f.GetProperty("details").GetProperty("address").GetString()));
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { username, password }, KpiApp.Json);
}
