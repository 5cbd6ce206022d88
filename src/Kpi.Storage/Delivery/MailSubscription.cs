namespace Kpi.Storage.Delivery;

/// <summary>
/// Who receives which report by mail: the executive summary or the department packs, in one language, with the chosen
/// attachments, after every close (<see cref="Cron"/> null) or on a cron schedule in a time zone. Each recipient is a
/// user or an address with a role and departments (<see cref="SubscriptionRecipient"/>); what a recipient gets is
/// decided by their scope when a mail is planned, never by who made the subscription.
/// </summary>
public sealed class MailSubscription
{
    public const int MaxNameLength = 100;

    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary><c>executive_summary</c> or <c>department_packs</c>.</summary>
    public string Report { get; set; } = "";

    /// <summary><c>zh</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "zh";

    /// <summary>The attached formats, comma-separated: <c>pdf</c>, <c>xlsx</c> or both; empty for none.</summary>
    public string Attachments { get; set; } = "pdf";

    /// <summary>The schedule (five or six fields, as Hangfire reads them); null sends after every close.</summary>
    public string? Cron { get; set; }

    /// <summary>The IANA time zone the cron is read in; null with an after-close trigger.</summary>
    public string? TimeZone { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public List<SubscriptionRecipient> Recipients { get; set; } = [];

    public IReadOnlyList<string> AttachmentList => Attachments.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// One recipient of a subscription: a user (their address, role and scope are read when a mail is planned, so a
/// promotion or a new department counts from the next mail on), or an address with a role and, for a manager, the
/// departments whose subtrees they may see.
/// </summary>
public sealed class SubscriptionRecipient
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }

    /// <summary>The order the admin gave, so the API answers as it was asked.</summary>
    public int Position { get; set; }

    public int? UserId { get; set; }

    /// <summary>For an address recipient: the mailbox, as given (<c>王总 &lt;ceo@huacai.example&gt;</c> or a bare address).</summary>
    public string? Email { get; set; }

    /// <summary>For an address recipient: one of <c>Kpi.Domain.Access.Roles</c>.</summary>
    public string? Role { get; set; }

    /// <summary>For an address recipient with the manager role: department codes, comma-separated.</summary>
    public string Departments { get; set; } = "";

    public IReadOnlyList<string> DepartmentList => Departments.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
