using Kpi.Api.Auth;
using Kpi.Demo;
using Kpi.Jobs.Sources;
using Kpi.Storage;
using Microsoft.Extensions.Options;

namespace Kpi.Api.Infrastructure;

internal static class Startup
{
    /// <summary>
    /// Before the first request: migrate the database, make sure an admin key exists, seed the demo company when it is
    /// on, and say in the log where the service listens and which key gets an admin in.
    /// </summary>
    public static async Task InitialiseKpiAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<KpiOptions>>().Value;
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var clock = app.Services.GetRequiredService<TimeProvider>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        await db.MigrateAsync();
        var adminKey = await BootstrapAdmin.EnsureAsync(db, auth, options.DataPath, clock.GetUtcNow().UtcDateTime);
        await app.Services.SeedKpiDemoAsync(db, OwnUrl(app));

        // The sources table is the truth; Hangfire's recurring jobs follow it (a process may have died between the two writes).
        await app.Services.GetRequiredService<SourceSchedules>().SyncAllAsync(db);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kpi");
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
