using Hangfire;
using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Domain.Periods;
using Kpi.Jobs.Close;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Periods;

/// <summary>
/// The monthly close. <c>POST /api/periods/{period}/close</c> (admin) freezes every department's scorecard as a new
/// version where its numbers changed and renders the packs in the background; <c>GET /api/periods/{period}</c> shows
/// the close's status, each department's versions (with what changed and why) and how far rendering is;
/// <c>GET /api/periods</c> lists the closes. Managers see only their departments.
/// </summary>
public static class PeriodsApi
{
    public sealed record JobResponse(string Id, string? State);

    public sealed record VersionResponse(int Version, int Revision, DateTime FrozenAt, decimal? Total, string? Grade, VersionChanges? Changes);

    public sealed record DepartmentResponse(
        string Department, string Name, int LatestVersion, bool PacksRendered, JobResponse? RenderJob, IReadOnlyList<VersionResponse> Versions);

    public sealed record ProgressResponse(int Expected, int Done, int DepartmentsPending, bool SummaryRendered, JobResponse? SummaryJob);

    public sealed record PeriodResponse(
        string Period, string Status, int Revision, DateTime? RequestedAt, string? RequestedBy, DateTime? FirstFrozenAt, DateTime? LastFrozenAt,
        string? Error, JobResponse? CloseJob, ProgressResponse Packs, IReadOnlyList<DepartmentResponse> Departments);

    public sealed record PeriodSummaryResponse(string Period, string Status, int Revision, DateTime? FirstFrozenAt, DateTime? LastFrozenAt);

