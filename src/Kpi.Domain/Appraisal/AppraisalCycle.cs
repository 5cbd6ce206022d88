using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;

namespace Kpi.Domain.Appraisal;

/// <summary>What HR asks for when creating a cycle (<c>POST /api/appraisal/cycles</c>), the template already looked up by its code.</summary>
public sealed record CycleRequest(string Name, AppraisalTemplate Template, Period Period, IReadOnlyList<string> Departments, DateOnly? SelfDue, DateOnly? ReviewDue);

/// <summary>A cycle just created, in draft, with one draft appraisal per member.</summary>
public sealed record NewCycle(AppraisalCycle Cycle, IReadOnlyList<EmployeeAppraisal> Appraisals);

/// <summary>
/// An appraisal cycle and HR's workflow over it: draft → started → calibration → approved → published, each step
/// cascading to the cycle's appraisals (docs/appraisal.md). Only HR takes these steps, never on their own appraisal.
/// The cycle does not hold its appraisals: the steps that need all of them take them as an argument (and refuse a
/// list of the wrong size), the others take the one they change, so that storage loads only what a step needs.
/// A refused step changes nothing: every check runs before the first change.
/// </summary>
public sealed class AppraisalCycle
{
    private readonly List<StatusChange<CycleStatus>> _history;

    private AppraisalCycle(string name, AppraisalTemplate template, Period period, IReadOnlyList<string> departments, DateOnly? selfDue,
        DateOnly? reviewDue, CycleStatus status, int size, IEnumerable<StatusChange<CycleStatus>> history)
    {
        Name = name;
        Template = template;
        Period = period;
        Departments = departments;
        SelfDue = selfDue;
        ReviewDue = reviewDue;
        Status = status;
        Size = size;
        _history = history.ToList();
    }

    public string Name { get; }

    /// <summary>The template as it was when the cycle was created: the cycle keeps its own copy.</summary>
    public AppraisalTemplate Template { get; }

    public Period Period { get; }
    public IReadOnlyList<string> Departments { get; }
    public DateOnly? SelfDue { get; }
    public DateOnly? ReviewDue { get; }
    public CycleStatus Status { get; private set; }

    /// <summary>How many appraisals the cycle holds (fixed when it is created).</summary>
    public int Size { get; }

    public IReadOnlyList<StatusChange<CycleStatus>> History => _history;

