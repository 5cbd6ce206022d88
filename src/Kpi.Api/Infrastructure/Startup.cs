using Kpi.Api.Auth;
using Kpi.Demo;
using Kpi.Ingestion.Files;
using Kpi.Ingestion.Imports;
using Kpi.Jobs.Sources;
using Kpi.Storage;
using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Identity;
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
        DataDirectory.SecureFiles(options.DataPath);
        await ImportRecovery.RunAtStartupAsync(db, ImportSpool.FolderIn(options.DataPath), clock, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kpi"));
        var bootstrap = await BootstrapAdmin.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<KpiUser>>(), auth, options.DataPath,
            clock.GetUtcNow().UtcDateTime);
        await scope.ServiceProvider.SeedKpiDemoAsync(db, OwnUrl(app));

        // The sources table is the truth; Hangfire's recurring jobs follow it (a process may have died between the two writes).
        await app.Services.GetRequiredService<SourceSchedules>().SyncAllAsync(db);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kpi");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            log.LogInformation("Kpi is listening on {Urls} (API docs at /docs, OpenAPI at /openapi/v1.json); database {Provider}, data in {DataPath}",
                urls, db.Provider, options.DataPath);
            // Secrets are said once, when this start made them; afterwards the log says where they are kept.
            if (bootstrap.NewKey is not null)
                log.LogInformation("Bootstrap admin API key (generated, kept in {File}): {Key} — send it as the X-Api-Key header", bootstrap.KeyFile, bootstrap.NewKey);
            else if (string.IsNullOrWhiteSpace(auth.BootstrapAdminKey))
                log.LogInformation("Bootstrap admin API key: in {File}", bootstrap.KeyFile);
            if (bootstrap.NewPassword is not null)
                log.LogInformation("Admin user '{User}' created with the password {Password} (kept in {File}); it must be changed at the first sign-in",
                    BootstrapAdmin.UserName, bootstrap.NewPassword, bootstrap.PasswordFile);
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
