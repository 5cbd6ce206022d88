using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using Kpi.Domain.Periods;
using Kpi.Storage;
using Kpi.Testing;
using MimeKit;

namespace Kpi.Api.Tests.Delivery;

/// <summary>The demo company with mail going to an SMTP server on loopback, and the outbox read through the API.</summary>
internal static class DeliveryCalls
{
    /// <summary>The demo company's last month: the month before this one, in the company time zone.</summary>
    public static readonly string Month = CompanyTimeZone.Default.MonthOf(DateTime.UtcNow).Previous.ToString();

    public static Task<KpiApp> DemoMailingToAsync(int smtpPort, DatabaseProvider provider = DatabaseProvider.Sqlite,
        Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kpi:Demo:Seed"] = "true", ["Kpi:Close:ScheduleEnabled"] = "false",
            ["Kpi:Mail:Smtp:Host"] = "127.0.0.1", ["Kpi:Mail:Smtp:Port"] = smtpPort.ToString(), ["Kpi:Mail:Smtp:Security"] = "none",
            ["Kpi:Mail:Smtp:TimeoutSeconds"] = "10", ["Kpi:Mail:From"] = "华彩 KPI <kpi@huacai.example>",
        };
        foreach (var (key, value) in more ?? []) settings[key] = value;
        return KpiApp.StartAsync(provider, settings);
    }

    public static async Task<List<JsonElement>> DeliveriesAsync(HttpClient admin, string period)
    {
        var response = await admin.GetAsync($"/api/deliveries?period={period}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).EnumerateArray().ToList();
    }

    /// <summary>Waits until the period has <paramref name="rows"/> outbox rows and none is pending or being sent.</summary>
    public static async Task<List<JsonElement>> SettledAsync(HttpClient admin, string period, int rows)
    {
        List<JsonElement> last = [];
        await Poll.UntilAsync(async () =>
        {
            last = await DeliveriesAsync(admin, period);
            return last.Count == rows && last.All(d => d.GetProperty("status").GetString() is "sent" or "failed" or "unknown");
        }, TimeSpan.FromSeconds(120), () => $"the outbox of {period} did not settle: {string.Join("; ", last.Select(Describe))}");
        return last;
    }

    public static JsonElement For(IEnumerable<JsonElement> deliveries, string address) =>
        deliveries.Single(d => d.GetProperty("recipient").GetString() == address);

    public static string Describe(JsonElement d) =>
        $"{d.GetProperty("id")} {d.GetProperty("recipient")} {d.GetProperty("status")} ({d.GetProperty("attempts")}): {d.GetProperty("result")}";

    public static IEnumerable<MimePart> Attachments(MimeMessage message) => message.Attachments.OfType<MimePart>();

    public static byte[] Bytes(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
