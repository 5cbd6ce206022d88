using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using UglyToad.PdfPig;

namespace Kpi.Api.Tests.Packs;

/// <summary>Closing a period through the API and reading its files back, as a client would.</summary>
internal static class PackFiles
{
    /// <summary>Polls the period until its latest revision is fully rendered (or fails, or the time is up).</summary>
    public static async Task<JsonElement> WaitUntilClosedAsync(HttpClient client, string period, int revision = 1, int seconds = 180)
    {
        JsonElement last = default;
        for (var waited = 0; waited < seconds * 5; waited++)
        {
            last = await client.GetFromJsonAsync<JsonElement>($"/api/periods/{period}", KpiApp.Json);
            var status = last.GetProperty("status").GetString();
            if (status == "failed") Assert.Fail($"The close of {period} failed: {last.GetProperty("error")}");
            if (status == "closed" && last.GetProperty("revision").GetInt32() >= revision) return last;
            await Task.Delay(200);
        }
        Assert.Fail($"{period} did not close (revision {revision}) in {seconds} s: {last}");
        return last;
    }

    public static async Task<JsonElement> CloseAsync(HttpClient admin, string period, int revision = 1)
    {
        var response = await admin.PostAsync($"/api/periods/{period}/close", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/periods/{period}", response.Headers.Location?.OriginalString);
        return await WaitUntilClosedAsync(admin, period, revision);
    }

    public static async Task<(HttpResponseMessage Response, byte[] Bytes)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>What a reader would copy out of each page.</summary>
    public static IReadOnlyList<string> PdfPages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => p.Text).ToList();
    }
}
