using Hangfire;
using Kpi.Domain;
using Kpi.Domain.Appraisal;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Appraisal;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Jobs.Appraisal;

/// <summary>
/// The appraisal workflow as use cases, one method per step, for the API and the portal alike: load, let the domain
/// take the step (it decides every rule and refuses with <see cref="AppraisalInputException"/>,
/// <see cref="AppraisalActorException"/> or <see cref="AppraisalStateException"/>), write the new state, audit it
/// (who, when, before and after), commit. Writes to one cycle and its appraisals are serialised, so two HR users
/// approving and reopening at once cannot interleave. A step on one appraisal is refused with a 403 that names nothing
/// when the caller may not even see it.
/// </summary>
public sealed class AppraisalWorkflow(KpiDbContext db, CompanyTimeZone zone, TimeProvider clock, IBackgroundJobClient jobs)
{
    public const string TemplateEntity = "appraisal_template";
    public const string CycleEntity = "appraisal_cycle";
    public const string AppraisalEntity = "appraisal";

    /// <summary>Stores a new template under its code (409 when the code is taken: a cycle's template never changes under it).</summary>
    public async Task<AppraisalTemplateDocument> CreateTemplateAsync(AppraisalTemplateDocument document, AppraisalViewer viewer, CancellationToken ct = default)
    {
        RequireHr(viewer, "creates templates");
        var (template, errors) = document.ToTemplate();
        if (template is null) throw new AppraisalInputException(errors);
        if (await db.AppraisalTemplates.AnyAsync(t => t.Code == template.Code, ct))
            throw new AppraisalStateException($"Template '{template.Code}' exists: templates are never changed, since cycles were run with them; create one under a new code.");

        var now = Now();
        var stored = AppraisalTemplateDocument.From(template);
        db.AppraisalTemplates.Add(new AppraisalTemplateRow
        {
            Code = template.Code, Name = template.Name, Document = stored.Serialize(), CreatedAt = now, CreatedBy = viewer.Name,
        });
        db.Record(now, viewer.Name, "appraisal_template.created", TemplateEntity, template.Code, new { before = (object?)null, after = stored });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (StorageErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            throw new AppraisalStateException($"Template '{template.Code}' was just created by someone else: create yours under a new code.");
        }
        return stored;
    }

