namespace Kpi.Domain.Appraisal;

/// <summary>The employee an appraisal is about, as their staff record and the department heads said when the cycle was created.</summary>
public sealed record AppraisalSubject(string EmployeeNo, string Name, string Department, string Position, bool IsHead);

/// <summary>
/// One employee's appraisal in a cycle, and the workflow that guards it (docs/appraisal.md):
/// draft → self_assessment (when the template asks) → manager_review → calibration → approved → published.
/// The steps an employee or appraiser takes are methods here; the steps HR takes for a whole cycle (start, calibration,
/// approval, publication, reopening) go through <see cref="AppraisalCycle"/>, which knows the cycle's state.
/// A step in the wrong state throws <see cref="AppraisalStateException"/>, by the wrong person
/// <see cref="AppraisalActorException"/>, with wrong input <see cref="AppraisalInputException"/>; a refused step changes
/// nothing. Nobody ever acts as appraiser or HR on their own appraisal. Named EmployeeAppraisal, not Appraisal, so that
/// it does not clash with the namespace.
/// </summary>
public sealed class EmployeeAppraisal
{
    private readonly List<Goal> _goals;
    private readonly List<StatusChange<AppraisalStatus>> _history;

    private EmployeeAppraisal(AppraisalTemplate template, AppraisalSubject subject, string? appraiserEmployeeNo, AppraisalStatus status,
        IEnumerable<Goal> goals, Submission? selfAssessment, Submission? review, KpiInput? kpi, CalibrationDecision? calibration,
        IEnumerable<StatusChange<AppraisalStatus>> history)
    {
        Template = template;
        Subject = subject;
        AppraiserEmployeeNo = string.IsNullOrWhiteSpace(appraiserEmployeeNo) ? null : appraiserEmployeeNo;
        Status = status;
        _goals = goals.ToList();
        SelfAssessment = selfAssessment;
        Review = review;
        Kpi = kpi;
        Calibration = calibration;
        _history = history.ToList();
    }

    /// <summary>A new appraisal in draft. <paramref name="appraiserEmployeeNo"/> is null when HR acts as appraiser (see <see cref="Appraisers"/>).</summary>
    public static EmployeeAppraisal Create(AppraisalTemplate template, AppraisalSubject subject, string? appraiserEmployeeNo)
    {
        template.EnsureValid();
        if (appraiserEmployeeNo is not null && appraiserEmployeeNo == subject.EmployeeNo)
            throw new DomainException($"{subject.EmployeeNo} cannot appraise themselves.", "appraiser_employee_no");
        return new(template, subject, appraiserEmployeeNo, AppraisalStatus.Draft, [], null, null, null, null, []);
    }

    /// <summary>An appraisal as storage kept it; no rule is re-checked.</summary>
    public static EmployeeAppraisal Restore(AppraisalTemplate template, AppraisalSubject subject, string? appraiserEmployeeNo, AppraisalStatus status,
        IEnumerable<Goal> goals, Submission? selfAssessment, Submission? review, KpiInput? kpi, CalibrationDecision? calibration,
        IEnumerable<StatusChange<AppraisalStatus>> history) =>
        new(template, subject, appraiserEmployeeNo, status, goals, selfAssessment, review, kpi, calibration, history);

    public AppraisalTemplate Template { get; }
    public AppraisalSubject Subject { get; }
    public string EmployeeNo => Subject.EmployeeNo;

    /// <summary>The employee who appraises, or null: HR acts.</summary>
    public string? AppraiserEmployeeNo { get; }

    public AppraisalStatus Status { get; private set; }
    public IReadOnlyList<Goal> Goals => _goals;
    public Submission? SelfAssessment { get; private set; }
    public Submission? Review { get; private set; }

    /// <summary>The KPI part's input, null until the cycle enters calibration.</summary>
    public KpiInput? Kpi { get; private set; }

    public CalibrationDecision? Calibration { get; private set; }
    public IReadOnlyList<StatusChange<AppraisalStatus>> History => _history;

