using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Kpi.Api.Tests.Support;
using Kpi.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Kpi.Testing;
using Kpi.Testing.Http;

namespace Kpi.Api.Tests.Sources;

/// <summary>Sources through the API: definitions with write-only secrets, validation, schedules in Hangfire, runs and their history.</summary>
public sealed class SourcesApiTests
{
    /// <summary>The source servers these tests start listen on loopback, which sources may reach only when allowed.</summary>
    internal static readonly Dictionary<string, string?> LoopbackAllowed = new() { ["Kpi:Sources:AllowedHosts:0"] = "127.0.0.1" };

    private static object HttpSource(string url, int attempts = 0, object? secretHeaders = null, int timeoutSeconds = 10, int retries = 0,
        object? secretQuery = null) => new
    {
        kind = "production",
        connector = "http",
        schedule = new { cron = "0 2 * * *", time_zone = "Asia/Shanghai" },
        retry = new { attempts, delay_seconds = 1 },
        options = new
        {
            url,
            headers = new Dictionary<string, string> { ["X-Client"] = "kpi" },
            secret_headers = secretHeaders ?? new Dictionary<string, string>(),
            secret_query = secretQuery ?? new Dictionary<string, string>(),
            timeout_seconds = timeoutSeconds,
            retries,
        },
    };

    [Fact]
    public async Task Definition_RoundTrips_WithSecretsNeverShown_AndTheScheduleIsInHangfire()
    {
        using var app = await KpiApp.StartAsync(settings: new(LoopbackAllowed));
        var admin = app.Admin();

        var created = await admin.PutAsJsonAsync("/api/sources/mes", HttpSource("http://127.0.0.1:9/production",
            secretHeaders: new Dictionary<string, string> { ["Authorization"] = "Bearer s3cret-token" },
            secretQuery: new Dictionary<string, string> { ["api_key"] = "s3cret-key" }), KpiApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sql = await admin.PutAsJsonAsync("/api/sources/erp", new
        {
            kind = "budget", connector = "sql", schedule = new { cron = "*/30 * * * *" },
            options = new { provider = "postgres", connection_string = "Host=erp;Database=erp;Username=kpi;Password=pa55word", query = "SELECT * FROM b WHERE updated_at >= @since", watermark_column = "updated_at" },
        }, KpiApp.Json);
        Assert.Equal(HttpStatusCode.Created, sql.StatusCode);

        var mes = await admin.GetFromJsonAsync<JsonElement>("/api/sources/mes", KpiApp.Json);
        var erp = await admin.GetFromJsonAsync<JsonElement>("/api/sources/erp", KpiApp.Json);
        Assert.Equal("********", mes.GetProperty("options").GetProperty("secret_headers").GetProperty("Authorization").GetString());
        Assert.Equal("********", mes.GetProperty("options").GetProperty("secret_query").GetProperty("api_key").GetString());
        Assert.Equal("kpi", mes.GetProperty("options").GetProperty("headers").GetProperty("X-Client").GetString());
        Assert.Equal("Asia/Shanghai", erp.GetProperty("schedule").GetProperty("time_zone").GetString()); // the company zone by default
        Assert.Contains("Password=********", erp.GetProperty("options").GetProperty("connection_string").GetString());
        var everything = await admin.GetStringAsync("/api/sources");
        Assert.DoesNotContain("s3cret", everything);
        Assert.DoesNotContain("pa55word", everything);

        // What GET shows can be sent back as it is: the masked values keep the stored secrets.
        var again = await admin.PutAsJsonAsync("/api/sources/mes", new
        {
            kind = "production", connector = "http", schedule = new { cron = "0 3 * * *" }, options = mes.GetProperty("options"),
        }, KpiApp.Json);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
            // Kept, and encrypted at rest: the runs decrypt them (SourceSecretsAtRestTests).
            var stored = (await db.Sources.SingleAsync(s => s.Name == "mes")).Options + (await db.Sources.SingleAsync(s => s.Name == "erp")).Options;
            Assert.DoesNotContain("s3cret", stored);
            Assert.DoesNotContain("pa55word", stored);
            Assert.Equal(3, stored.Split("protected:v1:").Length - 1);
            Assert.DoesNotContain(await db.Audit.Where(a => a.Entity == "source").Select(a => a.Details!).ToListAsync(),
                d => d.Contains("s3cret") || d.Contains("pa55word"));
        }

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs(["source:mes", "source:erp"]);
        Assert.Equal(["0 3 * * *", "*/30 * * * *"], recurring.Select(r => r.Cron));
        Assert.All(recurring, r => Assert.Equal("imports", r.Job.Queue));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/sources/mes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/sources/mes")).StatusCode);
        Assert.Null(connection.GetRecurringJobs(["source:mes"]).SingleOrDefault(r => r.Job is not null));
    }

