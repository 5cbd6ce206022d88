using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.States;
using Kpi.Api.Tests.Support;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Api.Tests.Jobs;

/// <summary>The job server the API hosts, and the dashboard that only admins may open.</summary>
public sealed partial class DashboardAndJobsTests
{
    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task EnqueuedJob_RunsInTheApiHost_AgainstTheKpiDatabase(DatabaseProvider provider)
    {
        // On SQLite this also proves Hangfire's SQLite storage (sqlite-net) and EF Core's SQLite provider share a process.
        using var app = await KpiApp.StartAsync(provider);
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();

        var id = jobs.Enqueue<AuditProbe>(p => p.WriteAsync("probe-1"));

        await WaitForState(app, id, SucceededState.StateName);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        Assert.True(await db.Audit.AnyAsync(a => a.EntityKey == "probe-1"));
    }

    [Fact]
    public async Task Dashboard_IsForAdminsOnly()
    {
        using var app = await KpiApp.StartAsync();
        var hr = await app.NewKeyAsync("hr");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithKey("kpi_wrong").GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Admin().GetAsync("/hangfire")).StatusCode);
        Assert.Contains("Kpi jobs", await app.Admin().GetStringAsync("/hangfire"));
    }

    [Fact]
    public async Task BrowserSignIn_SetsADashboardOnlyCookie()
    {
        using var app = await KpiApp.StartAsync();
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var form = await browser.GetStringAsync("/hangfire-login");
        var token = AntiforgeryField().Match(form);
        var signIn = await browser.PostAsync("/hangfire-login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups[1].Value] = token.Groups[2].Value,
            ["key"] = KpiApp.AdminKey,
        }));

        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"{signIn.StatusCode} {await signIn.Content.ReadAsStringAsync()}");
        Assert.Equal("/hangfire", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/hangfire")).StatusCode);
        // The cookie opens the dashboard, not the API.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/departments")).StatusCode);
    }

    internal static async Task WaitForState(KpiApp app, string jobId, string state, int seconds = 60)
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        for (var waited = 0; waited < seconds * 10; waited++)
        {
            var current = storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.StateName;
            if (current == state) return;
            if (current == FailedState.StateName && state != FailedState.StateName)
                Assert.Fail($"Job {jobId} failed: {storage.GetMonitoringApi().JobDetails(jobId).History[0].Data["ExceptionMessage"]}");
            await Task.Delay(100);
        }
        Assert.Fail($"Job {jobId} did not reach {state} in {seconds} s.");
    }

    [GeneratedRegex("name=\"([^\"]+)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>A job with a dependency from the API's container, as every real job has.</summary>
public sealed class AuditProbe(KpiDbContext db, TimeProvider clock)
{
    public async Task WriteAsync(string key)
    {
        db.Audit.Add(new AuditEntry { At = clock.GetUtcNow().UtcDateTime, Actor = "probe", Action = "probe", Entity = "test", EntityKey = key });
        await db.SaveChangesAsync();
    }
}
