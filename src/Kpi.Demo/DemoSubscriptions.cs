using Kpi.Delivery.Subscriptions;
using Kpi.Domain.Access;

namespace Kpi.Demo;

/// <summary>
/// The demo company's mail: its executives get the executive summary (PDF, Chinese) after every close, so running the
/// demo and closing a month writes <c>.eml</c> files to <c>{DataDirectory}/outbox</c> (or mails them, when SMTP is set).
/// </summary>
public static class DemoSubscriptions
{
    public const string ExecutiveSummary = "经营月度摘要（高管）";

    /// <returns>The subscription made, or null when the demo has no executive to send to.</returns>
    public static async Task<SubscriptionView?> CreateAsync(MailSubscriptions subscriptions, IEnumerable<DemoUsers.DemoUser> users, CancellationToken ct)
    {
        var executives = users.Where(u => u.Role == Roles.Executive).Select(u => (RecipientRequest?)new RecipientRequest(u.UserName, null, null, null)).ToList();
        if (executives.Count == 0) return null;
        var result = await subscriptions.CreateAsync(new SubscriptionRequest(ExecutiveSummary, ReportKinds.ExecutiveSummary, executives, "zh", ["pdf"],
            new TriggerRequest(AfterClose: true, null, null), Enabled: true), "demo", ct);
        if (result.Problems.Count > 0)
            throw new InvalidOperationException($"The demo subscription is not valid: {string.Join("; ", result.Problems.Select(p => $"{p.Field}: {p.Reason}"))}");
        return result.Subscription;
    }
}
