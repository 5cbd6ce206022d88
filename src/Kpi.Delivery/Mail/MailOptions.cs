using System.ComponentModel.DataAnnotations;
using Kpi.Domain;

namespace Kpi.Delivery.Mail;

/// <summary>
/// The <c>Kpi:Mail</c> configuration section. With no <see cref="Smtp"/> host, mail is written as <c>.eml</c> files to
/// <c>{DataDirectory}/outbox</c> (nothing to configure); with one, it goes out over SMTP.
/// </summary>
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Kpi:Mail";

    /// <summary>The sender, as an address or <c>Display Name &lt;address&gt;</c>. Its domain also ends every Message-ID.</summary>
    public string From { get; set; } = "Kpi <kpi@localhost>";

    /// <summary>
    /// The largest message, attachments and encoding included, that may leave. A larger one is a failure that says its
    /// size and this limit; it is never sent without its attachment. 10 MiB by default: what many servers accept.
    /// </summary>
    public long MaxMessageBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>
    /// Where a mail's "open in the portal" button leads: the portal's address as recipients reach it (an absolute http or
    /// https address). The default is the service's own default address, right for trying it on one machine.
    /// </summary>
    public string PortalUrl { get; set; } = "http://localhost:5080/";

    /// <summary>
    /// SMTP, when configured: a <see cref="SmtpOptions.Host"/> switches delivery from the pickup folder to it. SMTP
    /// settings an admin stores through <c>PUT /api/mail/smtp</c> (password encrypted at rest) take precedence.
    /// </summary>
    public SmtpOptions? Smtp { get; set; }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp?.Host);

    public Uri Portal => new(PortalUrl, UriKind.Absolute);

    /// <summary>
    /// A page of the portal under <see cref="PortalUrl"/>, which may itself sit under a path (<c>https://intra.example/kpi</c>):
    /// the page is resolved below it, never beside it.
    /// </summary>
    /// <param name="page">The page's path without a leading slash, each segment already URL-safe (<c>company/2026-10</c>).</param>
    public Uri PortalPage(string page)
    {
        var portal = Portal;
        var below = portal.AbsolutePath.EndsWith('/') ? portal : new UriBuilder(portal) { Path = portal.AbsolutePath + "/" }.Uri;
        return new Uri(below, page);
    }

    /// <summary>Every problem of the section, each naming its key (<c>Kpi:Mail:Smtp:Port</c>).</summary>
    public IReadOnlyList<FieldError> Problems()
    {
        var problems = new List<FieldError>();
        if (MailAddresses.Problem($"{Section}:From", From) is { } from) problems.Add(from);
        if (!Uri.TryCreate(PortalUrl, UriKind.Absolute, out var portal) || (portal.Scheme != Uri.UriSchemeHttp && portal.Scheme != Uri.UriSchemeHttps))
            problems.Add(new($"{Section}:PortalUrl", $"must be an absolute http or https address (got '{PortalUrl}')"));
        if (MaxMessageBytes < 1) problems.Add(new($"{Section}:MaxMessageBytes", $"must be a positive number of bytes (got {MaxMessageBytes})"));
        if (UsesSmtp) problems.AddRange(Smtp!.Problems($"{Section}:Smtp"));
        return problems;
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext context) =>
        Problems().Select(p => new ValidationResult($"{p.Field}: {p.Reason}", [p.Field]));
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text: only for a relay on the same host or network.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS; the server must offer it (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}

/// <summary>The <c>Kpi:Mail:Smtp</c> section: where and how to hand mail over.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>The port; by default 25, 587 or 465 by <see cref="Security"/>.</summary>
    public int? Port { get; set; }

    /// <summary><c>none</c>, <c>starttls</c> (the default) or <c>tls</c>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Authenticate as this user when set.</summary>
    public string? User { get; set; }

    /// <summary>The user's password, already decrypted: the caller keeps it encrypted at rest.</summary>
    public string? Password { get; set; }

    /// <summary>How long one SMTP command or read may take before the attempt is given up.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    public int EffectivePort => Port ?? Security switch
    {
        SmtpSecurity.Tls => 465,
        SmtpSecurity.StartTls => 587,
        _ => 25,
    };

    public IEnumerable<FieldError> Problems(string section)
    {
        if (string.IsNullOrWhiteSpace(Host)) yield return new($"{section}:Host", "is required");
        if (Port is < 1 or > 65535) yield return new($"{section}:Port", $"must be between 1 and 65535 (got {Port})");
        if (TimeoutSeconds is < 1 or > 600) yield return new($"{section}:TimeoutSeconds", $"must be between 1 and 600 (got {TimeoutSeconds})");
        if (!string.IsNullOrEmpty(Password) && string.IsNullOrWhiteSpace(User))
            yield return new($"{section}:User", "is required when a password is set");
    }

    /// <summary>Where the options point, for messages: never the user or the password.</summary>
    public override string ToString() => $"{Host}:{EffectivePort} ({Security})";
}
