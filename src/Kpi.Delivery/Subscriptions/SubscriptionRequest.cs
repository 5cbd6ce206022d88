namespace Kpi.Delivery.Subscriptions;

/// <summary>
/// A subscription as an admin sends it (<c>POST /api/subscriptions</c>, <c>PUT /api/subscriptions/{id}</c>):
/// <c>{"name","report":"executive_summary"|"department_packs","recipients":[{"user":"ceo"}|{"email","role","departments"}],
/// "language":"zh"|"en","attachments":["pdf","xlsx"],"trigger":{"after_close":true}|{"cron","time_zone"},"enabled"}</c>.
/// Everything but name, report and recipients has a default: zh, a PDF, after the close, enabled.
/// </summary>
public sealed record SubscriptionRequest(
    string? Name,
    string? Report,
    IReadOnlyList<RecipientRequest?>? Recipients,
    string? Language,
    IReadOnlyList<string?>? Attachments,
    TriggerRequest? Trigger,
    bool? Enabled);

/// <summary>A user by user name, or an address with a role and (for a manager) the departments whose subtrees they may see.</summary>
public sealed record RecipientRequest(string? User, string? Email, string? Role, IReadOnlyList<string?>? Departments);

/// <summary><c>{"after_close": true}</c> (the default) or <c>{"cron": "0 9 5 * *", "time_zone": "Asia/Shanghai"}</c>.</summary>
public sealed record TriggerRequest(bool? AfterClose, string? Cron, string? TimeZone);

/// <summary>A subscription as the API answers it.</summary>
public sealed record SubscriptionView(
    long Id,
    string Name,
    string Report,
    IReadOnlyList<RecipientView> Recipients,
    string Language,
    IReadOnlyList<string> Attachments,
    TriggerView Trigger,
    bool Enabled,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime UpdatedAt,
    string UpdatedBy);

/// <summary>
/// A recipient as stored: a user (with their current address and role, read from the user, for the admin's eye) or an
/// address with its role and departments.
/// </summary>
public sealed record RecipientView(string? User, string? Email, string? Role, IReadOnlyList<string>? Departments);

/// <param name="NextRun">When a cron subscription's job runs next (UTC), as Hangfire computed it in <paramref name="TimeZone"/>.</param>
public sealed record TriggerView(bool AfterClose, string? Cron, string? TimeZone, DateTime? NextRun);
