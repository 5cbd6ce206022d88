using Hangfire;
using Kpi.Domain.Access;
using Kpi.Domain.Periods;
using Kpi.Jobs.Packs;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Jobs.Close;

/// <summary>The answer to a close request: the job that will do it, or why it cannot be done.</summary>
public sealed record CloseRequest(string? JobId, string? Refusal)
{
    public bool Accepted => JobId is not null;
}

/// <summary>
/// The monthly close as a use case: asking for a close (by an admin, by the schedule, by the restatement check — one
/// way for all three) and describing where a close is, for whoever asks, within what they may see. The work itself is
/// <see cref="CloseJob"/> (freeze, fan out) and <see cref="CloseProgress"/> (the state machine); endpoints call this.
/// </summary>
public sealed class MonthlyClose(KpiDbContext db, CloseProgress progress, IBackgroundJobClient jobs, JobStorage storage, CompanyTimeZone zone,
    TimeProvider clock)
{
    /// <summary>The first month that can be closed: a close's trends and same-month-last-year reach back a year, within the supported years.</summary>
    public static readonly Period EarliestMonth = Period.Month(Period.MinYear + 1, 1);

    /// <summary>
    /// Marks the month closing and queues its close job. Refused while the month has not ended (company time zone)
    /// and when there is no org tree to close.
    /// </summary>
    /// <param name="trigger"><see cref="CloseJob.ManualTrigger"/>, <see cref="CloseJob.ScheduleTrigger"/> or <see cref="CloseJob.RestatementTrigger"/>.</param>
    public async Task<CloseRequest> RequestAsync(Period month, string trigger, string actor, CancellationToken ct)
    {
        if (month.Kind != PeriodKind.Month) throw new ArgumentException($"'{month}' is not a month: closes are monthly.", nameof(month));
        if (month.FirstDay < EarliestMonth.FirstDay) return new CloseRequest(null, $"{month} cannot be closed: the first month that can is {EarliestMonth}.");
        var (_, end) = zone.Bounds(month);
        if (clock.GetUtcNow().UtcDateTime < end)
            return new CloseRequest(null, $"{month} has not ended yet: it can be closed from {LocalTime(end)}.");
        if (!await db.Departments.AnyAsync(ct))
            return new CloseRequest(null, "There are no departments to close: import the org tree first (POST /api/imports/departments).");

        var period = month.ToString();
        await progress.RequestAsync(period, actor, null, ct);
        var id = jobs.Enqueue<CloseJob>(j => j.RunAsync(period, trigger, actor, CancellationToken.None));
        await progress.SetCloseJobAsync(period, id, ct);
        return new CloseRequest(id, null);
    }

    public async Task<IReadOnlyList<PeriodSummary>> ListAsync(CancellationToken ct)
    {
        var closes = await db.PeriodCloses.AsNoTracking().OrderByDescending(c => c.Period).ToListAsync(ct);
        return closes.Select(c => new PeriodSummary(c.Period, StatusName(c.Status), c.Revision, c.FirstFrozenAt, c.LastFrozenAt)).ToList();
    }

    /// <summary>
    /// The close of <paramref name="period"/> as someone with <paramref name="scope"/> may see it. A scoped reader sees
    /// the progress of their own packs, not the company's, no summary (they cannot download it), and not the close's
    /// error text, which may name any department or carry a database message. A version whose card has lines computed
    /// over departments outside their scope shows what its pack shows them (<see cref="PackVariants"/>): no total or
    /// grade, and only the changes of the lines they may see.
    /// </summary>
    public async Task<PeriodStatus> DescribeAsync(string period, AccessScope scope, CancellationToken ct)
    {
        var state = await progress.ProgressAsync(period, ct);
        var close = state.Close;
        var org = await db.LoadOrganisationAsync(ct);
        var versions = await db.ScorecardVersions.AsNoTracking()
            .Where(v => v.Period == period)
            .OrderBy(v => v.DepartmentCode).ThenBy(v => v.Version)
            .Select(v => new { v.Id, v.DepartmentCode, v.Version, v.Revision, v.FrozenAt, v.Total, v.Grade, v.Changes, v.RenderJobId })
            .ToListAsync(ct);
        var scoped = !scope.WholeCompany;
        // A scoped reader sees each version's headline figures as its pack shows them to them: the frozen card decides.
        var variants = new Dictionary<long, (PackVariant Variant, FrozenScorecard Pack)>();
        if (scoped)
        {
            var visible = versions.Where(v => Visible(org, scope, v.DepartmentCode)).Select(v => v.Id).ToList();
            foreach (var row in await db.ScorecardVersions.AsNoTracking().Where(v => visible.Contains(v.Id)).Select(v => new { v.Id, v.Content }).ToListAsync(ct))
            {
                var pack = FrozenScorecard.Deserialize(row.Content);
                variants[row.Id] = (PackVariants.For(pack, scope, org.Tree), pack);
            }
        }
        VersionStatus Status(long id, int version, int revision, DateTime frozenAt, decimal? total, string? grade, string? changes)
        {
            var parsed = changes is null ? null : VersionChanges.Deserialize(changes);
            if (!variants.TryGetValue(id, out var seen) || seen.Variant == PackVariant.Full)
                return new VersionStatus(version, revision, frozenAt, total, grade, parsed);
            return new VersionStatus(version, revision, frozenAt, null, null, parsed is null ? null : seen.Variant.Shown(seen.Pack, parsed), Withheld: true);
        }
        var missing = state.Missing.Select(m => m.DepartmentCode).ToHashSet(StringComparer.Ordinal);

        using var connection = storage.GetConnection();
        JobStatus? Job(string? id) => id is null ? null : new JobStatus(id, connection.GetStateData(id)?.Name);

        var departments = versions
            .GroupBy(v => v.DepartmentCode)
            .Where(g => Visible(org, scope, g.Key))
            .Select(g =>
            {
                var latest = g.Last();
                return new DepartmentCloseStatus(g.Key, org.Tree.Find(g.Key)?.Name ?? g.Key, latest.Version, !missing.Contains(g.Key),
                    // Finished render jobs are history; only the job of packs still to come says something.
                    missing.Contains(g.Key) ? Job(latest.RenderJobId) : null,
                    g.Select(v => Status(v.Id, v.Version, v.Revision, v.FrozenAt, v.Total, v.Grade, v.Changes)).ToList());
            })
            .ToList();

        var packs = scoped
            ? OwnProgress(departments, close is { Revision: > 0 })
            : new RenderProgress(state.Expected, state.Done, state.Missing.Count, state.SummaryStored, state.SummaryStored ? null : Job(close?.SummaryJobId));
        if (close is null)
            return new PeriodStatus(period, "open", 0, null, null, null, null, null, null, packs, []);
        var error = close.Error is not null && scoped ? "The close failed; an administrator can see why." : close.Error;
        return new PeriodStatus(period, StatusName(close.Status), close.Revision, close.RequestedAt, close.RequestedBy, close.FirstFrozenAt,
            close.LastFrozenAt, error, close.Status is CloseStatus.Closing or CloseStatus.Failed ? Job(close.CloseJobId) : null, packs, departments);
    }

    public static string StatusName(CloseStatus status) => status.ToString().ToLowerInvariant();

    private static RenderProgress OwnProgress(IReadOnlyList<DepartmentCloseStatus> departments, bool frozen)
    {
        var formats = FileFormats.All.Count;
        var expected = frozen ? departments.Count * formats : 0;
        var rendered = departments.Count(d => d.PacksRendered);
        return new RenderProgress(expected, rendered * formats, departments.Count - rendered, SummaryRendered: false, SummaryJob: null);
    }

    /// <summary>A department still in the tree that the reader may see; one removed since, to whole-company readers only, by its code.</summary>
    private static bool Visible(StoredOrganisation org, AccessScope scope, string code) =>
        org.Tree.Contains(code) ? scope.CanSee(org.Tree, code) : scope.WholeCompany;

    private string LocalTime(DateTime utc) => $"{TimeZoneInfo.ConvertTimeFromUtc(utc, zone.Zone):yyyy-MM-dd HH:mm} ({zone.Id})";
}
