using Kpi.Domain.Appraisal;
using Kpi.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Appraisal;

/// <summary>A cycle loaded for a change: its tracked row, its template, the domain aggregate, and the appraisals loaded with it.</summary>
public sealed class LoadedCycle(AppraisalCycleRow row, AppraisalTemplate template, AppraisalCycle cycle, IReadOnlyList<LoadedAppraisal> appraisals)
{
    public AppraisalCycleRow Row { get; } = row;
    public AppraisalTemplate Template { get; } = template;
    public AppraisalCycle Cycle { get; } = cycle;

    /// <summary>Every appraisal of the cycle when loaded for a cycle-wide step, else the ones asked for.</summary>
    public IReadOnlyList<LoadedAppraisal> Appraisals { get; } = appraisals;

    public IReadOnlyList<EmployeeAppraisal> Aggregates => Appraisals.Select(a => a.Appraisal).ToList();

    public LoadedAppraisal Single(long appraisalId) => Appraisals.Single(a => a.Row.Id == appraisalId);
}

/// <summary>An appraisal loaded for a change: its tracked row and the domain aggregate.</summary>
public sealed record LoadedAppraisal(AppraisalRow Row, EmployeeAppraisal Appraisal);

/// <summary>
/// Loading appraisal aggregates for a change and writing them back: load (tracked rows, aggregates restored), let the
/// domain take one step, <see cref="Apply"/> its new state to the rows, save. Aggregates are restored with an empty
/// history — the workflow only appends to it — so that whatever history an aggregate holds after the step is what the
/// step added, and a cycle-wide step over 5,000 appraisals reads no transitions at all. Writes to one cycle are
/// serialised by <see cref="LockCycleAsync"/> inside a transaction.
/// </summary>
public static class AppraisalStore
{
    private const int LockNamespace = 0x4B504933; // "KPI3": apart from the import ("KPI1") and close ("KPI2") locks

    /// <summary>
    /// Serialises changes to one cycle and its appraisals across processes: a transaction-scoped advisory lock on
    /// PostgreSQL; SQLite's transactions already hold the database's write lock from their start.
    /// </summary>
    public static async Task LockCycleAsync(this KpiDbContext db, long cycleId, CancellationToken ct = default)
    {
        if (db.Provider != DatabaseProvider.Postgres) return;
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({LockNamespace}, {(int)(cycleId % int.MaxValue)})", ct);
    }

    /// <param name="appraisalIds">The appraisals to load with the cycle; null loads all of them (a cycle-wide step).</param>
    public static async Task<LoadedCycle?> LoadCycleAsync(this KpiDbContext db, long cycleId, IReadOnlyCollection<long>? appraisalIds,
        CancellationToken ct = default)
    {
        var row = await db.AppraisalCycles.SingleOrDefaultAsync(c => c.Id == cycleId, ct);
        if (row is null) return null;
        var template = AppraisalTemplateDocument.Restore(row.Template);
        var cycle = AppraisalCycle.Restore(row.Name, template, Period.Parse(row.Period), AppraisalDocuments.Departments(row.Departments), row.SelfDue,
            row.ReviewDue, row.Status, row.Size, []);
        var query = db.Appraisals.Where(a => a.CycleId == cycleId);
        if (appraisalIds is not null) query = query.Where(a => appraisalIds.Contains(a.Id));
        var rows = await query.OrderBy(a => a.Id).ToListAsync(ct);
        return new LoadedCycle(row, template, cycle, rows.Select(r => new LoadedAppraisal(r, Restore(r, template))).ToList());
    }

    /// <summary>The cycle an appraisal belongs to, or null when there is no such appraisal.</summary>
    public static Task<long?> CycleOfAsync(this KpiDbContext db, long appraisalId, CancellationToken ct = default) =>
        db.Appraisals.AsNoTracking().Where(a => a.Id == appraisalId).Select(a => (long?)a.CycleId).SingleOrDefaultAsync(ct);

    /// <summary>The aggregate of a row, scored with the cycle's template; its history is left empty (see the class summary).</summary>
    public static EmployeeAppraisal Restore(AppraisalRow r, AppraisalTemplate template) => EmployeeAppraisal.Restore(
        template,
        new AppraisalSubject(r.EmployeeNo, r.Name, r.Department, r.Position, r.IsHead),
        r.AppraiserEmployeeNo,
        r.Status,
        AppraisalDocuments.Goals(r.Goals),
        AppraisalDocuments.Submission(r.SelfAssessment),
        AppraisalDocuments.Submission(r.Review),
        Kpi(r),
        Calibration(r),
        []);

    public static KpiInput? Kpi(AppraisalRow r) => r.KpiTaken
        ? new KpiInput(r.KpiTotal, r.KpiVetoTriggered, r.KpiVetoCapGrade ?? Domain.Scoring.VetoRule.DefaultCapGrade, r.KpiVetoReason)
        : null;

    public static CalibrationDecision? Calibration(AppraisalRow r) => r.CalibrationReason is { } reason
        ? new CalibrationDecision(r.Adjustment, r.GradeOverride, reason, new AppraisalActor(r.CalibratedByEmployeeNo, r.CalibratedByHr),
            DateTime.SpecifyKind(r.CalibratedAt ?? default, DateTimeKind.Utc))
        : null;