    /// <summary>Every part with its inputs, score and arithmetic; the final, grade and coefficient (see <see cref="AppraisalScorer"/>).</summary>
    public AppraisalResult Result => AppraisalScorer.Score(Template, Subject.IsHead, _goals, Review, SelfAssessment, Kpi, Calibration);

    /// <summary>Only results of a published appraisal are shown to the employee.</summary>
    public bool IsFinal => Status == AppraisalStatus.Published;

    /// <summary>True when the actor may take the appraiser's steps: the appraiser, or HR where there is none; never the employee.</summary>
    public bool IsAppraiser(AppraisalActor actor) =>
        !actor.Is(EmployeeNo) && (AppraiserEmployeeNo is null ? actor.IsHr : actor.Is(AppraiserEmployeeNo));

    /// <summary>
    /// Replaces the personal goals (an empty list clears them: the goals part then has no data). The appraiser or HR,
    /// until the review is submitted.
    /// </summary>
    public void SetGoals(AppraisalActor actor, IReadOnlyList<Goal> goals)
    {
        if (actor.Is(EmployeeNo))
            throw new AppraisalActorException($"{EmployeeNo} cannot set their own goals: the appraiser ({AppraiserName}) or HR sets them.");
        if (!actor.IsHr && !actor.Is(AppraiserEmployeeNo))
            throw new AppraisalActorException($"Only the appraiser ({AppraiserName}) or HR sets the goals of {EmployeeNo}; you are {actor}.");
        RequireStatus("setting goals", "goals can be set until the review is submitted; HR can reopen a reviewed appraisal",
            AppraisalStatus.Draft, AppraisalStatus.SelfAssessment, AppraisalStatus.ManagerReview);

        var errors = Template.Part(PartType.Goals) is null
            ? [new FieldError("goals", $"template '{Template.Code}' has no goals part")]
            : Goal.Validate(goals);
        if (errors.Count > 0) throw new AppraisalInputException(errors);
        _goals.Clear();
        _goals.AddRange(goals);
    }

    /// <summary>
    /// Problems of a self-assessment's input: goal actuals either none or one per goal in goal order; ratings of known
    /// items only, each 1..scale, not necessarily all of them.
    /// </summary>
    public IReadOnlyList<FieldError> CheckSelfAssessment(IReadOnlyList<decimal> goalActuals, IReadOnlyDictionary<string, int> ratings, string? comment) =>
        CheckSubmission(goalActuals, ratings, comment, complete: false);

    /// <summary>Problems of a review's input: exactly one actual per goal in goal order; every competency item rated 1..scale.</summary>
    public IReadOnlyList<FieldError> CheckReview(IReadOnlyList<decimal> goalActuals, IReadOnlyDictionary<string, int> ratings, string? comment) =>
        CheckSubmission(goalActuals, ratings, comment, complete: true);

    /// <summary>The employee's own assessment, shown beside the review and never counted: self_assessment → manager_review.</summary>
    public void SubmitSelfAssessment(AppraisalActor actor, IReadOnlyList<decimal> goalActuals, IReadOnlyDictionary<string, int> ratings, string? comment, DateTime at)
    {
        at = Utc(at);
        if (!actor.Is(EmployeeNo))
            throw new AppraisalActorException($"Only {EmployeeNo} submits their own self-assessment; you are {actor}.");
        RequireStatus("a self-assessment", "the self-assessment is open once HR starts the cycle, until it is submitted", AppraisalStatus.SelfAssessment);
        var errors = CheckSelfAssessment(goalActuals, ratings, comment);
        if (errors.Count > 0) throw new AppraisalInputException(errors);

        SelfAssessment = new Submission(goalActuals.ToList(), Copy(ratings), Trim(comment), actor, at);
        Move(AppraisalStatus.ManagerReview, actor, at);
    }