    /// <summary>
    /// A draft cycle with one appraisal per employee in headcount on the period's last day in the departments' subtrees,
    /// each with the appraiser the department heads give (docs/appraisal.md, "Who appraises whom").
    /// </summary>
    public async Task<CycleCreated> CreateCycleAsync(CycleInput input, AppraisalViewer viewer, CancellationToken ct = default)
    {
        RequireHr(viewer, "creates cycles");
        var errors = new List<FieldError>();
        if (input.Template is null) errors.Add(new("template", "is required: a template's code"));
        Period period = default;
        if (input.Period is null) errors.Add(new("period", "is required: a month (2026-10), a quarter (2026-Q4) or a year (2026)"));
        else if (!Period.TryParse(input.Period, out period, out var why)) errors.Add(new("period", why));
        var json = input.Template is null ? null
            : await db.AppraisalTemplates.AsNoTracking().Where(t => t.Code == input.Template).Select(t => t.Document).SingleOrDefaultAsync(ct);
        if (input.Template is not null && json is null) errors.Add(new("template", $"there is no template '{input.Template}'"));
        if (errors.Count > 0) throw new AppraisalInputException(errors);
        var template = AppraisalTemplateDocument.Restore(json!);

        var org = await db.LoadOrganisationAsync(ct);
        var staff = await StaffAsync(org, ct);
        var request = new CycleRequest(input.Name ?? "", template, period, input.Departments ?? [], input.SelfDue, input.ReviewDue);
        var now = Now();
        var created = AppraisalCycle.Create(request, org.Tree, staff, code => org.Tree.Find(code)?.HeadEmployeeNo, viewer.Actor, now);

        var names = staff.GroupBy(s => s.EmployeeNo, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.HiredOn).First().Name, StringComparer.Ordinal);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = db.AddCycle(created, template,
            a => new AppraisalStore.MemberNames(org.Tree.Get(a.Subject.Department).Name, a.AppraiserEmployeeNo is { } no ? names.GetValueOrDefault(no) : null),
            viewer.Name, now);
        await db.SaveChangesAsync(ct);
        db.Record(now, viewer.Name, "appraisal_cycle.created", CycleEntity, row.Id.ToString(), new
        {
            before = (object?)null,
            after = new { row.Name, template = template.Code, row.Period, departments = created.Cycle.Departments, row.SelfDue, row.ReviewDue, appraisals = row.Size },
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new CycleCreated(row.Id, row.Status.Name(), row.Size);
    }

    /// <summary>Replaces an appraisal's goals (the appraiser or HR, until the review is submitted).</summary>
    public Task<AppraisalView> SetGoalsAsync(long appraisalId, IReadOnlyList<GoalDocument?>? goals, AppraisalViewer viewer, CancellationToken ct = default) =>
        ChangeAppraisalAsync(appraisalId, viewer, "appraisal.goals_set", (loaded, target, now) =>
        {
            var a = target.Appraisal;
            var (parsed, errors) = GoalDocument.ToGoals(goals);
            if (parsed is null) throw new AppraisalInputException(errors);
            var before = a.Goals.Select(GoalDocument.From).ToList();
            a.SetGoals(viewer.Actor, parsed);
            return Task.FromResult<object>(new { before, after = a.Goals.Select(GoalDocument.From).ToList() });
        }, ct);

    /// <summary>The employee's own self-assessment: self_assessment → manager_review.</summary>
    public Task<AppraisalView> SubmitSelfAssessmentAsync(long appraisalId, SubmissionInput input, AppraisalViewer viewer, CancellationToken ct = default) =>
        ChangeAppraisalAsync(appraisalId, viewer, "appraisal.self_assessment_submitted", (loaded, target, now) =>
        {
            var a = target.Appraisal;
            a.SubmitSelfAssessment(viewer.Actor, input.GoalActuals ?? [], input.Ratings ?? new Dictionary<string, int>(), input.Comment, now);
            return Task.FromResult<object>(new { before = (object?)null, after = SubmissionView.From(a.SelfAssessment) });
        }, ct);

    /// <summary>The appraiser's review (HR where there is none): manager_review → calibration.</summary>
    public Task<AppraisalView> SubmitReviewAsync(long appraisalId, SubmissionInput input, AppraisalViewer viewer, CancellationToken ct = default) =>
        ChangeAppraisalAsync(appraisalId, viewer, "appraisal.review_submitted", (loaded, target, now) =>
        {
            var a = target.Appraisal;
            a.SubmitReview(viewer.Actor, input.GoalActuals ?? [], input.Ratings ?? new Dictionary<string, int>(), input.Comment, now);
            return Task.FromResult<object>(new { before = (object?)null, after = SubmissionView.From(a.Review) });
        }, ct);

    /// <summary>HR's adjustment and grade override of one reviewed appraisal, with a reason; before and after audited.</summary>
    public Task<AppraisalView> CalibrateAsync(long appraisalId, CalibrationInput input, AppraisalViewer viewer, CancellationToken ct = default) =>
        ChangeAppraisalAsync(appraisalId, viewer, "appraisal.calibrated", (loaded, target, now) =>
        {
            var a = target.Appraisal;
            RequireHr(viewer, "calibrates");
            if (input.Adjustment is not { } adjustment)
                throw new AppraisalInputException([new("adjustment", "is required: the points to add or subtract, 0 for none")]);
            var change = loaded.Cycle.Calibrate(a, viewer.Actor, adjustment, input.Grade, input.Reason, now);
            return Task.FromResult<object>(new
            {
                before = Calibration(change.Before, change.ResultBefore),
                after = Calibration(change.After, change.ResultAfter),
            });
        }, ct);

    /// <summary>Retakes one appraisal's KPI input after a restatement (HR, with a reason, during calibration); before and after audited.</summary>
    public Task<AppraisalView> RefreshKpiAsync(long appraisalId, string? reason, AppraisalViewer viewer, CancellationToken ct = default) =>
        ChangeAppraisalAsync(appraisalId, viewer, "appraisal.kpi_refreshed", async (loaded, target, now) =>
        {
            var a = target.Appraisal;
            RequireHr(viewer, "refreshes the scorecard total");
            var period = loaded.Cycle.Period;
            var open = OpenMonths(period, await db.ClosedMonthsAsync(period, ct));
            if (open.Count > 0 && loaded.Cycle.Status == CycleStatus.Calibration)
                throw new AppraisalStateException($"The scorecard total cannot be refreshed while months of {period} are not closed: {string.Join(", ", open)} (a restatement may be running).");
            var department = a.Subject.Department;
            var taken = open.Count > 0 ? null : (await db.KpiInputsAsync(await db.LoadOrganisationAsync(ct), period, [department], zone, ct))[department];
            var before = (Input: a.Kpi, Source: target.Row.KpiSource);
            loaded.Cycle.RefreshKpi(a, taken?.Input ?? KpiInput.NoData, viewer.Actor, reason, now);
            target.Row.KpiSource = taken?.Source;
            return new { reason = reason?.Trim(), before = new { kpi = before.Input, source = before.Source }, after = new { kpi = a.Kpi, source = taken?.Source } };
        }, ct);

    /// <summary>HR reopens a reviewed appraisal (until publication): back to manager_review; an approved cycle goes back to calibration.</summary>
    public async Task<AppraisalView> ReopenAsync(long appraisalId, string? reason, AppraisalViewer viewer, CancellationToken ct = default)
    {
        RequireHr(viewer, "reopens an appraisal");
        return await ChangeAppraisalAsync(appraisalId, viewer, "appraisal.reopened", (loaded, target, now) =>
        {
            var a = target.Appraisal;
            var cycleBefore = loaded.Cycle.Status;
            var statusBefore = a.Status;
            loaded.Cycle.Reopen(a, loaded.Aggregates, viewer.Actor, reason, now);
            return Task.FromResult<object>(new
            {
                reason = reason?.Trim(),
                before = new { status = statusBefore.Name(), cycle = cycleBefore.Name() },
                after = new { status = a.Status.Name(), cycle = loaded.Cycle.Status.Name() },
            });
        }, ct, loadWholeCycleWhen: status => status == CycleStatus.Approved);
    }

    /// <summary>draft → started: every appraisal to self_assessment (or manager_review).</summary>
    public Task<CycleView> StartAsync(long cycleId, AppraisalViewer viewer, CancellationToken ct = default) =>
        ChangeCycleAsync(cycleId, viewer, "appraisal_cycle.started", (loaded, now) =>
        {
            loaded.Cycle.Start(loaded.Aggregates, viewer.Actor, now);
            return Task.FromResult<object>(new { before = CycleStatus.Draft.Name(), after = loaded.Cycle.Status.Name(), appraisals = loaded.Cycle.Size });
        }, ct);

    /// <summary>
    /// started → calibration once every month of the period is closed and every appraisal reviewed; takes each
    /// department's scorecard total for the period from the closed months (<see cref="AppraisalKpiInputs"/>).
    /// </summary>
    public Task<CycleView> EnterCalibrationAsync(long cycleId, AppraisalViewer viewer, CancellationToken ct = default) =>
        ChangeCycleAsync(cycleId, viewer, "appraisal_cycle.calibration_entered", async (loaded, now) =>
        {
            RequireHr(viewer, "moves a cycle to calibration");
            var period = loaded.Cycle.Period;
            var closed = await db.ClosedMonthsAsync(period, ct);
            var departments = loaded.Appraisals.Select(a => a.Row.Department).Distinct(StringComparer.Ordinal).ToList();
            // The totals are computed only once the months are closed; before that the domain refuses, naming them.
            var kpis = OpenMonths(period, closed).Count > 0 || loaded.Cycle.Status != CycleStatus.Started
                ? new Dictionary<string, TakenKpi>()
                : await db.KpiInputsAsync(await db.LoadOrganisationAsync(ct), period, departments, zone, ct);
            loaded.Cycle.EnterCalibration(loaded.Aggregates, d => kpis[d].Input, closed, viewer.Actor, now);
            foreach (var a in loaded.Appraisals) a.Row.KpiSource = kpis[a.Row.Department].Source;
            return new
            {
                before = CycleStatus.Started.Name(),
                after = loaded.Cycle.Status.Name(),
                kpi = kpis.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => new
                {
                    k.Value.Input.Total, k.Value.Input.VetoTriggered, veto_cap_grade = k.Value.Input.VetoTriggered ? k.Value.Input.VetoCapGrade : null,
                    k.Value.Input.VetoReason, k.Value.Source,
                }),
            };
        }, ct);