    /// <summary>Every problem of a request, by its field in <c>POST /api/appraisal/cycles</c>.</summary>
    public static IReadOnlyList<FieldError> Validate(CycleRequest request, OrgTree tree)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > AppraisalTemplate.MaxNameLength)
            errors.Add(new("name", $"must be 1–{AppraisalTemplate.MaxNameLength} characters"));
        errors.AddRange(request.Template.Validate().Select(e => e with { Field = $"template.{e.Field}" }));
        if (request.Period.Kind is not (PeriodKind.Month or PeriodKind.Quarter or PeriodKind.Year))
            errors.Add(new("period", $"'{request.Period}' is not a month, a quarter or a year"));

        if (request.Departments.Count == 0) errors.Add(new("departments", "name at least one department"));
        for (var i = 0; i < request.Departments.Count; i++)
        {
            var code = request.Departments[i];
            if (!tree.Contains(code)) errors.Add(new($"departments[{i}]", $"there is no department '{code}'"));
            else if (request.Departments.Take(i).Contains(code)) errors.Add(new($"departments[{i}]", $"'{code}' appears twice"));
        }

        if (request.Template.SelfAssessment && request.SelfDue is null)
            errors.Add(new("self_due", $"is required: template '{request.Template.Code}' asks for a self-assessment"));
        if (!request.Template.SelfAssessment && request.SelfDue is not null)
            errors.Add(new("self_due", $"template '{request.Template.Code}' asks for no self-assessment: leave it empty"));
        if (request.ReviewDue is null) errors.Add(new("review_due", "is required"));
        else if (request.SelfDue > request.ReviewDue) errors.Add(new("review_due", $"must not be before self_due {request.SelfDue:yyyy-MM-dd}"));
        return errors;
    }

    /// <summary>
    /// A draft cycle with one draft appraisal per member (<see cref="CycleMembership"/>), each with its appraiser
    /// (<see cref="Appraisers"/>) and whether they head their department.
    /// </summary>
    /// <param name="headOf">The head's employee_no of a department, or null.</param>
    public static NewCycle Create(CycleRequest request, OrgTree tree, IEnumerable<StaffRecord> staff, Func<string, string?> headOf, AppraisalActor actor, DateTime at)
    {
        EmployeeAppraisal.Utc(at);
        RequireHr(actor, "creates cycles");
        var errors = Validate(request, tree);
        if (errors.Count > 0) throw new AppraisalInputException(errors);

        var members = CycleMembership.Members(tree, request.Departments, request.Period, staff);
        if (members.Count == 0)
            throw new AppraisalInputException([new("departments", $"nobody is in headcount on {request.Period.LastDay:yyyy-MM-dd} in these departments")]);

        var appraisals = members.Select(s => EmployeeAppraisal.Create(request.Template,
            new AppraisalSubject(s.EmployeeNo, s.Name, s.Department, s.Position, Appraisers.IsHead(headOf, s.EmployeeNo, s.Department)),
            Appraisers.For(tree, headOf, s.EmployeeNo, s.Department))).ToList();
        var cycle = new AppraisalCycle(request.Name.Trim(), request.Template, request.Period, request.Departments.ToList(), request.SelfDue,
            request.ReviewDue, CycleStatus.Draft, appraisals.Count, []);
        return new NewCycle(cycle, appraisals);
    }

    /// <summary>A cycle as storage kept it; no rule is re-checked.</summary>
    public static AppraisalCycle Restore(string name, AppraisalTemplate template, Period period, IReadOnlyList<string> departments, DateOnly? selfDue,
        DateOnly? reviewDue, CycleStatus status, int size, IEnumerable<StatusChange<CycleStatus>> history) =>
        new(name, template, period, departments, selfDue, reviewDue, status, size, history);

    /// <summary>draft → started; every appraisal to self_assessment, or to manager_review when the template asks for no self-assessment.</summary>
    public void Start(IReadOnlyCollection<EmployeeAppraisal> appraisals, AppraisalActor actor, DateTime at)
    {
        at = EmployeeAppraisal.Utc(at);
        RequireHr(actor, "starts a cycle");
        RequireAll(appraisals);
        RequireStatus("starting", "a cycle is started once, from draft", CycleStatus.Draft);
        var notDraft = appraisals.Where(a => a.Status != AppraisalStatus.Draft).ToList();
        if (notDraft.Count > 0) throw new AppraisalStateException($"Appraisals of cycle '{Name}' are not in draft: {List(notDraft)}.");

        foreach (var a in appraisals) a.Start(actor, at);
        Move(CycleStatus.Started, actor, at);
    }

    /// <summary>
    /// started → calibration, once every month of the period is closed and every appraisal reviewed; takes each
    /// department's scorecard total for the period into its appraisals (stored: a later restatement does not move it).
    /// </summary>
    /// <param name="kpiOf">The KPI input of a department (asked once per department): its scorecard total over the closed months and its veto.</param>
    /// <param name="closedMonths">The months that are closed; the period's months missing from it are named in the refusal.</param>
    public void EnterCalibration(IReadOnlyCollection<EmployeeAppraisal> appraisals, Func<string, KpiInput> kpiOf, IReadOnlyCollection<Period> closedMonths,
        AppraisalActor actor, DateTime at)
    {
        at = EmployeeAppraisal.Utc(at);
        RequireHr(actor, "moves a cycle to calibration");
        RequireAll(appraisals);
        RequireStatus("calibration", "a started cycle enters calibration once", CycleStatus.Started);

        var open = Period.Months.Where(m => !closedMonths.Contains(m)).Select(m => m.ToString()).ToList();
        var notReviewed = appraisals.Where(a => a.Status != AppraisalStatus.Calibration).ToList();
        if (open.Count > 0 || notReviewed.Count > 0)
        {
            var missing = new List<string>();
            if (open.Count > 0) missing.Add($"{Plural(open.Count, "month")} of {Period} not closed: {string.Join(", ", open)}");
            if (notReviewed.Count > 0) missing.Add($"{Plural(notReviewed.Count, "appraisal")} not reviewed: {List(notReviewed)}");
            throw new CalibrationNotReadyException($"Cycle '{Name}' cannot enter calibration: {string.Join("; ", missing)}.",
                open, notReviewed.Select(a => a.EmployeeNo).ToList());
        }

        var kpis = appraisals.Select(a => a.Subject.Department).Distinct(StringComparer.Ordinal).ToDictionary(d => d, kpiOf, StringComparer.Ordinal);
        foreach (var (department, kpi) in kpis) CheckKpi(department, kpi);

        foreach (var a in appraisals) a.TakeKpi(kpis[a.Subject.Department]);
        Move(CycleStatus.Calibration, actor, at);
    }

    /// <summary>
    /// Retakes one appraisal's KPI input after a restatement (HR, with a reason, while the cycle is in calibration).
    /// </summary>
    /// <returns>The input it replaced, for the audit trail.</returns>
    public KpiInput? RefreshKpi(EmployeeAppraisal appraisal, KpiInput kpi, AppraisalActor actor, string? reason, DateTime at)
    {
        EmployeeAppraisal.Utc(at);
        RequireHr(actor, "refreshes the scorecard total");
        if (actor.Is(appraisal.EmployeeNo)) throw new AppraisalActorException($"{appraisal.EmployeeNo} cannot refresh their own appraisal: another member of HR does.");
        RequireStatus("refreshing the scorecard total", "it is taken when the cycle enters calibration and refreshed during it", CycleStatus.Calibration);
        if (string.IsNullOrWhiteSpace(reason)) throw new AppraisalInputException([new("reason", "is required: say why")]);
        CheckKpi(appraisal.Subject.Department, kpi);

        var before = appraisal.Kpi;
        appraisal.TakeKpi(kpi);
        return before;
    }

    /// <summary>
    /// HR's adjustment (within the template's bounds) and optional grade override of one reviewed appraisal, with a
    /// reason, while the cycle is in calibration.
    /// </summary>
    /// <returns>The calibration and result before and after, for the audit trail.</returns>
    public CalibrationChange Calibrate(EmployeeAppraisal appraisal, AppraisalActor actor, decimal adjustment, string? grade, string? reason, DateTime at)
    {
        at = EmployeeAppraisal.Utc(at);
        RequireHr(actor, "calibrates");
        RequireStatus("calibrating an appraisal", "HR adjusts scores and grades between entering calibration and approval; reopen an appraisal to change an approved cycle",
            CycleStatus.Calibration);
        return appraisal.Calibrate(actor, adjustment, grade, reason, at);
    }

    /// <summary>
    /// calibration → approved, with every appraisal. Refused while an appraisal is not reviewed (reopened) or has no
    /// grade, and — unless <paramref name="overrideReason"/> is given — while the grades break the distribution policy
    /// (<see cref="DistributionViolationException"/> names every violation).
    /// </summary>
    /// <returns>The violations approved over by the override reason (empty when the policy holds), for the audit trail.</returns>
    public IReadOnlyList<DistributionViolation> Approve(IReadOnlyCollection<EmployeeAppraisal> appraisals, OrgTree tree, string? overrideReason,
        AppraisalActor actor, DateTime at)
    {
        at = EmployeeAppraisal.Utc(at);
        RequireHr(actor, "approves a cycle");
        RequireAll(appraisals);
        RequireStatus("approval", "a cycle is approved from calibration", CycleStatus.Calibration);

        var notReviewed = appraisals.Where(a => a.Status != AppraisalStatus.Calibration).ToList();
        if (notReviewed.Count > 0)
            throw new AppraisalStateException($"Cycle '{Name}' cannot be approved: {Plural(notReviewed.Count, "appraisal")} must be reviewed again after reopening: {List(notReviewed)}.");
        var results = appraisals.Select(a => (Appraisal: a, a.Result)).ToList();
        var ungraded = results.Where(r => r.Result.Grade is null).Select(r => r.Appraisal).ToList();
        if (ungraded.Count > 0)
            throw new AppraisalStateException($"Cycle '{Name}' cannot be approved: {Plural(ungraded.Count, "appraisal")} without a grade (no part has data; set a grade in calibration): {List(ungraded)}.");

        var violations = Distribution.Check(Template, tree, results.Select(r => (r.Appraisal.Subject.Department, r.Result.Grade)));
        var reason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim();
        if (violations.Count > 0 && reason is null) throw new DistributionViolationException(violations);
        if (reason is { Length: > CalibrationDecision.MaxReasonLength })
            throw new AppraisalInputException([new("override_reason", $"must be at most {CalibrationDecision.MaxReasonLength} characters")]);

        var why = violations.Count > 0 ? $"distribution policy overridden ({string.Join("; ", violations)}): {reason}" : reason;
        foreach (var a in appraisals) a.Approve(actor, at, why);
        Move(CycleStatus.Approved, actor, at, why);
        return violations;
    }

    /// <summary>approved → published, with every appraisal: employees see their results, and nothing changes any more.</summary>
    public void Publish(IReadOnlyCollection<EmployeeAppraisal> appraisals, AppraisalActor actor, DateTime at)
    {
        at = EmployeeAppraisal.Utc(at);
        RequireHr(actor, "publishes a cycle");
        RequireAll(appraisals);
        RequireStatus("publication", "a cycle is published once approved", CycleStatus.Approved);
        foreach (var a in appraisals) a.Publish(actor, at);
        Move(CycleStatus.Published, actor, at);
    }

    /// <summary>
    /// Takes a reviewed appraisal back to manager_review (HR, with a reason, until publication). When the cycle was
    /// already approved, the approval no longer holds: the cycle and its other appraisals go back to calibration.
    /// </summary>
    /// <param name="appraisals">All the cycle's appraisals (needed only when the cycle is approved).</param>
    public void Reopen(EmployeeAppraisal appraisal, IReadOnlyCollection<EmployeeAppraisal> appraisals, AppraisalActor actor, string? reason, DateTime at)
    {
        at = EmployeeAppraisal.Utc(at);
        RequireHr(actor, "reopens an appraisal");
        RequireStatus("reopening", "reopening is possible until publication", CycleStatus.Started, CycleStatus.Calibration, CycleStatus.Approved);
        appraisal.CheckReopen(actor, reason);
        var why = reason!.Trim();

        if (Status == CycleStatus.Approved)
        {
            RequireAll(appraisals);
            if (!appraisals.Contains(appraisal)) throw new ArgumentException("The reopened appraisal must be one of the appraisals passed.", nameof(appraisals));
            var undone = $"approval undone: {appraisal.EmployeeNo} reopened: {why}";
            foreach (var a in appraisals.Where(a => a != appraisal)) a.Unapprove(actor, at, undone);
            Move(CycleStatus.Calibration, actor, at, undone);
        }
        appraisal.Reopen(actor, why, at);
    }

    /// <summary>The grade distribution per calibration group against the policy: the cycle page.</summary>
    public IReadOnlyList<GroupDistribution> GradeDistribution(IEnumerable<EmployeeAppraisal> appraisals, OrgTree tree) =>
        Distribution.Summarize(Template, tree, appraisals);

    private void CheckKpi(string department, KpiInput kpi)
    {
        var problems = kpi.Validate(Template);
        if (problems.Count > 0)
            throw new AppraisalStateException($"The scorecard total of department {department} cannot be taken: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}"))}.");
    }

    private static void RequireHr(AppraisalActor actor, string what)
    {
        if (!actor.IsHr) throw new AppraisalActorException($"Only HR {what}; you are {actor}.");
    }

    private void RequireAll(IReadOnlyCollection<EmployeeAppraisal> appraisals)
    {
        if (appraisals.Count != Size)
            throw new ArgumentException($"Cycle '{Name}' holds {Size} appraisals and this step needs all of them; {appraisals.Count} were given.", nameof(appraisals));
    }

    private void RequireStatus(string step, string hint, params CycleStatus[] allowed)
    {
        if (Status == CycleStatus.Published)
            throw new AppraisalStateException($"Cycle '{Name}' is published: its results are final and nothing changes any more ({step} refused).");
        if (!allowed.Contains(Status))
            throw new AppraisalStateException($"Cycle '{Name}' is {Status.Name()}: {step} needs {string.Join(" or ", allowed.Select(s => s.Name()))} ({hint}).");
    }

    private void Move(CycleStatus to, AppraisalActor actor, DateTime at, string? reason = null)
    {
        _history.Add(new StatusChange<CycleStatus>(Status, to, actor, at, reason));
        Status = to;
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>The first ten employees and their state, then how many more: a refusal stays readable for 5,000 appraisals.</summary>
    private static string List(IReadOnlyList<EmployeeAppraisal> appraisals)
    {
        var shown = string.Join(", ", appraisals.Take(10).Select(a => $"{a.EmployeeNo} ({a.Status.Name()})"));
        return appraisals.Count > 10 ? $"{shown} and {appraisals.Count - 10} more" : shown;
    }
}