    public static IEndpointRouteBuilder MapPeriodsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/periods").WithTags("Periods").RequireAuthorization();
        group.MapGet("/", ListPeriods);
        group.MapGet("/{period}", GetPeriod);
        group.MapPost("/{period}/close", Close).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        return app;
    }

    public static async Task<Ok<List<PeriodSummaryResponse>>> ListPeriods(KpiDbContext db, CancellationToken ct)
    {
        var closes = await db.PeriodCloses.AsNoTracking().OrderByDescending(c => c.Period).ToListAsync(ct);
        return TypedResults.Ok(closes.Select(c => new PeriodSummaryResponse(c.Period, StatusName(c.Status), c.Revision, c.FirstFrozenAt, c.LastFrozenAt)).ToList());
    }

    public static async Task<Results<Accepted<PeriodResponse>, ProblemHttpResult>> Close(
        string period, KpiDbContext db, CloseProgress progress, IBackgroundJobClient jobs, JobStorage storage, CompanyTimeZone zone,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!TryMonth(period, out var month, out var bad)) return bad!;
        var (_, end) = zone.Bounds(month);
        if (clock.GetUtcNow().UtcDateTime < end)
            return Problems.Conflict($"{month} has not ended yet: it can be closed from {PeriodBounds(end, zone)}.");
        if (!await db.Departments.AnyAsync(ct))
            return Problems.Conflict("There are no departments to close: import the org tree first (POST /api/imports/departments).");

        var actor = Caller.From(http.User).Name;
        var key = month.ToString();
        await progress.RequestAsync(key, actor, null, ct);
        var id = jobs.Enqueue<CloseJob>(j => j.RunAsync(key, CloseJob.ManualTrigger, actor, CancellationToken.None));
        await progress.SetCloseJobAsync(key, id, ct);
        var response = await DescribeAsync(key, db, progress, storage, Caller.From(http.User), ct);
        return TypedResults.Accepted($"/api/periods/{key}", response);
    }

    public static async Task<Results<Ok<PeriodResponse>, ProblemHttpResult>> GetPeriod(
        string period, KpiDbContext db, CloseProgress progress, JobStorage storage, HttpContext http, CancellationToken ct)
    {
        if (!TryMonth(period, out var month, out var bad)) return bad!;
        return TypedResults.Ok(await DescribeAsync(month.ToString(), db, progress, storage, Caller.From(http.User), ct));
    }

    private static async Task<PeriodResponse> DescribeAsync(string period, KpiDbContext db, CloseProgress progress, JobStorage storage, Caller caller,
        CancellationToken ct)
    {
        var state = await progress.ProgressAsync(period, ct);
        var close = state.Close;
        var org = await db.LoadOrganisationAsync(ct);
        var versions = await db.ScorecardVersions.AsNoTracking()
            .Where(v => v.Period == period)
            .OrderBy(v => v.DepartmentCode).ThenBy(v => v.Version)
            .Select(v => new { v.DepartmentCode, v.Version, v.Revision, v.FrozenAt, v.Total, v.Grade, v.Changes, v.RenderJobId })
            .ToListAsync(ct);
        var missing = state.Missing.Select(m => m.DepartmentCode).ToHashSet(StringComparer.Ordinal);

        using var jobs = storage.GetConnection();
        JobResponse? Job(string? id) => id is null ? null : new JobResponse(id, jobs.GetStateData(id)?.Name);

        var departments = versions
            .GroupBy(v => v.DepartmentCode)
            .Where(g => Visible(org, caller, g.Key))
            .Select(g =>
            {
                var latest = g.Last();
                return new DepartmentResponse(g.Key, org.Tree.Find(g.Key)?.Name ?? g.Key, latest.Version, !missing.Contains(g.Key),
                    // Finished render jobs are history; only the job of packs still to come says something.
                    missing.Contains(g.Key) ? Job(latest.RenderJobId) : null,
                    g.Select(v => new VersionResponse(v.Version, v.Revision, v.FrozenAt, v.Total, v.Grade,
                        v.Changes is null ? null : VersionChanges.Deserialize(v.Changes))).ToList());
            })
            .ToList();

        // A manager sees the progress of their own packs, not the company's, and no summary (they cannot download it).
        var manager = caller.Role == Roles.Manager;
        var packs = manager
            ? OwnProgress(departments, close is { Revision: > 0 })
            : new ProgressResponse(state.Expected, state.Done, state.Missing.Count, state.SummaryStored, state.SummaryStored ? null : Job(close?.SummaryJobId));
        if (close is null)
            return new PeriodResponse(period, "open", 0, null, null, null, null, null, null, packs, []);
        // The close's error may name any department or carry a database message: administrators read it.
        var error = close.Error is not null && manager ? "The close failed; an administrator can see why." : close.Error;
        return new PeriodResponse(period, StatusName(close.Status), close.Revision, close.RequestedAt, close.RequestedBy, close.FirstFrozenAt,
            close.LastFrozenAt, error, close.Status is CloseStatus.Closing or CloseStatus.Failed ? Job(close.CloseJobId) : null, packs, departments);
    }

    private static ProgressResponse OwnProgress(IReadOnlyList<DepartmentResponse> departments, bool frozen)
    {
        var formats = Kpi.Jobs.Packs.PackFormats.All.Count;
        var expected = frozen ? departments.Count * formats : 0;
        var rendered = departments.Count(d => d.PacksRendered);
        return new ProgressResponse(expected, rendered * formats, departments.Count - rendered, SummaryRendered: false, SummaryJob: null);
    }

    /// <summary>A department still in the tree that the caller may see; one removed since (admins and HR only) by its code.</summary>
    private static bool Visible(StoredOrganisation org, Caller caller, string code) =>
        org.Tree.Contains(code) ? caller.CanSee(org.Tree, code) : caller.Role != Roles.Manager;

    private static bool TryMonth(string text, out Period month, out ProblemHttpResult? problem)
    {
        if (!Problems.TryPeriod(text, out month, out problem)) return false;
        if (month.Kind == PeriodKind.Month) return true;
        problem = Problems.Invalid("period", $"'{text}' is not a month: closes are monthly, e.g. 2026-10.");
        return false;
    }

    private static string PeriodBounds(DateTime utc, CompanyTimeZone zone) =>
        $"{TimeZoneInfo.ConvertTimeFromUtc(utc, zone.Zone):yyyy-MM-dd HH:mm} ({zone.Id})";

    internal static string StatusName(CloseStatus status) => status.ToString().ToLowerInvariant();
}
