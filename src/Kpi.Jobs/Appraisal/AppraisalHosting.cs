using Hangfire;
using Kpi.Domain.Periods;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kpi.Jobs.Appraisal;

public static class AppraisalHosting
{
    /// <summary>The appraisal use cases, files and jobs, and the daily reminder schedule, for any host that runs or enqueues them.</summary>
    public static void AddKpiAppraisal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppraisalOptions>().BindConfiguration(AppraisalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<AppraisalWorkflow>();
        builder.Services.AddScoped<AppraisalReads>();
        builder.Services.AddScoped<AppraisalFiles>();
        builder.Services.AddScoped<AppraisalFormJobs>();
        builder.Services.AddScoped<AppraisalReminderJob>();
        // Hosts with mail delivery mail them instead (AddKpiDeliveryJobs registers AppraisalReminderMails).
        builder.Services.TryAddScoped<IAppraisalReminders, LoggedAppraisalReminders>();
        builder.Services.AddHostedService<AppraisalSchedule>();
    }
}

/// <summary>Registers (or removes) the daily reminder run on start, in the company time zone; idempotent, so every host may do it.</summary>
public sealed class AppraisalSchedule(IRecurringJobManager recurring, IOptions<AppraisalOptions> options, CompanyTimeZone zone, ILogger<AppraisalSchedule> log)
    : IHostedService
{
    public const string RemindersId = "appraisal-reminders";

    public Task StartAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.RemindersEnabled)
        {
            recurring.RemoveIfExists(RemindersId);
            return Task.CompletedTask;
        }
        recurring.AddOrUpdate<AppraisalReminderJob>(RemindersId, j => j.RunAsync(CancellationToken.None), o.ReminderCron,
            new RecurringJobOptions { TimeZone = zone.Zone });
        log.LogInformation("Appraisal reminders at '{Cron}' ({Zone})", o.ReminderCron, zone.Id);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