    /// <summary>
    /// calibration → approved, checking the distribution policy: its violations refuse approval
    /// (<see cref="DistributionViolationException"/>) unless <paramref name="overrideReason"/> is given, which is audited
    /// with the violations it approved over.
    /// </summary>
    public async Task<ApprovalView> ApproveAsync(long cycleId, string? overrideReason, AppraisalViewer viewer, CancellationToken ct = default)
    {
        IReadOnlyList<DistributionViolation> overridden = [];
        await ChangeCycleAsync(cycleId, viewer, "appraisal_cycle.approved", async (loaded, now) =>
        {
            var tree = (await db.LoadOrganisationAsync(ct)).Tree;
            overridden = loaded.Cycle.Approve(loaded.Aggregates, tree, overrideReason, viewer.Actor, now);
            return new
            {
                before = CycleStatus.Calibration.Name(),
                after = loaded.Cycle.Status.Name(),
                override_reason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim(),
                overridden = overridden.Select(ViolationView.From).ToList(),
            };
        }, ct);
        return new ApprovalView(cycleId, CycleStatus.Approved.Name(), string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim(),
            overridden.Select(ViolationView.From).ToList());
    }

    /// <summary>approved → published: employees see their results, nothing changes any more, and every form is rendered and stored in the background.</summary>
    public async Task<CycleView> PublishAsync(long cycleId, AppraisalViewer viewer, CancellationToken ct = default)
    {
        var view = await ChangeCycleAsync(cycleId, viewer, "appraisal_cycle.published", (loaded, now) =>
        {
            loaded.Cycle.Publish(loaded.Aggregates, viewer.Actor, now);
            return Task.FromResult<object>(new { before = CycleStatus.Approved.Name(), after = loaded.Cycle.Status.Name(), appraisals = loaded.Cycle.Size });
        }, ct);
        var job = jobs.Enqueue<AppraisalFormJobs>(j => j.RenderCycleAsync(cycleId, CancellationToken.None));
        await db.AppraisalCycles.Where(c => c.Id == cycleId).ExecuteUpdateAsync(s => s.SetProperty(c => c.FormsJobId, job), ct);
        return view;
    }

