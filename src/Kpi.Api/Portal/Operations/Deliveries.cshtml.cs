using Kpi.Api.Auth;
using Kpi.Api.Delivery;
using Kpi.Api.Portal.Shared;
using Kpi.Delivery.Outbox;
using Kpi.Delivery.Subscriptions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Operations;

/// <summary>
/// <c>/operations/deliveries</c> (admins): the mail subscriptions, and the outbox as <c>GET /api/deliveries</c> reads it —
/// every recipient's mail with its state, attempts and the server's answer, filtered by month and state, failures
/// first in mind: <c>failed</c> and <c>unknown</c> mails carry a resend button, the same audited
/// <see cref="Deliveries.ResendAsync"/> the API's resend calls (the outbox never resends an <c>unknown</c> mail itself).
/// </summary>
public sealed class DeliveriesModel(PortalContext portal, Deliveries deliveries, MailSubscriptions subscriptions) : PortalPage(portal)
{
    /// <summary>How many mails the page lists: the newest, after the filter.</summary>
    public const int Shown = 200;

    public IReadOnlyList<SubscriptionView> Subscriptions { get; private set; } = [];
    public IReadOnlyList<DeliveryView> Mails { get; private set; } = [];

    /// <summary>The filter as the page shows it back, once the API accepted it (a month and one of the outbox's states, or empty).</summary>
    public string? Period { get; private set; }
    public string? Status { get; private set; }

    public string? Done { get; private set; }
    public string? StepError { get; private set; }

    public Task<IActionResult> OnGetAsync(string? period, string? status, CancellationToken ct) => ShowAsync(period, status, ct);

    /// <summary>Sends one mail again on purpose (audited under the signed-in admin); refused while the outbox still holds it.</summary>
    public async Task<IActionResult> OnPostResendAsync(long id, string? period, string? status, CancellationToken ct)
    {
        var result = await deliveries.ResendAsync(id, Caller.From(User).Name, ct);
        if (!result.Found) return Refuse(404, $"没有投递 {id}。", $"There is no delivery {id}.");
        if (result.Refusal is not null)
        {
            StepError = result.Refusal;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else Done = T($"投递 {id} 已重新排队发送。", $"Delivery {id} is queued to be sent again.");
        return await ShowAsync(period, status, ct);
    }

    private async Task<IActionResult> ShowAsync(string? period, string? status, CancellationToken ct)
    {
        Title = T("邮件订阅与投递", "Subscriptions and deliveries");
        // The API's own handler validates the filter (a month, one of the outbox's states) and reads the outbox.
        var listed = await DeliveriesApi.List(period, status, null, Shown, deliveries, ct);
        if (listed.Result is ProblemHttpResult problem)
            return Refuse(400, $"筛选条件有误:{ProblemText.Of(problem)}", $"The filter is not valid: {ProblemText.Of(problem)}");
        Mails = ((Ok<IReadOnlyList<DeliveryView>>)listed.Result).Value!;
        (Period, Status) = (string.IsNullOrEmpty(period) ? null : period, string.IsNullOrEmpty(status) ? null : status);
        Subscriptions = await subscriptions.ListAsync(ct);
        return Page();
    }

    /// <summary>Who a subscription mails, in a line: users by name, addresses with their role and departments.</summary>
    public static string Recipients(SubscriptionView s) => string.Join("; ", s.Recipients.Select(r => r.User
        ?? $"{r.Email} ({r.Role}{(r.Departments is { Count: > 0 } d ? " · " + string.Join(", ", d) : "")})"));

    public string ReportName(string report) => report switch
    {
        "executive_summary" => T("经营月度摘要", "Executive summary"),
        "department_packs" => T("部门月度报告", "Department packs"),
        _ => report,
    };

    /// <summary>The subscription a mail belongs to, by name; a mail of no subscription (an appraisal reminder) by its kind.</summary>
    public string SubscriptionName(DeliveryView d) =>
        d.Subscription is { } id ? Subscriptions.FirstOrDefault(s => s.Id == id)?.Name ?? $"#{id}"
        : d.Kind == Kpi.Jobs.Delivery.AppraisalReminderMails.Kind ? T("绩效考核提醒", "Appraisal reminder") : d.Kind;

    public static bool MayResend(DeliveryView d) => d.Status is "failed" or "unknown" or "sent";
}
