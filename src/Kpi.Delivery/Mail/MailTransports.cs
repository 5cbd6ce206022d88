using Microsoft.Extensions.Options;

namespace Kpi.Delivery.Mail;

/// <summary>The data directory whose <c>outbox</c> folder the embedded default writes <c>.eml</c> files to.</summary>
public sealed record MailFolder(string DataDirectory);

/// <summary>
/// The transport mail leaves by right now: SMTP with the settings an admin stored through the API, else as
/// <c>Kpi:Mail</c> configures it (SMTP when <c>Kpi:Mail:Smtp:Host</c> is set, else the pickup folder). Asked for every
/// message, so a change of settings counts from the next mail on, on every host.
/// </summary>
public sealed class MailTransports(SmtpSettingsStore stored, IOptions<MailOptions> options, MailFolder folder)
{
    /// <exception cref="SmtpSettingsException">Stored settings whose password this host cannot decrypt.</exception>
    public async Task<IMailTransport> CurrentAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        return await stored.LoadAsync(ct) is { } smtp
            ? new SmtpTransport(smtp, o.MaxMessageBytes)
            : MailHosting.CreateTransport(o, folder.DataDirectory);
    }
}
