using Hangfire;
using Kpi.Domain.Periods;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kpi.Jobs.Close;

/// <summary>
/// Registers the recurring jobs of the close on start, in the company time zone: the monthly close of last month on
/// the configured day and time, and the restatement check. Registering is idempotent, so every host may do it.
/// </summary>
public sealed class CloseSchedule(IRecurringJobManager recurring, IOptions<CloseOptions> options, CompanyTimeZone zone, ILogger<CloseSchedule> log)
    : IHostedService
{
    public const string MonthlyCloseId = "monthly-close";
    public const string RestatementCheckId = "restatement-check";

    public Task StartAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.ScheduleEnabled)
        {
            recurring.RemoveIfExists(MonthlyCloseId);
            recurring.RemoveIfExists(RestatementCheckId);
            return Task.CompletedTask;
        }
        var inZone = new RecurringJobOptions { TimeZone = zone.Zone };
        recurring.AddOrUpdate<CloseJob>(MonthlyCloseId, j => j.CloseLastMonthAsync(CancellationToken.None), o.CloseCron, inZone);
        recurring.AddOrUpdate<RestatementCheckJob>(RestatementCheckId, j => j.RunAsync(CancellationToken.None), o.RestatementCheckCron, inZone);
        log.LogInformation("Monthly close at '{Cron}' ({Zone}); restatement check at '{Check}'", o.CloseCron, zone.Id, o.RestatementCheckCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
