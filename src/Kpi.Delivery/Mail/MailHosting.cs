using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kpi.Delivery.Mail;

public static class MailHosting
{
    /// <summary>
    /// The <c>Kpi:Mail</c> options (validated on start), the composer, the stored SMTP settings and
    /// <see cref="MailTransports"/>, which picks the transport for each message: stored SMTP settings, else SMTP when
    /// <c>Kpi:Mail:Smtp:Host</c> is set, else <c>.eml</c> files in <c>{dataDirectory}/outbox</c>.
    /// </summary>
    public static IServiceCollection AddKpiMail(this IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new MailFolder(dataDirectory));
        services.AddSingleton<MailComposer>();
        services.AddScoped<SmtpSettingsStore>();
        services.AddScoped<MailTransports>();
        return services;
    }

    /// <summary>The transport <c>Kpi:Mail</c> configures: SMTP when it names a host, else the pickup folder.</summary>
    public static IMailTransport CreateTransport(MailOptions options, string dataDirectory) => options.UsesSmtp
        ? new SmtpTransport(options.Smtp!, options.MaxMessageBytes)
        : new PickupFolderTransport(OutboxFolder(dataDirectory), options.MaxMessageBytes);

    /// <summary>Where the embedded default writes mail: <c>{DataDirectory}/outbox</c>.</summary>
    public static string OutboxFolder(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), "outbox");
}