    /// <summary>
    /// Writes what a step did back to the tracked rows — states, goals, submissions, KPI input, calibration, the result
    /// they give — and adds the transitions it appended, each taken by <paramref name="user"/>. Only changed columns are
    /// written when the context saves.
    /// </summary>
    public static void Apply(this KpiDbContext db, LoadedCycle loaded, string user, DateTime now)
    {
        var cycle = loaded.Cycle;
        if (loaded.Row.Status != cycle.Status)
        {
            loaded.Row.Status = cycle.Status;
            loaded.Row.UpdatedAt = now;
        }
        db.CycleTransitions.AddRange(cycle.History.Select(h => new CycleTransitionRow
        {
            CycleId = loaded.Row.Id, FromStatus = h.From, ToStatus = h.To, ByEmployeeNo = h.By.EmployeeNo, ByHr = h.By.IsHr, ByUser = user, At = h.At,
            Reason = h.Reason,
        }));
        foreach (var a in loaded.Appraisals) db.Apply(a, user, now);
    }

    private static void Apply(this KpiDbContext db, LoadedAppraisal loaded, string user, DateTime now)
    {
        var (row, a) = loaded;
        var changed = false;
        void Set<T>(T current, T value, Action<T> assign)
        {
            if (EqualityComparer<T>.Default.Equals(current, value)) return;
            assign(value);
            changed = true;
        }

        Set(row.Status, a.Status, v => row.Status = v);
        Set(row.Goals, AppraisalDocuments.Goals(a.Goals), v => row.Goals = v);
        Set(row.SelfAssessment, AppraisalDocuments.Submission(a.SelfAssessment), v => row.SelfAssessment = v);
        Set(row.Review, AppraisalDocuments.Submission(a.Review), v => row.Review = v);
        if (a.Kpi != Kpi(row))
        {
            row.KpiTaken = a.Kpi is not null;
            row.KpiTotal = a.Kpi?.Total;
            row.KpiVetoTriggered = a.Kpi?.VetoTriggered ?? false;
            row.KpiVetoCapGrade = a.Kpi?.VetoCapGrade;
            row.KpiVetoReason = a.Kpi?.VetoReason;
            row.KpiTakenAt = a.Kpi is null ? null : now;
            changed = true;
        }
        if (a.Calibration is { } c && c != Calibration(row))
        {
            row.Adjustment = c.Adjustment;
            row.GradeOverride = c.GradeOverride;
            row.CalibrationReason = c.Reason;
            row.CalibratedByEmployeeNo = c.By.EmployeeNo;
            row.CalibratedByHr = c.By.IsHr;
            row.CalibratedAt = c.At;
            changed = true;
        }
        var result = a.Result;
        Set(row.Final, result.Final, v => row.Final = v);
        Set(row.Grade, result.Grade, v => row.Grade = v);
        Set(row.Coefficient, result.Coefficient, v => row.Coefficient = v);
        if (changed) row.UpdatedAt = now;
        db.AppraisalTransitions.AddRange(a.History.Select(h => new AppraisalTransitionRow
        {
            AppraisalId = row.Id, FromStatus = h.From, ToStatus = h.To, ByEmployeeNo = h.By.EmployeeNo, ByHr = h.By.IsHr, ByUser = user, At = h.At,
            Reason = h.Reason,
        }));
    }

    /// <summary>What the API and forms print about a member beyond the domain's subject: names as they stand at creation.</summary>
    public sealed record MemberNames(string DepartmentName, string? AppraiserName);

    /// <summary>Adds a new cycle and its appraisals (saved by the caller's SaveChanges): the creation is the cycle's first history entry.</summary>
    public static AppraisalCycleRow AddCycle(this KpiDbContext db, NewCycle created, AppraisalTemplate template, Func<EmployeeAppraisal, MemberNames> names,
        string user, DateTime now)
    {
        var cycle = created.Cycle;
        var row = new AppraisalCycleRow
        {
            Name = cycle.Name, TemplateCode = template.Code, Template = AppraisalTemplateDocument.From(template).Serialize(), Period = cycle.Period.ToString(),
            Departments = AppraisalDocuments.Departments(cycle.Departments), SelfDue = cycle.SelfDue, ReviewDue = cycle.ReviewDue, Status = cycle.Status,
            Size = cycle.Size, CreatedAt = now, CreatedBy = user, UpdatedAt = now,
        };
        db.AppraisalCycles.Add(row);
        var goals = AppraisalDocuments.Goals([]);
        foreach (var a in created.Appraisals)
        {
            var n = names(a);
            var result = a.Result;
            db.Appraisals.Add(new AppraisalRow
            {
                Cycle = row, EmployeeNo = a.EmployeeNo, Name = a.Subject.Name, Department = a.Subject.Department, DepartmentName = n.DepartmentName,
                Position = a.Subject.Position, IsHead = a.Subject.IsHead, AppraiserEmployeeNo = a.AppraiserEmployeeNo, AppraiserName = n.AppraiserName,
                Status = a.Status, Goals = goals, Final = result.Final, Grade = result.Grade, Coefficient = result.Coefficient, UpdatedAt = now,
            });
        }
        return row;
    }
}
