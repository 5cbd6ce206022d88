using Kpi.Delivery;
using Kpi.Delivery.Outbox;
using Kpi.Jobs.Appraisal;
using Kpi.Jobs.Packs;
using Kpi.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Kpi.Jobs.Delivery;

public static class DeliveryJobsHosting
{
    /// <summary>Subscriptions and the outbox with their Hangfire jobs and report content, for every host that runs or queues jobs.</summary>
    public static void AddKpiDeliveryJobs(this IHostApplicationBuilder builder, KpiOptions options)
    {
        builder.Services.AddKpiDelivery(options.DataPath);
        builder.Services.TryAddScoped<ReportFiles>();
        builder.Services.AddScoped<IReportContent, ReportContent>();
        builder.Services.AddSingleton<IOutboxQueue, OutboxQueue>();
        builder.Services.AddScoped<OutboxJobs>();
        builder.Services.AddHostedService<DeliverySchedule>();
        // Reminders go out as mail where mail is delivered (replacing the log-only default of AddKpiAppraisal).
        builder.Services.Replace(ServiceDescriptor.Scoped<IAppraisalReminders, AppraisalReminderMails>());
    }
}
