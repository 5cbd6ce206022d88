using Kpi.Api.Auth;
using Kpi.Domain.Periods;
using Kpi.Jobs.Demo;
using Kpi.Jobs.Hosting;
using Kpi.Jobs.Sources;
using Kpi.Storage;
using Microsoft.Extensions.Options;

namespace Kpi.Api.Infrastructure;

internal static class Startup
{
    /// <summary>
    /// Before the first request: migrate the database, make sure an admin key exists, and say in the log where the
    /// service listens and which key gets an admin in.
    /// </summary>
    public static async Task InitialiseKpiAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<KpiOptions>>().Value;
        var clock = app.Services.GetRequiredService<TimeProvider>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        await db.MigrateAsync();
        var adminKey = await BootstrapAdmin.EnsureAsync(db, options, clock.GetUtcNow().UtcDateTime);

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kpi");
        if (options.Demo.Seed)
        {
            var demo = await DemoSeeder.SeedIfEmptyAsync(db, clock, app.Services.GetRequiredService<CompanyTimeZone>());
            if (demo is not null)
                log.LogInformation("Seeded the demo company {Company}: {Departments} departments, {Records} records from {First} to {Last}",
                    demo.Departments[0].Department.Name, demo.Departments.Count, demo.Records.All.Count(), demo.FirstMonth, demo.LastMonth);
        }
        // The sources table is the truth; Hangfire's recurring jobs follow it (a process may have died between the two writes).
        await app.Services.GetRequiredService<SourceSchedules>().SyncAllAsync(db);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            log.LogInformation("Kpi is listening on {Urls} (API docs at /docs, OpenAPI at /openapi/v1.json); database {Provider}, data in {DataPath}",
                urls, db.Provider, options.DataPath);
            log.LogInformation("Bootstrap admin key: {Key} (send it as the X-Api-Key header)", adminKey);
        });
    }
}
