using Kpi.Domain;
using MimeKit;

namespace Kpi.Delivery.Mail;

/// <summary>The one check of a mail address, for options, recipients and (later) subscriptions alike.</summary>
public static class MailAddresses
{
    /// <summary>
    /// Null when <paramref name="value"/> is one mailbox (<c>ceo@huacai.example</c> or <c>王总 &lt;ceo@huacai.example&gt;</c>);
    /// otherwise what is wrong with it, naming <paramref name="field"/>.
    /// </summary>
    public static FieldError? Problem(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return new(field, "is required");
        if (value.Any(char.IsControl)) return new(field, "must not contain line breaks or control characters");
        if (!MailboxAddress.TryParse(value, out var mailbox) || mailbox.Address.IndexOf('@') is <= 0 || mailbox.Address.EndsWith('@'))
            return new(field, $"'{value}' is not a mail address");
        return null;
    }

    /// <summary>The mailbox of a value that passed <see cref="Problem"/>.</summary>
    public static MailboxAddress Parse(string value) => MailboxAddress.Parse(value);
}
