using Kpi.Delivery.Mail;
using Kpi.Delivery.Outbox;
using Kpi.Delivery.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Delivery;

public static class DeliveryHosting
{
    /// <summary>
    /// Mail (<see cref="MailHosting.AddKpiMail"/>), subscriptions and the outbox, for every host that plans, sends or
    /// shows mail. The host adds what the outbox asks for: <see cref="IReportContent"/> and <see cref="IOutboxQueue"/>
    /// (Kpi.Jobs does both).
    /// </summary>
    public static IServiceCollection AddKpiDelivery(this IServiceCollection services, string dataDirectory)
    {
        services.AddKpiMail(dataDirectory);
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SenderLease>();
        services.AddScoped<MailSubscriptions>();
        services.AddScoped<Deliveries>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<OutboxPlanner>();
        services.AddScoped<OutboxMailBuilder>();
        services.AddScoped<OutboxSender>();
        services.AddScoped<OutboxRecovery>();
        return services;
    }
}
