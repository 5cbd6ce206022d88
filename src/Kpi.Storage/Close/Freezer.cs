using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Storage.Organisation;
using Kpi.Storage.Scorecards;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Close;

/// <summary>What a freeze did: the close as it now stands and the versions it wrote (none when nothing had changed).</summary>
public sealed record FreezeOutcome(PeriodClose Close, IReadOnlyList<ScorecardVersion> Created);

/// <summary>
/// Freezes a month: computes every department's card (<see cref="PeriodSnapshot"/>), compares each with the
/// department's latest version (<see cref="VersionDiff"/>) and writes a new version only where the numbers differ —
/// so closing twice without new data changes nothing. A department closed before keeps the card it was first closed
/// with: a restatement recomputes the numbers, it does not apply targets set since. A department with a card and no
/// version yet gets version 1. A new version lists the figures that changed and the import runs that changed the
/// period's records since the previous freeze.
/// </summary>
public static class Freezer
{
    public static async Task<FreezeOutcome> FreezeAsync(KpiDbContext db, Period period, string trigger, string actor, string fallbackCompanyName,
        CompanyTimeZone zone, DateTime now, CancellationToken ct = default)
    {
        if (period.Kind != PeriodKind.Month) throw new ArgumentException($"Only months are closed, not {period}.", nameof(period));
        var key = period.ToString();

        // Before reading any data: every run up to the watermark has finished, so its rows are in what follows.
        var watermark = await LateRecords.WatermarkAsync(db, now, ct);
        var org = await db.LoadOrganisationAsync(ct);
        var definitions = await DefinitionsAsync(db, org, await LatestAsync(db, key, ct), ct);
        var snapshot = await PeriodSnapshot.ComputeAsync(db, org, period, definitions, CompanyName(org.Tree, fallbackCompanyName), watermark, zone, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockPeriodAsync(period, ct);
        var close = await db.PeriodCloses.SingleOrDefaultAsync(c => c.Period == key, ct);
        if (close is null)
        {
            close = new PeriodClose { Period = key, Status = CloseStatus.Closing, RequestedAt = now, RequestedBy = actor };
            db.PeriodCloses.Add(close);
        }

        // Read again under the lock: another freeze of the period may have written versions meanwhile.
        var latest = await LatestAsync(db, key, ct);
        var runs = latest.Count == 0 ? [] : await LateRecords.RunsAfterAsync(db, close.RunWatermark, ct);
        var late = runs.Count == 0 ? [] : await LateRecords.InPeriodAsync(db, runs, org.IdOf.Values.ToList(), period, zone, ct);

        var revision = close.Revision + 1;
        var created = new List<ScorecardVersion>();
        foreach (var (code, pack) in snapshot.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            string? changes = null;
            var version = 1;
            if (latest.TryGetValue(code, out var previous))
            {
                var figures = VersionDiff.Compare(previous.Pack, pack);
                if (figures.Count == 0) continue;
                version = previous.Row.Version + 1;
                changes = new VersionChanges(trigger, figures, ChangedRuns(org, code, pack, runs, late)).Serialize();
            }
            created.Add(new ScorecardVersion
            {
                Period = key,
                DepartmentId = org.IdOf[code],
                DepartmentCode = code,
                Version = version,
                Revision = revision,
                FrozenAt = now,
                Total = pack.Scorecard.Total,
                Grade = pack.Scorecard.Grade,
                Content = pack.Serialize(),
                Changes = changes,
            });
        }

        if (created.Count > 0) close.Revision = revision;
        close.RunWatermark = Math.Max(close.RunWatermark, watermark);
        close.FirstFrozenAt ??= now;
        close.LastFrozenAt = now;
        close.UpdatedAt = now;
        close.Error = null;
        db.ScorecardVersions.AddRange(created);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new FreezeOutcome(close, created);
    }

    /// <summary>The latest version of every department closed for the period, with its frozen pack.</summary>
    public static async Task<Dictionary<string, (ScorecardVersion Row, FrozenScorecard Pack)>> LatestAsync(KpiDbContext db, string period,
        CancellationToken ct = default) =>
        (await LatestVersionRowsAsync(db, period, ct)).ToDictionary(r => r.DepartmentCode, r => (r, FrozenScorecard.Deserialize(r.Content)), StringComparer.Ordinal);

    /// <summary>The latest version of every department closed for the period, by department code.</summary>
    public static Task<List<ScorecardVersion>> LatestVersionRowsAsync(KpiDbContext db, string period, CancellationToken ct = default) =>
        db.ScorecardVersions.AsNoTracking().Latest(period)
            .OrderBy(v => v.DepartmentCode)
            .ToListAsync(ct);

    /// <summary>The company: the one root's name, or the configured name when the tree has several roots (or none).</summary>
    public static string CompanyName(OrgTree tree, string fallback)
    {
        var roots = tree.Roots.ToList();
        return roots.Count == 1 ? roots[0].Name : fallback;
    }

    /// <summary>Frozen cards for departments already closed for the period, current cards for the rest.</summary>
    private static async Task<Dictionary<string, ScorecardDefinition>> DefinitionsAsync(KpiDbContext db, StoredOrganisation org,
        Dictionary<string, (ScorecardVersion Row, FrozenScorecard Pack)> latest, CancellationToken ct)
    {
        var result = latest.ToDictionary(l => l.Key, l => l.Value.Pack.ScoredDefinition(), StringComparer.Ordinal);
        var codeOf = org.IdOf.ToDictionary(kv => kv.Value, kv => kv.Key);
        foreach (var card in await db.Scorecards.AsNoTracking().ToListAsync(ct))
        {
            if (!codeOf.TryGetValue(card.DepartmentId, out var code) || result.ContainsKey(code)) continue;
            var (definition, errors) = ScorecardDocument.Deserialize(card.Definition).ToDefinition();
            result[code] = definition ?? throw new InvalidOperationException($"Stored scorecard of {code} is invalid: {errors[0].Field} {errors[0].Reason}");
        }
        return result;
    }

    /// <summary>The runs that changed records feeding the card: the department's subtree and the subtrees its scoped lines read.</summary>
    private static IReadOnlyList<ChangedRun> ChangedRuns(StoredOrganisation org, string code, FrozenScorecard pack, IReadOnlyList<Imports.ImportRun> runs,
        IReadOnlyList<RunRecords> late)
    {
        var feeding = new HashSet<int>(org.SubtreeIds(code));
        foreach (var scope in pack.Scorecard.Lines.Select(l => l.Scope).OfType<string>().Distinct().Where(org.Tree.Contains))
            feeding.UnionWith(org.SubtreeIds(scope));
        return late.Where(r => feeding.Contains(r.DepartmentId))
            .GroupBy(r => r.RunId)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var run = runs.First(r => r.Id == g.Key);
                return new ChangedRun(run.Id, run.Kind, run.Source, run.FileName, g.Sum(r => r.Records));
            })
            .ToList();
    }
}
