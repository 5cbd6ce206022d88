using Kpi.Domain.Access;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Ingestion.Sources;
using Kpi.Jobs.Sources;
using Kpi.Ingestion.Sources.Connectors;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kpi.Api.Sources;

/// <summary>
/// Scheduled sources (admin only): define one with <c>PUT /api/sources/{name}</c>, read it (secrets masked), delete it,
/// run it now, and read its run history. Saving or deleting a source updates its Hangfire recurring job at once.
/// </summary>
public static class SourcesApi
{
    public sealed record ScheduleResponse(string Cron, string TimeZone, DateTime? NextRun);

    public sealed record RetryResponse(int Attempts, int DelaySeconds);

    public sealed record SourceResponse(
        string Name, string Kind, string Connector, bool Enabled, ScheduleResponse Schedule, RetryResponse Retry, JsonObject Options,
        string? Watermark, DateTime CreatedAt, DateTime UpdatedAt, string UpdatedBy);

    public sealed record RunResponse(
        long Id, string Source, string Trigger, int Attempt, string Status, DateTime StartedAt, DateTime? FinishedAt,
        long Accepted, long Updated, long Unchanged, long Rejected, int Batches, string? WatermarkBefore, string? WatermarkAfter,
        string? Error, string? JobId, string? Worker);

    public sealed record RunQueuedResponse(string Source, string JobId);

