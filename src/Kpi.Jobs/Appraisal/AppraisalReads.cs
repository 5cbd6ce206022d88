using Kpi.Domain.Appraisal;
using Kpi.Domain.Organisation;
using Kpi.Storage;
using Kpi.Storage.Appraisal;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Jobs.Appraisal;

/// <summary>
/// What people read of appraisal: templates, cycles, a cycle's appraisals and one appraisal, each within what the
/// viewer may see (<see cref="AppraisalViewer"/>). Listings and the cycle's distribution read the results stored with
/// each appraisal (one grouped query for 5,000 people); a single appraisal is restored and scored by the domain, so
/// its arithmetic is the domain's own. Not found is <see cref="AppraisalNotFoundException"/>, not allowed
/// <see cref="AppraisalActorException"/>.
/// </summary>
public sealed class AppraisalReads(KpiDbContext db)
{
    public async Task<IReadOnlyList<AppraisalTemplateDocument>> TemplatesAsync(CancellationToken ct = default)
    {
        var rows = await db.AppraisalTemplates.AsNoTracking().OrderBy(t => t.Code).Select(t => t.Document).ToListAsync(ct);
        return rows.Select(AppraisalTemplateDocument.Deserialize).ToList();
    }

    public async Task<AppraisalTemplateDocument> TemplateAsync(string code, CancellationToken ct = default)
    {
        var json = await db.AppraisalTemplates.AsNoTracking().Where(t => t.Code == code).Select(t => t.Document).SingleOrDefaultAsync(ct);
        return json is null ? throw AppraisalNotFoundException.Template(code) : AppraisalTemplateDocument.Deserialize(json);
    }

