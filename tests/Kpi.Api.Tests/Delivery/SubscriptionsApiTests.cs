using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Kpi.Api.Tests.Support;
using Kpi.Delivery.Mail;
using Kpi.Jobs.Delivery;
using Kpi.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Api.Tests.Delivery;

/// <summary>
/// Subscriptions through the API: every refusal names its field, an executive summary is refused for a recipient whose
/// role may not read it (naming that recipient), a cron subscription is scheduled at its local time in its own time
/// zone and its Hangfire recurring job follows every change (moved, dropped when disabled, made manual or deleted), a
/// send for a month that is not closed queues nothing, and stored SMTP settings keep the password encrypted at rest and
/// never show it.
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
    public async Task CronSubscription_ItsRecurringJobFollowsEveryChange_AndGoesWithTheSubscription()
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();
        var other = await CreatedIdAsync(admin, Cron("其他摘要", "0 9 5 * *", "Asia/Shanghai"));
        var id = await CreatedIdAsync(admin, Cron("月初摘要", "0 9 5 * *", "Asia/Shanghai"));
        Assert.Equal(("0 9 5 * *", "Asia/Shanghai"), Scheduled(app, id));

        // A new cron and zone: the same job, re-scheduled, and the next run the API shows is the job's.
        var moved = await admin.PutAsJsonAsync($"/api/subscriptions/{id}", Cron("月初摘要", "30 7 1 * *", "Europe/Berlin"), KpiApp.Json);
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        Assert.Equal(("30 7 1 * *", "Europe/Berlin"), Scheduled(app, id));
        var nextRun = (await moved.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("trigger").GetProperty("next_run").GetDateTime();
        Assert.Equal(RecurringJob(app, id)!.NextExecution, DateTime.SpecifyKind(nextRun, DateTimeKind.Utc));
        var job = RecurringJob(app, id)!.Job;
        Assert.Equal((nameof(OutboxJobs.OnScheduleAsync), id), (job.Method.Name, (long)job.Args[0]));

        // Disabled: no job. Enabled again: back. Made manual (after the close): no job.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/subscriptions/{id}", Cron("月初摘要", "30 7 1 * *", "Europe/Berlin", enabled: false), KpiApp.Json)).StatusCode);
        Assert.Null(RecurringJob(app, id));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/subscriptions/{id}", Cron("月初摘要", "30 7 1 * *", "Europe/Berlin"), KpiApp.Json)).StatusCode);
        Assert.Equal(("30 7 1 * *", "Europe/Berlin"), Scheduled(app, id));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/subscriptions/{id}", AfterClose("月初摘要"), KpiApp.Json)).StatusCode);
        Assert.Null(RecurringJob(app, id));

        // Deleted while on a schedule: its job goes with it; the other subscription's job was never touched.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/subscriptions/{id}", Cron("月初摘要", "0 8 2 * *", "Asia/Shanghai"), KpiApp.Json)).StatusCode);
        Assert.Equal(("0 8 2 * *", "Asia/Shanghai"), Scheduled(app, id));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.Null(RecurringJob(app, id));
        Assert.Equal(("0 9 5 * *", "Asia/Shanghai"), Scheduled(app, other));
    }

    [Fact]
    public async Task Send_ForAMonthNotClosed_Is409_AndQueuesNothing()
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();
        var id = await CreatedIdAsync(admin, AfterClose("月报"));

        var refused = await admin.PostAsync($"/api/subscriptions/{id}/send?period=2026-10", null);
        var text = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, text);
        Assert.Contains("2026-10 is not closed", text);
        Assert.Empty(await DeliveryCalls.DeliveriesAsync(admin, "2026-10"));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<KpiDbContext>().Outbox.CountAsync());
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

    private static object Cron(string name, string cron, string zone, bool enabled = true) => new
    {
        name, report = "executive_summary", trigger = new { cron, time_zone = zone }, enabled,
        recipients = new[] { new { email = "ceo@huacai.example", role = "executive" } },
    };

    private static object AfterClose(string name) => new
    {
        name, report = "executive_summary", trigger = new { after_close = true },
        recipients = new[] { new { email = "ceo@huacai.example", role = "executive" } },
    };

    private static async Task<long> CreatedIdAsync(HttpClient admin, object body)
    {
        var created = await admin.PostAsJsonAsync("/api/subscriptions", body, KpiApp.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json)).GetProperty("id").GetInt64();
    }

    /// <summary>The subscription's recurring job as Hangfire's storage lists it, or null when there is none.</summary>
    private static RecurringJobDto? RecurringJob(KpiApp app, long subscription)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == OutboxQueue.RecurringJobId(subscription));
    }

    private static (string? Cron, string? Zone) Scheduled(KpiApp app, long subscription)
    {
        var job = RecurringJob(app, subscription);
        Assert.True(job is not null, $"subscription {subscription} has no recurring job");
        return (job.Cron, job.TimeZoneId);
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
