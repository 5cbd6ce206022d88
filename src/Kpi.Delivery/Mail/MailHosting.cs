using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kpi.Delivery.Mail;

public static class MailHosting
{
    /// <summary>
    /// The <c>Kpi:Mail</c> options (validated on start), the composer and the one transport: SMTP when
    /// <c>Kpi:Mail:Smtp:Host</c> is set, otherwise <c>.eml</c> files in <c>{dataDirectory}/outbox</c>.
    /// </summary>
    public static IServiceCollection AddKpiMail(this IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MailComposer>();
        services.AddSingleton<IMailTransport>(sp => CreateTransport(sp.GetRequiredService<IOptions<MailOptions>>().Value, dataDirectory));
        return services;
    }

    public static IMailTransport CreateTransport(MailOptions options, string dataDirectory) => options.UsesSmtp
        ? new SmtpTransport(options.Smtp!, options.MaxMessageBytes)
        : new PickupFolderTransport(OutboxFolder(dataDirectory), options.MaxMessageBytes);

    /// <summary>Where the embedded default writes mail: <c>{DataDirectory}/outbox</c>.</summary>
    public static string OutboxFolder(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), "outbox");
}
