using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Infrastructure;
using Kpi.Api.Tests.Support;
using Kpi.Testing;
using Kpi.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kpi.Api.Tests.Faults;

/// <summary>
/// The real API host on a PostgreSQL server of the test's own, which the test stops and starts again: while the
/// database is down every request that needs it is a 503 saying so (never a 500), and once it is back the same host
/// answers again, without a restart.
/// </summary>
public sealed class DatabaseDownTests
{
    [OwnPostgresFact]
    public async Task DatabaseStopped_Answers503WithAReason_AndRecoversWithoutARestart()
    {
        using var postgres = await OwnPostgres.StartAsync("api-down");
        using var app = new OwnDatabaseApp(postgres.Database.ConnectionString);
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", KpiApp.AdminKey);
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/departments")).StatusCode);

        await postgres.StopAsync();
        // The key is checked in the database, so authentication already needs it; and so do the data and the health check.
        foreach (var (client, path) in new[] { (admin, "/api/departments"), (admin, "/api/periods"), (anonymous, "/health") })
        {
            var down = await client.GetAsync(path);
            Assert.True(down.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)down.StatusCode} {await down.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            var problem = await down.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Contains("database", problem.GetProperty("detail").GetString());
        }
        var departments = await (await admin.GetAsync("/api/departments")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(DatabaseUnavailableHandler.Detail, departments.GetProperty("detail").GetString());
        Assert.Equal("5", (await admin.GetAsync("/api/departments")).Headers.RetryAfter?.ToString());

        await postgres.StartAsync();
        // Back without a restart: the first requests may still meet connections that died with the old server, and
        // they too are 503s; then the pool has fresh ones.
        var answers = new List<HttpStatusCode>();
        await Poll.UntilAsync(async () =>
        {
            answers.Add((await admin.GetAsync("/api/departments")).StatusCode);
            return answers[^1] == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), () => "the API did not recover: " + string.Join(", ", answers));
        Assert.All(answers[..^1], status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    /// <summary>The API host on the given PostgreSQL database, serving HTTP only (no job server), with the test's admin key.</summary>
    private sealed class OwnDatabaseApp(string connectionString) : WebApplicationFactory<Program>
    {
        private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-api-down-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Kpi:DataDirectory", _dataDirectory);
            builder.UseSetting("Kpi:Database:Provider", "Postgres");
            builder.UseSetting("Kpi:Database:ConnectionString", connectionString);
            builder.UseSetting("Kpi:Demo:Seed", "false");
            builder.UseSetting("Kpi:Jobs:RunServer", "false");
            builder.UseSetting("Kpi:Close:ScheduleEnabled", "false");
            builder.UseSetting("Kpi:Auth:BootstrapAdminKey", KpiApp.AdminKey);
            builder.UseSetting("Kpi:Auth:BootstrapAdminPassword", KpiApp.AdminPassword);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