    public static IEndpointRouteBuilder MapSourcesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sources").WithTags("Sources").RequireAuthorization(AuthHosting.Admin);
        group.MapGet("/", ListSources).WithSummary("Every scheduled source with its schedule, next run and watermark; secrets masked (admin)");
        group.MapGet("/{name}", GetSource).WithSummary("One source: its definition, schedule, next run and watermark; secrets masked (admin)")
            .WithDescription("404 when there is no such source.");
        group.MapPut("/{name}", PutSource).WithSummary("Create or replace a source, and its recurring job with it (admin)")
            .WithDescription("201 when the source is new, 200 when it replaced one. 400 names every wrong field of the definition. Audited, with secrets masked.");
        group.MapDelete("/{name}", DeleteSource).WithSummary("Delete a source, its watermark and its recurring job (admin)")
            .WithDescription("404 when there is no such source. Audited.");
        group.MapPost("/{name}/run", RunSource).WithSummary("Run a source now, in the background (admin, 202)")
            .WithDescription("202 with the Hangfire job id; the run then shows in GET /api/sources/{name}/runs. 404 when there is no such source.");
        group.MapGet("/{name}/runs", ListRuns).WithSummary("A source's runs, newest first (admin)")
            .WithDescription("limit: how many, 1–1000 (default 50; others are clamped). 404 when there is no such source.");
        return app;
    }

    public static async Task<Ok<List<SourceResponse>>> ListSources(KpiDbContext db, SourceConnectors connectors, SourceSchedules schedules, CancellationToken ct)
    {
        var sources = await db.Sources.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var marks = await db.SourceWatermarks.AsNoTracking().ToDictionaryAsync(w => w.SourceName, w => w.Value, ct);
        return TypedResults.Ok(sources.Select(s => ToResponse(s, marks.GetValueOrDefault(s.Name), connectors, schedules)).ToList());
    }

    public static async Task<Results<Ok<SourceResponse>, ProblemHttpResult>> GetSource(
        string name, KpiDbContext db, SourceConnectors connectors, SourceSchedules schedules, CancellationToken ct)
    {
        var source = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, ct);
        if (source is null) return NoSuchSource(name);
        var mark = await db.SourceWatermarks.AsNoTracking().Where(w => w.SourceName == name).Select(w => w.Value).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(ToResponse(source, mark, connectors, schedules));
    }

    public static async Task<Results<Ok<SourceResponse>, Created<SourceResponse>, ProblemHttpResult>> PutSource(
        string name, SourceRequest request, KpiDbContext db, SourceConnectors connectors, SourceSchedules schedules, IOptions<KpiOptions> options,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var source = await db.Sources.FirstOrDefaultAsync(s => s.Name == name, ct);
        var created = source is null;
        source ??= new SourceEntity { Name = name };
        var problems = SourceDefinitions.Apply(source, request, connectors, options.Value.TimeZone);
        if (problems.Count > 0) return Problems.Invalid(problems, "The source definition is not valid");

        var now = clock.GetUtcNow().UtcDateTime;
        var actor = Caller.From(http.User).Name;
        if (created)
        {
            source.CreatedAt = now;
            db.Sources.Add(source);
        }
        source.UpdatedAt = now;
        source.UpdatedBy = actor;
        db.Audit.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = created ? "source.created" : "source.updated", Entity = "source", EntityKey = name,
            // The masked options: the audit trail must not become a second place where secrets are kept.
            Details = JsonSerializer.Serialize(new
            {
                kind = source.Kind, connector = source.Connector, cron = source.Cron, time_zone = source.TimeZone, enabled = source.Enabled,
                options = SourceDefinitions.Describe(source, connectors),
            }),
        });
        await db.SaveChangesAsync(ct);
        schedules.Apply(source);

        var mark = await db.SourceWatermarks.AsNoTracking().Where(w => w.SourceName == name).Select(w => w.Value).FirstOrDefaultAsync(ct);
        var response = ToResponse(source, mark, connectors, schedules);
        return created ? TypedResults.Created($"/api/sources/{name}", response) : TypedResults.Ok(response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSource(
        string name, KpiDbContext db, SourceSchedules schedules, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var source = await db.Sources.FirstOrDefaultAsync(s => s.Name == name, ct);
        if (source is null) return NoSuchSource(name);
        db.Sources.Remove(source);
        await db.SourceWatermarks.Where(w => w.SourceName == name).ExecuteDeleteAsync(ct);
        db.Audit.Add(new AuditEntry { At = clock.GetUtcNow().UtcDateTime, Actor = Caller.From(http.User).Name, Action = "source.deleted", Entity = "source", EntityKey = name });
        await db.SaveChangesAsync(ct);
        schedules.Remove(name);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Accepted<RunQueuedResponse>, ProblemHttpResult>> RunSource(
        string name, KpiDbContext db, SourceSchedules schedules, CancellationToken ct)
    {
        if (!await db.Sources.AnyAsync(s => s.Name == name, ct)) return NoSuchSource(name);
        var jobId = schedules.RunNow(name);
        return TypedResults.Accepted($"/api/sources/{name}/runs", new RunQueuedResponse(name, jobId));
    }

    public static async Task<Results<Ok<List<RunResponse>>, ProblemHttpResult>> ListRuns(string name, int? limit, KpiDbContext db, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 50, 1, 1000);
        var runs = await db.SourceRuns.AsNoTracking().Where(r => r.SourceName == name).OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);
        if (runs.Count == 0 && !await db.Sources.AnyAsync(s => s.Name == name, ct)) return NoSuchSource(name);
        return TypedResults.Ok(runs.Select(r => new RunResponse(r.Id, r.SourceName, r.Trigger, r.Attempt, r.Status.ToString().ToLowerInvariant(),
            r.StartedAt, r.FinishedAt, r.Accepted, r.Updated, r.Unchanged, r.Rejected, r.Batches, r.WatermarkBefore, r.WatermarkAfter,
            r.Error, r.JobId, r.Worker)).ToList());
    }

    private static SourceResponse ToResponse(SourceEntity s, string? watermark, SourceConnectors connectors, SourceSchedules schedules) =>
        new(s.Name, s.Kind, s.Connector, s.Enabled, new ScheduleResponse(s.Cron, s.TimeZone, s.Enabled ? schedules.NextRun(s.Name) : null),
            new RetryResponse(s.RetryAttempts, s.RetryDelaySeconds), SourceDefinitions.Describe(s, connectors), watermark, s.CreatedAt, s.UpdatedAt, s.UpdatedBy);

    private static ProblemHttpResult NoSuchSource(string name) => Problems.NotFound($"There is no source '{name}'.");
}
