using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using Kpi.Testing.Http;
using UglyToad.PdfPig;

namespace Kpi.Api.Tests.Packs;

/// <summary>Closing a period through the API and reading its files back, as a client would.</summary>
internal static class PackFiles
{
    public static Task<JsonElement> WaitUntilClosedAsync(HttpClient client, string period, int revision = 1, int seconds = 180) =>
        PeriodClosing.UntilClosedAsync(client, period, revision, TimeSpan.FromSeconds(seconds));

    public static Task<JsonElement> CloseAsync(HttpClient admin, string period, int revision = 1) => PeriodClosing.CloseAsync(admin, period, revision);

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
