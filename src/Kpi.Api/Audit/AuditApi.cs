using Kpi.Domain.Access;
using System.Text.Json;
using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Audit;

/// <summary>
/// <c>GET /api/audit</c> (admin): who changed what, when — scorecards and their targets, sources, API keys — newest
/// first, filtered by entity and key, paged with <c>before</c> (the last id seen). Details are the stored JSON
/// (a scorecard's definition before and after; a source's options with secrets masked).
/// </summary>
public static class AuditApi
{
    public const int MaxLimit = 500;

    public sealed record EntryResponse(long Id, DateTime At, string Actor, string Action, string Entity, string Key, JsonElement? Details);

    public sealed record PageResponse(IReadOnlyList<EntryResponse> Entries, string? Next);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ListEntries).WithTags("Audit").RequireAuthorization(AuthHosting.Admin)
            .WithSummary("The audit trail, newest first: who changed what, and when (admin)")
            .WithDescription($"Filter by entity and key; page with before (the last id seen) and limit (1–{MaxLimit}, default 100): next is the "
                             + "next page's address. 400 for a limit out of range.");
        return app;
    }

    public static async Task<Results<Ok<PageResponse>, ProblemHttpResult>> ListEntries(
        KpiDbContext db, string? entity, string? key, long? before, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit) return Problems.Invalid("limit", $"must be 1–{MaxLimit}");
        var take = limit ?? 100;
        var query = db.Audit.AsNoTracking();
        if (!string.IsNullOrEmpty(entity)) query = query.Where(a => a.Entity == entity);
        if (!string.IsNullOrEmpty(key)) query = query.Where(a => a.EntityKey == key);
        if (before is { } last) query = query.Where(a => a.Id < last);
        // One more than asked tells whether there is a next page.
        var rows = await query.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);

        var entries = rows.Take(take)
            .Select(a => new EntryResponse(a.Id, DateTime.SpecifyKind(a.At, DateTimeKind.Utc), a.Actor, a.Action, a.Entity, a.EntityKey, Details(a.Details)))
            .ToList();
        string? next = null;
        if (rows.Count > take)
        {
            var filters = (string.IsNullOrEmpty(entity) ? "" : $"&entity={Uri.EscapeDataString(entity)}")
                + (string.IsNullOrEmpty(key) ? "" : $"&key={Uri.EscapeDataString(key)}");
            next = $"/api/audit?before={entries[^1].Id}&limit={take}{filters}";
        }
        return TypedResults.Ok(new PageResponse(entries, next));
    }

    // Every writer of the trail stores its details as JSON (JsonSerializer.Serialize).
    private static JsonElement? Details(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);
}