    /// <summary>Every cycle for those who see every appraisal; for others the cycles holding an appraisal they may see, counting those.</summary>
    public async Task<IReadOnlyList<CycleSummary>> CyclesAsync(AppraisalViewer viewer, CancellationToken ct = default)
    {
        var cycles = await db.AppraisalCycles.AsNoTracking().OrderByDescending(c => c.Id).ToListAsync(ct);
        if (viewer.SeesEveryAppraisal) return cycles.Select(c => Summary(c, c.Size)).ToList();

        var tree = (await db.LoadOrganisationAsync(ct)).Tree;
        var visible = await db.Appraisals.AsNoTracking().VisibleTo(viewer, tree)
            .GroupBy(a => a.CycleId).Select(g => new { CycleId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.CycleId, x => x.Count, ct);
        return cycles.Where(c => visible.ContainsKey(c.Id)).Select(c => Summary(c, visible[c.Id])).ToList();
    }

    public async Task<CycleView> CycleAsync(long id, AppraisalViewer viewer, CancellationToken ct = default)
    {
        var cycle = await db.AppraisalCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw AppraisalNotFoundException.Cycle(id);
        var org = await db.LoadOrganisationAsync(ct);
        var rows = db.Appraisals.AsNoTracking().Where(a => a.CycleId == id).VisibleTo(viewer, org.Tree);
        var counts = await rows.CountsByStatusAsync(ct);
        var seen = counts.Values.Sum();
        if (seen == 0 && !viewer.SeesEveryAppraisal) throw NotYours($"appraisal cycle {id}");
        if (!viewer.SeesEveryAppraisal)
            return View(cycle, seen, counts, null, [], null);

        var template = AppraisalTemplateDocument.Restore(cycle.Template);
        var distribution = Distribution.Summarize(template, org.Tree, await db.GradesAsync(id, ct)).Select(GroupView.From).ToList();
        var history = await db.CycleTransitions.AsNoTracking().Where(t => t.CycleId == id).OrderBy(t => t.Id).ToListAsync(ct);
        return View(cycle, seen, counts, distribution, history.Select(AppraisalViewMapping.Transition).ToList(), await FormsAsync(cycle, ct));
    }

    /// <summary>A cycle's appraisals the viewer may see, by employee number; results hidden on the viewer's own until it is published.</summary>
    public async Task<IReadOnlyList<AppraisalListItem>> AppraisalsAsync(long cycleId, AppraisalViewer viewer, CancellationToken ct = default)
    {
        if (!await db.AppraisalCycles.AnyAsync(c => c.Id == cycleId, ct)) throw AppraisalNotFoundException.Cycle(cycleId);
        var tree = viewer.SeesEveryAppraisal ? OrgTree.Empty : (await db.LoadOrganisationAsync(ct)).Tree;
        var rows = await db.Appraisals.AsNoTracking().Where(a => a.CycleId == cycleId).VisibleTo(viewer, tree)
            .OrderBy(a => a.EmployeeNo)
            .Select(a => new { a.Id, a.EmployeeNo, a.Name, a.Department, a.AppraiserEmployeeNo, a.Status, a.Final, a.Grade, a.Coefficient })
            .ToListAsync(ct);
        if (rows.Count == 0 && !viewer.SeesEveryAppraisal) throw NotYours($"appraisal cycle {cycleId}");
        return rows.Select(a => viewer.SeesResult(a.EmployeeNo, a.Status)
                ? new AppraisalListItem(a.Id, a.EmployeeNo, a.Name, a.Department, a.AppraiserEmployeeNo, a.Status.Name(), a.Final, a.Grade, a.Coefficient)
                : new AppraisalListItem(a.Id, a.EmployeeNo, a.Name, a.Department, a.AppraiserEmployeeNo, a.Status.Name(), null, null, null))
            .ToList();
    }

    public async Task<AppraisalView> AppraisalAsync(long id, AppraisalViewer viewer, CancellationToken ct = default)
    {
        var row = await db.Appraisals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw AppraisalNotFoundException.Appraisal(id);
        await EnsureVisibleAsync(db, row, viewer, ct);
        var cycle = await db.AppraisalCycles.AsNoTracking().SingleAsync(c => c.Id == row.CycleId, ct);
        var aggregate = AppraisalStore.Restore(row, AppraisalTemplateDocument.Restore(cycle.Template));
        var history = (await db.TransitionsAsync([id], ct))[id];
        return AppraisalViewMapping.Appraisal(row, cycle, aggregate, history, viewer);
    }

    /// <summary>403 unless the viewer may see the appraisal; it names nothing of it (a peer learns nothing, not even who appraises).</summary>
    internal static async Task EnsureVisibleAsync(KpiDbContext db, AppraisalRow row, AppraisalViewer viewer, CancellationToken ct)
    {
        if (viewer.SeesEveryAppraisal || viewer.Is(row.EmployeeNo) || viewer.Is(row.AppraiserEmployeeNo)) return;
        var tree = (await db.LoadOrganisationAsync(ct)).Tree;
        if (!viewer.CanSee(tree, row.EmployeeNo, row.Department, row.AppraiserEmployeeNo)) throw NotYours($"appraisal {row.Id}");
    }

    internal static AppraisalActorException NotYours(string what) =>
        new($"You have no access to {what}: only HR, the employee, their appraiser and managers of their department do.");

    private async Task<FormsView?> FormsAsync(AppraisalCycleRow cycle, CancellationToken ct) =>
        cycle.Status != CycleStatus.Published ? null : new FormsView(await AppraisalFiles.StoredFormsAsync(db, cycle, ct), cycle.Size);

    private static CycleSummary Summary(AppraisalCycleRow c, int count) =>
        new(c.Id, c.Name, c.TemplateCode, c.Period, c.Status.Name(), c.SelfDue, c.ReviewDue, count);

    private static CycleView View(AppraisalCycleRow c, int count, IReadOnlyDictionary<AppraisalStatus, int> counts, IReadOnlyList<GroupView>? distribution,
        IReadOnlyList<TransitionView> history, FormsView? forms) =>
        new(c.Id, c.Name, c.TemplateCode, c.Period, AppraisalDocuments.Departments(c.Departments), c.SelfDue, c.ReviewDue, c.Status.Name(), count,
            AppraisalViewMapping.Counts(counts), distribution, history, forms, c.CreatedAt, c.CreatedBy);
}