    [Theory]
    [InlineData("""{"kind":"production","connector":"http","schedule":{"cron":"every day"},"options":{"url":"http://x/"}}""", "schedule.cron")]
    [InlineData("""{"kind":"production","connector":"http","schedule":{"cron":"0 2 * * *","time_zone":"Mars/Olympus"},"options":{"url":"http://x/"}}""", "schedule.time_zone")]
    [InlineData("""{"kind":"widgets","connector":"http","schedule":{"cron":"0 2 * * *"},"options":{"url":"http://x/"}}""", "kind")]
    [InlineData("""{"kind":"production","connector":"ftp","schedule":{"cron":"0 2 * * *"},"options":{}}""", "connector")]
    [InlineData("""{"kind":"production","connector":"http","schedule":{"cron":"0 2 * * *"},"options":{"url":"file:///etc/passwd"}}""", "options.url")]
    [InlineData("""{"kind":"production","connector":"http","schedule":{"cron":"0 2 * * *"},"options":{"url":"http://x/","paging":{"page_sise":10}}}""", "options.paging.page_sise")]
    [InlineData("""{"kind":"production","connector":"http","schedule":{"cron":"0 2 * * *"},"options":{"url":"http://x/","secret_headers":{"Authorization":"********"}}}""", "options.secret_headers.Authorization")]
    [InlineData("""{"kind":"production","connector":"http","schedule":{"cron":"0 2 * * *"},"options":{"url":"http://kpi:pa55@x/"}}""", "options.url")]
    [InlineData("""{"kind":"production","connector":"http","schedule":{"cron":"0 2 * * *"},"options":{"url":"http://x/","secret_query":{"api_key":"********"}}}""", "options.secret_query.api_key")]
    [InlineData("""{"kind":"budget","connector":"sql","schedule":{"cron":"0 2 * * *"},"options":{"provider":"sqlite","connection_string":"Data Source=erp.db","query":"SELECT 1","watermark_column":"updated_at"}}""", "options.query")]
    [InlineData("""{"kind":"hours","connector":"inbox","schedule":{"cron":"0 2 * * *"},"retry":{"attempts":99}}""", "retry.attempts")]
    public async Task InvalidDefinition_Is400_NamingTheField(string body, string field)
    {
        using var app = await KpiApp.StartAsync();

        var response = await app.Admin().PutAsync("/api/sources/bad-one", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task OnlyAdmins_ManageSources()
    {
        using var app = await KpiApp.StartAsync();
        var hr = await app.NewKeyAsync("hr");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/sources")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync("/api/sources")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsync("/api/sources/x/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin().PostAsync("/api/sources/x/run", null)).StatusCode);
    }

