using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Kpi.Testing.Http;

/// <summary>Closing a month through the API as a client does: ask, then follow <c>GET /api/periods/{month}</c> until it is closed.</summary>
public static class PeriodClosing
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    /// <summary>Asks for the close (202, pointing at the period) and waits until <paramref name="revision"/> is closed.</summary>
    public static async Task<JsonElement> CloseAsync(HttpClient admin, string period, int revision = 1)
    {
        var response = await admin.PostAsync($"/api/periods/{period}/close", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/periods/{period}", response.Headers.Location?.OriginalString);
        return await UntilClosedAsync(admin, period, revision);
    }

    /// <summary>
    /// Polls the period until its latest revision (at least <paramref name="revision"/>) is closed, every file rendered;
    /// fails at once with the close's error when it failed, and with the last answer when the time is up.
    /// </summary>
    public static async Task<JsonElement> UntilClosedAsync(HttpClient client, string period, int revision = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Patience);
        JsonElement last;
        do
        {
            last = await client.GetFromJsonAsync<JsonElement>($"/api/periods/{period}");
            var status = last.GetProperty("status").GetString();
            if (status == "failed") Assert.Fail($"The close of {period} failed: {last.GetProperty("error")}");
            if (status == "closed" && last.GetProperty("revision").GetInt32() >= revision) return last;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"{period} did not close (revision {revision}) in {(timeout ?? Patience).TotalSeconds:0} s: {last}");
        return last;
    }
}
