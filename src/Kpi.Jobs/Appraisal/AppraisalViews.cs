using Kpi.Domain.Appraisal;
using Kpi.Storage.Appraisal;
using Kpi.Storage.Scorecards;

namespace Kpi.Jobs.Appraisal;

// What the appraisal use cases answer: flat records that the API writes as JSON (snake_case) and the portal's pages
// show. States and kinds are the API's spellings ("self_assessment"); decimals are exact; null is "no data" or "not
// shown to you", never zero.

/// <summary><c>POST /api/appraisal/cycles</c>'s answer.</summary>
public sealed record CycleCreated(long Id, string Status, int Appraisals);

/// <summary>A line of the cycle list.</summary>
public sealed record CycleSummary(long Id, string Name, string Template, string Period, string Status, DateOnly? SelfDue, DateOnly? ReviewDue, int Appraisals);

/// <summary>
/// The cycle page: status, how many appraisals are in each state, and — for those who see every appraisal — the grade
/// distribution per calibration group against the policy and the cycle's history. Others see the counts of the
/// appraisals they may see.
/// </summary>
public sealed record CycleView(
    long Id,
    string Name,
    string Template,
    string Period,
    IReadOnlyList<string> Departments,
    DateOnly? SelfDue,
    DateOnly? ReviewDue,
    string Status,
    int Appraisals,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<GroupView>? Distribution,
    IReadOnlyList<TransitionView> History,
    FormsView? Forms,
    DateTime CreatedAt,
    string CreatedBy);

public sealed record GroupView(string Group, int Count, int Ungraded, IReadOnlyList<GradeShareView> Grades, IReadOnlyList<ViolationView> Violations)
{
    public static GroupView From(GroupDistribution g) => new(g.Group, g.Count, g.Ungraded,
        g.Grades.Select(s => new GradeShareView(s.Grade, s.Count, s.Share, s.MaxShare, s.MaxAllowed, s.MinShare, s.MinRequired)).ToList(),
        g.Violations.Select(ViolationView.From).ToList());
}

public sealed record GradeShareView(string Grade, int Count, decimal Share, decimal? MaxShare, int? MaxAllowed, decimal? MinShare, int? MinRequired);

/// <summary>A grade of a group over its max or under its min: what approval's 409 lists.</summary>
public sealed record ViolationView(string Group, string Grade, int Count, int Bound, string Kind)
{
    public static ViolationView From(DistributionViolation v) => new(v.Group, v.Grade, v.Count, v.Bound, v.Kind.Name());
}

/// <summary>One workflow step: from, to, the user who took it (and their employee), when, why.</summary>
public sealed record TransitionView(string From, string To, string By, string? ByEmployeeNo, DateTime At, string? Reason);

/// <summary>How many of a published cycle's forms (zh PDF) are stored.</summary>
public sealed record FormsView(int Rendered, int Of);

/// <summary>A line of a cycle's appraisal list; the result fields are null for your own appraisal until it is published.</summary>
public sealed record AppraisalListItem(
    long Id, string EmployeeNo, string Name, string Department, string? AppraiserEmployeeNo, string Status, decimal? Final, string? Grade, decimal? Coefficient);

/// <summary>
/// One appraisal as its viewer may see it: who and where, the goals, the self-assessment, and — unless it is the
/// viewer's own and not yet published (<see cref="ResultVisible"/>) — the review, every part with its inputs, score and
/// arithmetic, the final, grade, coefficient, veto and HR's calibration. The history says who took each step and when.
/// </summary>
public sealed record AppraisalView(
    long Id,
    long CycleId,
    string Cycle,
    string Period,
    string CycleStatus,
    string EmployeeNo,
    string Name,
    string Department,
    string DepartmentName,
    string Position,
    bool IsHead,
    string? AppraiserEmployeeNo,
    string? AppraiserName,
    string Status,
    DateOnly? SelfDue,
    DateOnly? ReviewDue,
    IReadOnlyList<GoalDocument> Goals,
    SubmissionView? SelfAssessment,
    SubmissionView? Review,
    bool ResultVisible,
    ResultView? Result,
    CalibrationView? Calibration,
    IReadOnlyList<TransitionView> History);

public sealed record SubmissionView(IReadOnlyList<decimal> GoalActuals, IReadOnlyDictionary<string, int> Ratings, string? Comment, string? ByEmployeeNo, DateTime At)
{
    public static SubmissionView? From(Submission? s) => s is null ? null : new(s.GoalActuals, s.Ratings, s.Comment, s.By.EmployeeNo, s.At);
}

/// <summary>The scored appraisal (<see cref="AppraisalResult"/>): parts, weighted mean, adjustment, final, grades, coefficient.</summary>
public sealed record ResultView(
    IReadOnlyList<PartView> Parts,
    decimal? Weighted,
    decimal Adjustment,
    string? AdjustmentReason,
    decimal? Final,
    string? ComputedGrade,
    VetoView? Veto,
    string? GradeOverride,
    string? Grade,
    decimal? Coefficient,
    decimal Completeness,
    string Arithmetic);

/// <summary>A part: weight, score (null = no data, its weight spread), the weight it effectively carries, the arithmetic and its inputs.</summary>
public sealed record PartView(
    string Type,
    decimal Weight,
    decimal? Score,
    decimal? EffectiveWeight,
    bool HasData,
    string Arithmetic,
    KpiView? Kpi,
    IReadOnlyList<GoalResultView>? Goals,
    int? Scale,
    IReadOnlyList<ItemView>? Items);

/// <summary>The KPI input: the department's scorecard total for the period, its veto, where it came from and when it was taken.</summary>
public sealed record KpiView(decimal? Total, bool VetoTriggered, string? VetoCapGrade, string? VetoReason, string? Source, DateTime? TakenAt);

public sealed record GoalResultView(
    string Name, decimal? Target, decimal Weight, string Direction, decimal? Tolerance, ScorecardDocument.RuleDocument Rule,
    decimal? Actual, decimal? SelfActual, decimal? Achievement, decimal? Points, string? Arithmetic);

public sealed record ItemView(string Code, string Name, decimal Weight, int? Rating, int? SelfRating, decimal? Score, string Arithmetic);

public sealed record VetoView(bool Applies, string CapGrade, string? UncappedGrade, string Reason);

public sealed record CalibrationView(decimal Adjustment, string? Grade, string Reason, string? ByEmployeeNo, DateTime At);

/// <summary>Approval's answer: the cycle's new state and the violations an override reason approved over.</summary>
public sealed record ApprovalView(long Id, string Status, string? OverrideReason, IReadOnlyList<ViolationView> Overridden);

/// <summary>What a step of the workflow asks for, as the API's bodies carry it.</summary>
public sealed record CycleInput(string? Name, string? Template, string? Period, IReadOnlyList<string>? Departments, DateOnly? SelfDue, DateOnly? ReviewDue);

public sealed record SubmissionInput(IReadOnlyList<decimal>? GoalActuals, IReadOnlyDictionary<string, int>? Ratings, string? Comment);

public sealed record CalibrationInput(decimal? Adjustment, string? Grade, string? Reason);