    [Fact]
    public async Task FailingSources_FailWithTheReason_AreRetriedAsConfigured_AndDoNotHoldUpOthers()
    {
        await using var source = await Loopback.StartAsync(web =>
        {
            web.MapGet("/hang", async (CancellationToken ct) => { await Task.Delay(TimeSpan.FromSeconds(30), ct); return Results.Ok(); });
            web.MapGet("/garbled", () => Results.Text("""{"items":[{"record_id":"P1",""", "application/json"));
        });
        int closedPort;
        await using (var gone = await Loopback.StartAsync(_ => { })) closedPort = new Uri(gone.Url("/")).Port;
        using var app = await KpiApp.StartAsync(settings: new(LoopbackAllowed));
        var admin = app.Admin();
        await Put(admin, "departments-feed", new { kind = "departments", connector = "inbox", schedule = new { cron = "0 2 * * *" }, options = new { settle_seconds = 0 } });
        await Put(admin, "down", HttpSource($"http://127.0.0.1:{closedPort}/production", attempts: 2));
        await Put(admin, "garbled", HttpSource(source.Url("/garbled")));
        await Put(admin, "hanging", HttpSource(source.Url("/hang"), timeoutSeconds: 2, retries: 1));
        var inbox = Path.Combine(app.DataDirectory, "inbox", "departments-feed");
        Directory.CreateDirectory(inbox);
        await File.WriteAllTextAsync(Path.Combine(inbox, "departments.csv"), "code,name,parent_code\nHQ,总部,\nP1,一车间,HQ\n");

        // The hanging source takes a worker for a few seconds; the inbox queued after it must not wait for it.
        await Run(admin, "hanging");
        await Poll.UntilAsync(async () => (await Runs(admin, "hanging")).Count > 0, TimeSpan.FromSeconds(30), () => "the hanging source never started");
        await Run(admin, "departments-feed");
        await Run(admin, "down");
        await Run(admin, "garbled");

        var hanging = await Finished(admin, "hanging", 1);
        var feed = await Finished(admin, "departments-feed", 1);
        var down = await Finished(admin, "down", 3, seconds: 90);
        var garbled = await Finished(admin, "garbled", 1);

        Assert.Equal("succeeded", feed[0].GetProperty("status").GetString());
        Assert.Equal(2, feed[0].GetProperty("accepted").GetInt64());
        Assert.True(feed[0].GetProperty("finished_at").GetDateTime() < hanging[0].GetProperty("finished_at").GetDateTime(),
            "the inbox run waited for the hanging source");
        Assert.Equal("failed", hanging[0].GetProperty("status").GetString());
        Assert.Contains("no answer within 2 s", hanging[0].GetProperty("error").GetString());
        Assert.Equal("failed", garbled[0].GetProperty("status").GetString());
        Assert.Contains("malformed JSON", garbled[0].GetProperty("error").GetString());
        // retry.attempts = 2: the first attempt and two retries, each failed with the reason, then no more.
        Assert.Equal([3, 2, 1], down.Select(r => r.GetProperty("attempt").GetInt32()));
        Assert.All(down, r => Assert.Equal("failed", r.GetProperty("status").GetString()));
        Assert.All(down, r => Assert.Contains("Connection refused", r.GetProperty("error").GetString()));
        // Failed is the job's last state: no retry is scheduled after it, so the three runs are all there will be.
        var jobId = down[0].GetProperty("job_id").GetString();
        var monitor = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Poll.UntilAsync(() => monitor.JobDetails(jobId).History[0].StateName == "Failed", TimeSpan.FromSeconds(30),
            () => $"the job is {monitor.JobDetails(jobId).History[0].StateName}");
        Assert.Equal(3, (await Runs(admin, "down")).Count);
    }

    [Fact]
    public async Task RecurringJob_RunsTheSource_AsAScheduledRun()
    {
        using var app = await KpiApp.StartAsync();
        var admin = app.Admin();
        await Put(admin, "org", new { kind = "departments", connector = "inbox", schedule = new { cron = "0 2 * * *" }, options = new { settle_seconds = 0 } });
        var inbox = Path.Combine(app.DataDirectory, "inbox", "org");
        Directory.CreateDirectory(inbox);
        await File.WriteAllTextAsync(Path.Combine(inbox, "org.csv"), "code,name,parent_code\nHQ,总部,\n");

        // What the scheduler does at 02:00, done now.
        app.Services.GetRequiredService<IRecurringJobManager>().Trigger("source:org");
        var runs = await Finished(admin, "org", 1);

        Assert.Equal(("schedule", "succeeded", 1L), (runs[0].GetProperty("trigger").GetString(), runs[0].GetProperty("status").GetString(),
            runs[0].GetProperty("accepted").GetInt64()));
    }

    private static async Task Put(HttpClient admin, string name, object body)
    {
        var response = await admin.PutAsJsonAsync($"/api/sources/{name}", body, KpiApp.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task Run(HttpClient admin, string name)
    {
        var response = await admin.PostAsync($"/api/sources/{name}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<List<JsonElement>> Runs(HttpClient admin, string name) =>
        (await admin.GetFromJsonAsync<List<JsonElement>>($"/api/sources/{name}/runs", KpiApp.Json))!;

    /// <summary>Waits until the source has this many finished runs; returns its runs, newest first.</summary>
    private static async Task<List<JsonElement>> Finished(HttpClient admin, string name, int count, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var runs = await Runs(admin, name);
            if (runs.Count(r => r.GetProperty("status").GetString() != "running") >= count) return runs;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{name} has not finished {count} run(s) in {seconds} s: {JsonSerializer.Serialize(runs)}");
            await Task.Delay(200);
        }
    }
}
