using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using Kpi.Delivery.Mail;
using Kpi.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Api.Tests.Delivery;

/// <summary>
/// Subscriptions through the API: every refusal names its field, an executive summary is refused for a recipient whose
/// role may not read it (naming that recipient), a cron subscription is scheduled at its local time in its own time
/// zone, and stored SMTP settings keep the password encrypted at rest and never show it.
/// </summary>
public sealed class SubscriptionsApiTests
{
    [Fact]
    public async Task BadSubscriptions_AreRefused_NamingTheFieldOrTheRecipient()
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();
        await ApiCalls.Upload(admin, "departments", ApiCalls.Utf8Bom("code,name,parent_code\nZZ,示例公司,\nZZ-A,一车间,ZZ\n"), "text/csv");

        await AssertInvalid(admin, new { name = "x", report = "weekly_digest", recipients = new[] { new { email = "a@b.example", role = "executive" } } }, "report");
        await AssertInvalid(admin, new { name = "x", report = "executive_summary", recipients = Array.Empty<object>() }, "recipients");
        await AssertInvalid(admin, new { name = "x", report = "department_packs", recipients = new[] { new { email = "not an address", role = "hr" } } },
            "recipients[0].email");
        await AssertInvalid(admin, new
        {
            name = "x", report = "executive_summary", trigger = new { cron = "0 9 5 * *", time_zone = "Mars/Olympus" },
            recipients = new[] { new { email = "a@b.example", role = "executive" } },
        }, "trigger.time_zone");
        // The summary ranks every department: a manager may not receive it, and the 400 says which recipient.
        var problem = await AssertInvalid(admin, new
        {
            name = "摘要", report = "executive_summary",
            recipients = new object[] { new { email = "ceo@huacai.example", role = "executive" }, new { email = "lead@huacai.example", role = "manager", departments = new[] { "ZZ-A" } } },
        }, "recipients[1]", prefix: true);
        Assert.Contains("lead@huacai.example", problem);
        Assert.Empty(await admin.GetFromJsonAsync<JsonElement[]>("/api/subscriptions", KpiApp.Json) ?? []);
    }

    [Fact]
    public async Task CronSubscription_IsScheduledAtItsLocalTime_InItsTimeZone()
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();
        var created = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "月初摘要", report = "executive_summary", trigger = new { cron = "0 9 5 * *", time_zone = "Asia/Shanghai" },
            recipients = new[] { new { email = "ceo@huacai.example", role = "executive" } },
        }, KpiApp.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var trigger = (await created.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("trigger");

        // 09:00 on the 5th in Shanghai is 01:00 UTC on the 5th, whatever zone this machine runs in.
        var next = DateTime.SpecifyKind(trigger.GetProperty("next_run").GetDateTime(), DateTimeKind.Utc);
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeZoneInfo.ConvertTimeFromUtc(next, shanghai);
        Assert.Equal((5, 9, 0), (local.Day, local.Hour, local.Minute));
        Assert.Equal((5, 1), (next.Day, next.Hour));
        Assert.True(next > DateTime.UtcNow && next < DateTime.UtcNow.AddDays(32), $"next run {next:O}");
    }

    [Fact]
    public async Task SmtpPassword_IsEncryptedAtRest_AndNeverShown()
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();
        const string secret = "smtp-secret-密码-0123";
        var put = await admin.PutAsJsonAsync("/api/mail/smtp", new { host = "smtp.huacai.example", port = 587, security = "starttls", user = "kpi", password = secret }, KpiApp.Json);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        Assert.DoesNotContain(secret, await put.Content.ReadAsStringAsync());
        var shown = await admin.GetStringAsync("/api/mail/smtp");
        Assert.DoesNotContain(secret, shown);
        Assert.Contains(SmtpSettingsStore.Mask, shown);
        Assert.DoesNotContain(secret, await admin.GetStringAsync("/api/audit"));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        var stored = await db.SmtpSettings.AsNoTracking().SingleAsync();
        Assert.StartsWith(SmtpSettingsStore.Prefix, stored.Password);
        Assert.DoesNotContain(secret, stored.Password);
        Assert.Equal(secret, (await scope.ServiceProvider.GetRequiredService<SmtpSettingsStore>().LoadAsync())!.Password);
    }

    private static async Task<string> AssertInvalid(HttpClient admin, object body, string field, bool prefix = false)
    {
        var response = await admin.PostAsJsonAsync("/api/subscriptions", body, KpiApp.Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var named = JsonDocument.Parse(text).RootElement.GetProperty("field").GetString()!;
        Assert.True(prefix ? named.StartsWith(field, StringComparison.Ordinal) : named == field, $"expected field {field}: {text}");
        return text;
    }
}
