using Kpi.Api.Auth;
using Kpi.Domain.Periods;
using Kpi.Jobs.Demo;
using Kpi.Jobs.Hosting;
using Kpi.Jobs.Sources;
using Kpi.Jobs.Sources.Connectors;
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
            {
                await DemoSources.CreateAsync(db, app.Services.GetRequiredService<SourceConnectors>(), options.DataPath, OwnUrl(app),
                    clock.GetUtcNow().UtcDateTime, app.Services.GetRequiredService<CompanyTimeZone>());
                log.LogInformation("Seeded the demo company {Company}: {Departments} departments, {Records} records from {First} to {Last}",
                    demo.Departments[0].Department.Name, demo.Departments.Count, demo.Records.All.Count(), demo.FirstMonth, demo.LastMonth);
                log.LogInformation("Demo sources {Sources} pull every few minutes: see /hangfire, Recurring jobs", string.Join(", ",
                    DemoSources.Timesheets, DemoSources.Mes, DemoSources.Erp));
            }
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

    /// <summary>
    /// Where this API can be reached from the same machine, for the demo MES source: the first configured URL with a
    /// wildcard host made <c>localhost</c>.
    /// </summary>
    private static string OwnUrl(WebApplication app)
    {
        var configured = app.Configuration["urls"] ?? app.Configuration["ASPNETCORE_URLS"] ?? ApiHosting.DefaultUrl;
        var first = configured.Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        return first.Replace("://*", "://localhost").Replace("://+", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
    }
}