    /// <summary>The appraiser's actuals, ratings and comment: manager_review → calibration.</summary>
    public void SubmitReview(AppraisalActor actor, IReadOnlyList<decimal> goalActuals, IReadOnlyDictionary<string, int> ratings, string? comment, DateTime at)
    {
        at = Utc(at);
        if (actor.Is(EmployeeNo))
            throw new AppraisalActorException($"{EmployeeNo} cannot review themselves: {(AppraiserEmployeeNo is null ? "HR reviews" : $"their appraiser {AppraiserEmployeeNo} does")}.");
        if (!IsAppraiser(actor))
            throw new AppraisalActorException(AppraiserEmployeeNo is null
                ? $"{EmployeeNo} has no appraiser: HR submits the review; you are {actor}."
                : $"Only the appraiser ({AppraiserEmployeeNo}) submits the review of {EmployeeNo}; you are {actor}.");
        RequireStatus("a review", Template.SelfAssessment
            ? "the review follows the employee's self-assessment"
            : "the review is open once HR starts the cycle, until it is submitted", AppraisalStatus.ManagerReview);
        var errors = CheckReview(goalActuals, ratings, comment);
        if (errors.Count > 0) throw new AppraisalInputException(errors);

        Review = new Submission(goalActuals.ToList(), Copy(ratings), Trim(comment), actor, at);
        Move(AppraisalStatus.Calibration, actor, at);
    }

    // The steps below belong to the cycle's workflow: AppraisalCycle calls them after checking the cycle and the actor.

    internal void Start(AppraisalActor actor, DateTime at)
    {
        RequireStatus("starting", "only a draft is started", AppraisalStatus.Draft);
        Move(Template.SelfAssessment ? AppraisalStatus.SelfAssessment : AppraisalStatus.ManagerReview, actor, at);
    }

    internal void TakeKpi(KpiInput kpi)
    {
        RequireNotPublished("taking the scorecard total");
        var errors = kpi.Validate(Template);
        if (errors.Count > 0) throw new AppraisalInputException(errors);
        Kpi = kpi;
    }

    internal CalibrationChange Calibrate(AppraisalActor actor, decimal adjustment, string? grade, string? reason, DateTime at)
    {
        at = Utc(at);
        RequireNotSelf(actor, "calibrate");
        RequireStatus("calibrating", "an appraisal is calibrated once reviewed; reopen it to change an approved one", AppraisalStatus.Calibration);

        var errors = new List<FieldError>();
        if (!Template.Adjustment.Contains(adjustment))
            errors.Add(new("adjustment", $"must lie within {Scoring.Scorer.Fmt(Template.Adjustment.Min)}..{Scoring.Scorer.Fmt(Template.Adjustment.Max)}"));
        if (grade is not null && !Template.GradeScale.Contains(grade))
            errors.Add(new("grade", $"'{grade}' is not one of {string.Join(", ", Template.Grades.Select(g => g.Grade))}"));
        CheckReason(reason, errors);
        if (errors.Count > 0) throw new AppraisalInputException(errors);

        var before = (Calibration, Result);
        Calibration = new CalibrationDecision(adjustment, grade, reason!.Trim(), actor, at);
        return new CalibrationChange(before.Calibration, Calibration, before.Result, Result);
    }

    internal void Approve(AppraisalActor actor, DateTime at, string? reason)
    {
        RequireStatus("approval", "every appraisal of the cycle must be reviewed again after a reopening", AppraisalStatus.Calibration);
        Move(AppraisalStatus.Approved, actor, at, reason);
    }

    internal void Publish(AppraisalActor actor, DateTime at)
    {
        RequireStatus("publication", "the cycle must be approved first", AppraisalStatus.Approved);
        Move(AppraisalStatus.Published, actor, at);
    }

    /// <summary>Undoes an approval when the cycle goes back to calibration: approved → calibration.</summary>
    internal void Unapprove(AppraisalActor actor, DateTime at, string reason)
    {
        if (Status == AppraisalStatus.Approved) Move(AppraisalStatus.Calibration, actor, at, reason);
    }

    internal void CheckReopen(AppraisalActor actor, string? reason)
    {
        RequireNotSelf(actor, "reopen");
        RequireNotPublished("reopening");
        RequireStatus("reopening", "only a reviewed appraisal (calibration or approved) is reopened, back to manager_review",
            AppraisalStatus.Calibration, AppraisalStatus.Approved);
        var errors = new List<FieldError>();
        CheckReason(reason, errors);
        if (errors.Count > 0) throw new AppraisalInputException(errors);
    }

