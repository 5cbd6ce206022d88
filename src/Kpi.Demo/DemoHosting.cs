using Kpi.Demo.Appraisal;
using Kpi.Demo.Company;
using Kpi.Demo.Sources;
using Kpi.Delivery.Subscriptions;
using Kpi.Domain.Periods;
using Kpi.Ingestion.Sources.Connectors;
using Kpi.Storage;
using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kpi.Demo;

/// <summary>The demo company in a host: its options, the simulated MES endpoint, and the seed on first start.</summary>
public static class DemoHosting
{
    /// <returns>Whether the demo is on (<c>Kpi:Demo:Seed</c>).</returns>
    public static bool AddKpiDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        return (builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions()).Seed;
    }

    /// <summary>The simulated MES the demo's http source pulls, served by the API only when the demo is on.</summary>
    public static void MapKpiDemo(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value.Seed) app.MapDemoMesApi();
    }

    /// <summary>
    /// Seeds the demo company, its sources and its users into an empty database, and says so in the log. Does nothing
    /// when the demo is off or the database has departments.
    /// </summary>
    /// <param name="services">A scope's services: the users are created through Identity's user manager.</param>
    /// <param name="ownUrl">The API's own base address, the demo MES's address unless <see cref="DemoOptions.MesUrl"/> says otherwise.</param>
    public static async Task SeedKpiDemoAsync(this IServiceProvider services, KpiDbContext db, string ownUrl, CancellationToken ct = default)
    {
        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!demo.Seed) return;
        var clock = services.GetRequiredService<TimeProvider>();
        var zone = services.GetRequiredService<CompanyTimeZone>();
        var seeded = await DemoSeeder.SeedIfEmptyAsync(db, clock, zone, ct);
        if (seeded is null) return;

        var data = services.GetRequiredService<IOptions<KpiOptions>>().Value.DataPath;
        await DemoSources.CreateAsync(db, services.GetRequiredService<SourceConnectors>(), data, demo.MesUrl ?? ownUrl, clock.GetUtcNow().UtcDateTime, zone, ct);
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Kpi.Demo");
        log.LogInformation("Seeded the demo company {Company}: {Departments} departments, {Records} records from {First} to {Last}",
            seeded.Departments[0].Department.Name, seeded.Departments.Count, seeded.Records.All.Count(), seeded.FirstMonth, seeded.LastMonth);
        log.LogInformation("Demo sources {Sources} pull every few minutes: see /hangfire, Recurring jobs", string.Join(", ",
            DemoSources.Timesheets, DemoSources.Mes, DemoSources.Erp));
        await DemoAppraisals.SeedAsync(db, seeded, clock, zone, ct);
        log.LogInformation("Demo appraisal cycles: {Published} published, {Open} open (template {Template})",
            DemoAppraisals.Periods(zone.LocalDate(clock.GetUtcNow().UtcDateTime)).Published, DemoAppraisals.Periods(zone.LocalDate(clock.GetUtcNow().UtcDateTime)).Open,
            DemoAppraisals.TemplateCode);
        var users = await DemoUsers.CreateAsync(services.GetRequiredService<UserManager<KpiUser>>(), seeded, clock.GetUtcNow().UtcDateTime);
        foreach (var user in users)
            log.LogInformation("Demo user {User} ({Role}, employee {Employee} of {Department}), password {Password}", user.UserName, user.Role,
                user.EmployeeNo, user.Department, DemoUsers.Password);
        if (await DemoSubscriptions.CreateAsync(services.GetRequiredService<MailSubscriptions>(), DemoUsers.Of(seeded), ct) is { } subscription)
            log.LogInformation("Demo subscription '{Subscription}': the executive summary to {Recipients} after every close", subscription.Name,
                string.Join(", ", subscription.Recipients.Select(r => r.Email)));
    }
}
