using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Kpi.Api.Tests.Support;

/// <summary>Calls the API as a client would, for tests that need data in place or a figure read back.</summary>
internal static class ApiCalls
{
    public sealed record Reading(decimal? Value, decimal? Numerator, decimal? Denominator, long Records);

    public static async Task<Dictionary<string, Reading>> ReadMetricsAsync(HttpClient client, string department, string period)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/metrics/{department}/{period}", KpiApp.Json);
        Assert.Equal(department, body.GetProperty("department").GetString());
        return body.GetProperty("values").EnumerateArray().ToDictionary(
            v => v.GetProperty("metric").GetString()!,
            v => new Reading(Dec(v, "value"), Dec(v, "numerator"), Dec(v, "denominator"), v.GetProperty("records").GetInt64()));
    }

    private static decimal? Dec(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    public static async Task<JsonElement> Upload(HttpClient client, string kind, byte[] bytes, string contentType)
    {
        var response = await client.PostAsync($"/api/imports/{kind}", KpiApp.File(bytes, contentType, $"{kind}.upload"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        Assert.True(response.IsSuccessStatusCode, $"{kind}: {(int)response.StatusCode} {body}");
        return body;
    }

    public static byte[] Utf8Bom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
}