    internal void Reopen(AppraisalActor actor, string reason, DateTime at) => Move(AppraisalStatus.ManagerReview, actor, at, reason.Trim());

    private string AppraiserName => AppraiserEmployeeNo ?? "none: HR acts";

    private IReadOnlyList<FieldError> CheckSubmission(IReadOnlyList<decimal> goalActuals, IReadOnlyDictionary<string, int> ratings, string? comment, bool complete)
    {
        var errors = new List<FieldError>();
        if (complete ? goalActuals.Count != _goals.Count : goalActuals.Count != 0 && goalActuals.Count != _goals.Count)
            errors.Add(new("goal_actuals", _goals.Count == 0
                ? $"there are no goals: give no actuals, not {goalActuals.Count}"
                : $"give {(complete ? "" : "none or ")}one actual per goal, in goal order: {_goals.Count} goals, {goalActuals.Count} actuals"));

        var competency = Template.Part(PartType.Competency);
        if (competency is null)
        {
            if (ratings.Count > 0) errors.Add(new("ratings", $"template '{Template.Code}' has no competency part: give no ratings"));
        }
        else
        {
            var scale = competency.Scale!.Value;
            foreach (var item in competency.Items!)
            {
                if (!ratings.TryGetValue(item.Code, out var rating))
                {
                    if (complete) errors.Add(new($"ratings.{item.Code}", $"is required: rate every item from 1 to {scale}"));
                }
                else if (rating < 1 || rating > scale) errors.Add(new($"ratings.{item.Code}", $"must be a whole number from 1 to {scale}, not {rating}"));
            }
            foreach (var code in ratings.Keys.Where(c => competency.Items!.All(i => i.Code != c)).Order(StringComparer.Ordinal))
                errors.Add(new($"ratings.{code}", $"'{code}' is not an item of template '{Template.Code}'"));
        }

        if (comment is { Length: > Submission.MaxCommentLength }) errors.Add(new("comment", $"must be at most {Submission.MaxCommentLength} characters"));
        return errors;
    }

    private static void CheckReason(string? reason, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(reason)) errors.Add(new("reason", "is required: say why"));
        else if (reason.Length > CalibrationDecision.MaxReasonLength) errors.Add(new("reason", $"must be at most {CalibrationDecision.MaxReasonLength} characters"));
    }

    private void RequireNotSelf(AppraisalActor actor, string what)
    {
        if (actor.Is(EmployeeNo)) throw new AppraisalActorException($"{EmployeeNo} cannot {what} their own appraisal: another member of HR does.");
    }

    private void RequireNotPublished(string step)
    {
        if (Status == AppraisalStatus.Published)
            throw new AppraisalStateException($"The appraisal of {EmployeeNo} is published: its results are final and nothing changes any more ({step} refused).");
    }

    private void RequireStatus(string step, string hint, params AppraisalStatus[] allowed)
    {
        RequireNotPublished(step);
        if (allowed.Contains(Status)) return;
        throw new AppraisalStateException(
            $"The appraisal of {EmployeeNo} is in {Status.Name()}: {step} needs {string.Join(" or ", allowed.Select(s => s.Name()))} ({hint}).");
    }

    private void Move(AppraisalStatus to, AppraisalActor actor, DateTime at, string? reason = null)
    {
        _history.Add(new StatusChange<AppraisalStatus>(Status, to, actor, at, reason));
        Status = to;
    }

    internal static DateTime Utc(DateTime at) =>
        at.Kind == DateTimeKind.Utc ? at : throw new ArgumentException("Pass time as a UTC DateTime (TimeProvider.GetUtcNow().UtcDateTime).", nameof(at));

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IReadOnlyDictionary<string, int> Copy(IReadOnlyDictionary<string, int> ratings) => new Dictionary<string, int>(ratings, StringComparer.Ordinal);
}
