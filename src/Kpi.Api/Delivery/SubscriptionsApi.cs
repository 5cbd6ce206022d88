using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Delivery.Outbox;
using Kpi.Delivery.Subscriptions;
using Kpi.Storage.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Delivery;

/// <summary>
/// Mail subscriptions (admin only): who gets which report, in which language, on which trigger. The rules live in
/// <see cref="MailSubscriptions"/> (every 400 names its field, an executive summary to a role that may not see it names
/// the recipient); <c>POST /api/subscriptions/{id}/send?period=</c> mails a closed period now, each recipient once.
/// </summary>
public static class SubscriptionsApi
{
    /// <summary>What a send did: the rows of the period's current revision for this subscription, and how many were new.</summary>
    public sealed record SendResponse(long Subscription, string Period, int Revision, int Created, IReadOnlyList<long> Deliveries);

    private const string ChangeDescription =
        "400 names every wrong field, and a recipient whose role may not see the report (an executive summary to a manager). Audited.";

    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/subscriptions").WithTags("Delivery").RequireAuthorization(AuthHosting.Admin);
        group.MapGet("/", List).WithSummary("Every mail subscription with its recipients and trigger (admin)");
        group.MapGet("/{id:long}", Get).WithSummary("One mail subscription (admin)").WithDescription("404 for an unknown subscription.");
        group.MapPost("/", Create).WithSummary("Subscribe recipients to a report: which one, in which language, on which trigger (admin)")
            .WithDescription(ChangeDescription);
        group.MapPut("/{id:long}", Update).WithSummary("Replace a mail subscription's definition (admin)")
            .WithDescription(ChangeDescription + " 404 for an unknown subscription.");
        group.MapDelete("/{id:long}", Delete).WithSummary("Delete a mail subscription and its schedule; its mails stay as history (admin)")
            .WithDescription("Mails of it not yet sent are not sent. 404 for an unknown subscription. Audited.");
        group.MapPost("/{id:long}/send", Send).WithSummary("Mail a closed month's report to the subscription's recipients now (admin, 202)")
            .WithDescription("period is required. Each recipient gets the current revision once: a second send queues only what is still pending. "
                             + "409 when the period is not closed; 404 for an unknown subscription; 400 for a missing or wrong period.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<SubscriptionView>>> List(MailSubscriptions subscriptions, CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.ListAsync(ct));

    public static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> Get(long id, MailSubscriptions subscriptions, CancellationToken ct) =>
        await subscriptions.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : NoSuchSubscription(id);

    public static async Task<Results<Created<SubscriptionView>, ProblemHttpResult>> Create(
        SubscriptionRequest? request, MailSubscriptions subscriptions, HttpContext http, CancellationToken ct)
    {
        var result = await subscriptions.CreateAsync(request, Caller.From(http.User).Name, ct);
        if (result.Problems.Count > 0) return Problems.Invalid(result.Problems, "The subscription is not valid");
        return TypedResults.Created($"/api/subscriptions/{result.Subscription!.Id}", result.Subscription);
    }

    public static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> Update(
        long id, SubscriptionRequest? request, MailSubscriptions subscriptions, HttpContext http, CancellationToken ct)
    {
        var result = await subscriptions.UpdateAsync(id, request, Caller.From(http.User).Name, ct);
        if (!result.Found) return NoSuchSubscription(id);
        if (result.Problems.Count > 0) return Problems.Invalid(result.Problems, "The subscription is not valid");
        return TypedResults.Ok(result.Subscription!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, MailSubscriptions subscriptions, HttpContext http, CancellationToken ct) =>
        await subscriptions.DeleteAsync(id, Caller.From(http.User).Name, ct) ? TypedResults.NoContent() : NoSuchSubscription(id);

    /// <summary>
    /// Mails the subscription's report of a closed period now, at its current revision. Rows that exist are not made
    /// again: a second send queues only what is still pending, and mails nobody twice. 409 when the period is not closed.
    /// </summary>
    public static async Task<Results<Accepted<SendResponse>, ProblemHttpResult>> Send(
        long id, string? period, OutboxPlanner planner, MailSubscriptions subscriptions, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(period)) return Problems.Invalid("period", "is required (a month such as 2026-10)");
        if (!Problems.TryPeriod(period, out var month, out var problem)) return problem!;
        if (await subscriptions.GetAsync(id, ct) is null) return NoSuchSubscription(id);
        var outcome = await planner.SubscriptionAsync(id, month.ToString(), Triggers.Manual, ct);
        if (!outcome.Planned) return Problems.Conflict(outcome.Refusal!);
        return TypedResults.Accepted($"/api/deliveries?period={outcome.Period}",
            new SendResponse(id, outcome.Period, outcome.Revision, outcome.Created, outcome.Rows));
    }

    private static ProblemHttpResult NoSuchSubscription(long id) => Problems.NotFound($"There is no subscription {id}.");
}
