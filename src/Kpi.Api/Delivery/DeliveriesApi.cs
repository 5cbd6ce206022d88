using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Delivery.Outbox;
using Kpi.Storage.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Delivery;

/// <summary>
/// The outbox as the admin reads it: every recipient's mail with its status, attempts, times and the SMTP answer or
/// error (<c>GET /api/deliveries?period=&amp;status=</c>), and the one way to send a mail again on purpose
/// (<c>POST /api/deliveries/{id}/resend</c>, audited) — the outbox never resends an <c>unknown</c> mail by itself.
/// </summary>
public static class DeliveriesApi
{
    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/deliveries").WithTags("Delivery").RequireAuthorization(AuthHosting.Admin);
        group.MapGet("/", List).WithSummary("The outbox: each recipient's mail with its status, attempts, times and SMTP answer (admin)")
            .WithDescription($"Filter by period, status ({string.Join(", ", Deliveries.Statuses)}) and subscription; limit 1–5000 "
                             + "(default 1000). 400 names a wrong filter.");
        group.MapGet("/{id:long}", Get).WithSummary("One mail of the outbox (admin)").WithDescription("404 for an unknown delivery.");
        group.MapPost("/{id:long}/resend", Resend).WithSummary("Send a mail again on purpose (admin, 202)")
            .WithDescription("For a mail that failed, or whose fate is unknown (the outbox never resends those by itself). Audited. 409 while "
                             + "the mail is still pending or sending; 404 for an unknown delivery.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<DeliveryView>>, ProblemHttpResult>> List(
        string? period, string? status, long? subscription, int? limit, Deliveries deliveries, CancellationToken ct)
    {
        string? month = null;
        if (!string.IsNullOrEmpty(period))
        {
            if (!Problems.TryPeriod(period, out var parsed, out var problem)) return problem!;
            month = parsed.ToString();
        }
        OutboxStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Deliveries.TryParseStatus(status, out var parsed))
                return Problems.Invalid("status", $"must be one of {string.Join(", ", Deliveries.Statuses)} (got '{status}')");
            wanted = parsed;
        }
        if (limit is < 1 or > 5000) return Problems.Invalid("limit", $"must be between 1 and 5000 (got {limit})");
        return TypedResults.Ok(await deliveries.ListAsync(month, wanted, subscription, limit ?? 1000, ct));
    }

    public static async Task<Results<Ok<DeliveryView>, ProblemHttpResult>> Get(long id, Deliveries deliveries, CancellationToken ct) =>
        await deliveries.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : NoSuchDelivery(id);

    /// <summary>Queues the mail again (audited). 409 while the outbox still holds it as pending or sending.</summary>
    public static async Task<Results<Accepted<DeliveryView>, ProblemHttpResult>> Resend(long id, Deliveries deliveries, HttpContext http, CancellationToken ct)
    {
        var result = await deliveries.ResendAsync(id, Caller.From(http.User).Name, ct);
        if (!result.Found) return NoSuchDelivery(id);
        if (result.Refusal is not null) return Problems.Conflict(result.Refusal);
        return TypedResults.Accepted($"/api/deliveries/{id}", result.Delivery!);
    }

    private static ProblemHttpResult NoSuchDelivery(long id) => Problems.NotFound($"There is no delivery {id}.");
}
