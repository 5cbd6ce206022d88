using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
public sealed class DashboardAndJobsTests
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
    public async Task Dashboard_IsForAdmins_SignedInAsEverywhereElse()
    {
        using var app = await KpiApp.StartAsync();
        var hr = await app.NewKeyAsync("hr");
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });

        var anonymous = await browser.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login?returnUrl=%2Fhangfire", anonymous.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithKey("kpi_wrong").GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Admin().GetAsync("/hangfire")).StatusCode);
        Assert.Contains("Kpi jobs", await (await app.WithTokenAsync(KpiApp.AdminUser, KpiApp.AdminPassword)).GetStringAsync("/hangfire"));
        // The old key-in-a-cookie sign-in is gone.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/hangfire-login")).StatusCode);
    }

    [Fact]
    public async Task BrowserSignIn_OpensTheDashboardAndTheApi_AndChangesNeedTheAntiforgeryToken()
    {
        using var app = await KpiApp.StartAsync();
        await app.NewUserAsync("manager1", "manager");
        var admin = await app.BrowserAsync(KpiApp.AdminUser, KpiApp.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/departments")).StatusCode);
        // A cross-site form could ride on the cookie: a change made with the cookie alone is refused.
        var change = await admin.PostAsync("/api/keys", new StringContent("""{"name":"x","role":"hr"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        // The refusal has every 400's shape: the field is the header the token travels in.
        var problem = await change.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("X-CSRF-TOKEN", problem.GetProperty("field").GetString());
        Assert.StartsWith("X-CSRF-TOKEN: must carry the page's antiforgery token", problem.GetProperty("detail").GetString());
        Assert.Equal(["X-CSRF-TOKEN"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.DoesNotContain((await app.Admin().GetFromJsonAsync<JsonElement>("/api/keys")).EnumerateArray(), k => k.GetProperty("name").GetString() == "x");

        var manager = await app.BrowserAsync("manager1");
        var denied = await manager.GetAsync("/hangfire");
        Assert.Equal((HttpStatusCode.Redirect, "/denied"), (denied.StatusCode, denied.Headers.Location?.AbsolutePath));
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