    private delegate Task<object> CycleStep(LoadedCycle loaded, DateTime now);

    private delegate Task<object> AppraisalStep(LoadedCycle loaded, LoadedAppraisal target, DateTime now);

    /// <summary>A cycle-wide step: every appraisal loaded, the step, the new state written and audited in one transaction.</summary>
    private async Task<CycleView> ChangeCycleAsync(long cycleId, AppraisalViewer viewer, string action, CycleStep step, CancellationToken ct)
    {
        RequireHr(viewer, "takes the cycle's steps");
        await InTransactionAsync(cycleId, async () =>
        {
            var loaded = await db.LoadCycleAsync(cycleId, null, ct) ?? throw AppraisalNotFoundException.Cycle(cycleId);
            var now = Now();
            var details = await step(loaded, now);
            db.Apply(loaded, viewer.Name, now);
            db.Record(now, viewer.Name, action, CycleEntity, cycleId.ToString(), details);
        }, ct);
        return await new AppraisalReads(db).CycleAsync(cycleId, viewer, ct);
    }

    /// <summary>A step on one appraisal, which must be visible to the caller; the cycle comes with it (and all its appraisals when asked).</summary>
    private async Task<AppraisalView> ChangeAppraisalAsync(long appraisalId, AppraisalViewer viewer, string action, AppraisalStep step, CancellationToken ct,
        Func<CycleStatus, bool>? loadWholeCycleWhen = null)
    {
        var cycleId = await db.CycleOfAsync(appraisalId, ct) ?? throw AppraisalNotFoundException.Appraisal(appraisalId);
        await InTransactionAsync(cycleId, async () =>
        {
            var status = await db.AppraisalCycles.Where(c => c.Id == cycleId).Select(c => c.Status).SingleAsync(ct);
            var whole = loadWholeCycleWhen?.Invoke(status) == true;
            var loaded = (await db.LoadCycleAsync(cycleId, whole ? null : [appraisalId], ct))!;
            var target = loaded.Single(appraisalId);
            await AppraisalReads.EnsureVisibleAsync(db, target.Row, viewer, ct);
            var now = Now();
            var details = await step(loaded, target, now);
            db.Apply(loaded, viewer.Name, now);
            db.Record(now, viewer.Name, action, AppraisalEntity, appraisalId.ToString(), details);
        }, ct);
        return await new AppraisalReads(db).AppraisalAsync(appraisalId, viewer, ct);
    }

    private async Task InTransactionAsync(long cycleId, Func<Task> work, CancellationToken ct)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.LockCycleAsync(cycleId, ct);
            await work();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            // A refused step leaves nothing behind in the context: the transaction rolled back, the rows are forgotten.
            db.ChangeTracker.Clear();
        }
    }

    private async Task<List<StaffRecord>> StaffAsync(StoredOrganisation org, CancellationToken ct)
    {
        var codeOf = org.IdOf.ToDictionary(kv => kv.Value, kv => kv.Key);
        var rows = await db.Staff.AsNoTracking().ToListAsync(ct);
        return rows.Where(r => codeOf.ContainsKey(r.DepartmentId))
            .Select(r => new StaffRecord(r.RecordId, codeOf[r.DepartmentId], r.EmployeeNo, r.Name, r.Position, r.HiredOn, r.LeftOn, r.Qualified))
            .ToList();
    }

    private static List<string> OpenMonths(Period period, IReadOnlyCollection<Period> closed) =>
        period.Months.Where(m => !closed.Contains(m)).Select(m => m.ToString()).ToList();

    private static object? Calibration(CalibrationDecision? c, AppraisalResult r) => new
    {
        adjustment = c?.Adjustment,
        grade_override = c?.GradeOverride,
        reason = c?.Reason,
        final = r.Final,
        grade = r.Grade,
        coefficient = r.Coefficient,
    };

    private static void RequireHr(AppraisalViewer viewer, string what)
    {
        if (!viewer.IsHr) throw new AppraisalActorException($"Only HR {what}.");
    }

    private DateTime Now()
    {
        // Whole seconds: times are printed on forms and must read back from either database exactly as written.
        var t = clock.GetUtcNow().UtcDateTime;
        return new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
