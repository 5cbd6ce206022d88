using Kpi.Domain.Appraisal;

namespace Kpi.Storage.Appraisal;

// The stored form of appraisal templates, cycles and appraisals: enough to restore the domain's aggregates
// (AppraisalCycle.Restore, EmployeeAppraisal.Restore), every transition with who took it, and — on each appraisal —
// the result the domain computed when it was last saved (final, grade, coefficient), so that listings, the cycle's
// distribution and the export are one indexed query over a 5,000-person cycle instead of 5,000 restores.

/// <summary>A template as HR created it (<c>POST /api/appraisal/templates</c>): its JSON document, keyed by code.</summary>
public sealed class AppraisalTemplateRow
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The <see cref="AppraisalTemplateDocument"/> as JSON.</summary>
    public string Document { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>A cycle with its own copy of the template (a template created later under another code does not touch it).</summary>
public sealed class AppraisalCycleRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string TemplateCode { get; set; } = "";

    /// <summary>The cycle's copy of the template, an <see cref="AppraisalTemplateDocument"/> as JSON.</summary>
    public string Template { get; set; } = "";

    /// <summary>The period as <c>2026-Q3</c>.</summary>
    public string Period { get; set; } = "";

    /// <summary>The departments chosen (JSON array of codes); the appraisals cover their subtrees.</summary>
    public string Departments { get; set; } = "[]";

    public DateOnly? SelfDue { get; set; }
    public DateOnly? ReviewDue { get; set; }
    public CycleStatus Status { get; set; }

    /// <summary>How many appraisals the cycle holds, fixed at creation.</summary>
    public int Size { get; set; }

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }

    /// <summary>The Hangfire job last asked to render the cycle's forms (after publication).</summary>
    public string? FormsJobId { get; set; }
}

/// <summary>One step of a cycle's workflow: from, to, who (the user, their employee, whether as HR), when, why.</summary>
public sealed class CycleTransitionRow
{
    public long Id { get; set; }
    public long CycleId { get; set; }
    public CycleStatus FromStatus { get; set; }
    public CycleStatus ToStatus { get; set; }
    public string? ByEmployeeNo { get; set; }
    public bool ByHr { get; set; }
    public string ByUser { get; set; } = "";
    public DateTime At { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// One employee's appraisal. The subject (name, department, position, head or not) and the appraiser are fixed when the
/// cycle is created; goals and submissions are JSON (<see cref="AppraisalDocuments"/>); the KPI input taken at
/// calibration and HR's calibration decision are columns; <see cref="Final"/>, <see cref="Grade"/> and
/// <see cref="Coefficient"/> repeat what <see cref="EmployeeAppraisal.Result"/> gave at the last save.
/// </summary>
public sealed class AppraisalRow
{
    public long Id { get; set; }
    public long CycleId { get; set; }
    public AppraisalCycleRow? Cycle { get; set; }
    public string EmployeeNo { get; set; } = "";
    public string Name { get; set; } = "";
    public string Department { get; set; } = "";

    /// <summary>The department's name when the cycle was created, as the forms print it.</summary>
    public string DepartmentName { get; set; } = "";

    public string Position { get; set; } = "";
    public bool IsHead { get; set; }

    /// <summary>Null: HR acts as appraiser.</summary>
    public string? AppraiserEmployeeNo { get; set; }

    public string? AppraiserName { get; set; }
    public AppraisalStatus Status { get; set; }

    /// <summary>The goals as a JSON array of <see cref="GoalDocument"/>.</summary>
    public string Goals { get; set; } = "[]";

    /// <summary>The self-assessment as a <see cref="SubmissionDocument"/>, or null.</summary>
    public string? SelfAssessment { get; set; }

    /// <summary>The review as a <see cref="SubmissionDocument"/>, or null.</summary>
    public string? Review { get; set; }

    /// <summary>Whether the KPI input has been taken (at calibration); the columns below hold it.</summary>
    public bool KpiTaken { get; set; }

    public decimal? KpiTotal { get; set; }
    public bool KpiVetoTriggered { get; set; }
    public string? KpiVetoCapGrade { get; set; }
    public string? KpiVetoReason { get; set; }

    /// <summary>Where the KPI total came from (the frozen versions or closed months it was computed from).</summary>
    public string? KpiSource { get; set; }

    public DateTime? KpiTakenAt { get; set; }

    /// <summary>HR's calibration: present when <see cref="CalibrationReason"/> is.</summary>
    public decimal Adjustment { get; set; }

    public string? GradeOverride { get; set; }
    public string? CalibrationReason { get; set; }
    public string? CalibratedByEmployeeNo { get; set; }
    public bool CalibratedByHr { get; set; }
    public DateTime? CalibratedAt { get; set; }

    public decimal? Final { get; set; }
    public string? Grade { get; set; }
    public decimal? Coefficient { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>One step of an appraisal's workflow, as <see cref="CycleTransitionRow"/> is for cycles.</summary>
public sealed class AppraisalTransitionRow
{
    public long Id { get; set; }
    public long AppraisalId { get; set; }
    public AppraisalStatus FromStatus { get; set; }
    public AppraisalStatus ToStatus { get; set; }
    public string? ByEmployeeNo { get; set; }
    public bool ByHr { get; set; }
    public string ByUser { get; set; } = "";
    public DateTime At { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// A reminder given: one per (appraisal, step, before or after), so the daily job never reminds twice. The recipient
/// is the employee who holds the step, or null for HR.
/// </summary>
public sealed class AppraisalReminderRow
{
    public long Id { get; set; }
    public long AppraisalId { get; set; }
    public long CycleId { get; set; }
    public ReminderStep Step { get; set; }
    public ReminderTiming Timing { get; set; }
    public DateOnly Due { get; set; }
    public string? RecipientEmployeeNo { get; set; }
    public DateTime RecordedAt { get; set; }
}
