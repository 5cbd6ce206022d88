namespace Kpi.Domain.Appraisal;

/// <summary>
/// Who asks for a change: the employee the signed-in user is linked to (null when the user is linked to none) and
/// whether the user acts for HR (the API sets <see cref="IsHr"/> for the <c>hr</c> and <c>admin</c> roles). The
/// workflow decides from this alone, so the same rules hold for cookies, tokens and API keys.
/// </summary>
public sealed record AppraisalActor(string? EmployeeNo, bool IsHr)
{
    public static AppraisalActor Hr(string? employeeNo = null) => new(employeeNo, true);
    public static AppraisalActor Employee(string employeeNo) => new(employeeNo, false);

    /// <summary>True when the actor is linked to this employee.</summary>
    public bool Is(string? employeeNo) => EmployeeNo is not null && employeeNo is not null && EmployeeNo == employeeNo;

    public override string ToString() => IsHr ? (EmployeeNo is null ? "HR" : $"HR ({EmployeeNo})") : EmployeeNo ?? "a user linked to no employee";
}

/// <summary>One step of a workflow: from which status to which, who took it, when (UTC) and why, when a reason is asked for.</summary>
public sealed record StatusChange<TStatus>(TStatus From, TStatus To, AppraisalActor By, DateTime At, string? Reason = null) where TStatus : struct, Enum;

/// <summary>Where an appraisal is in its workflow: draft → self_assessment (when the template asks) → manager_review → calibration → approved → published.</summary>
public enum AppraisalStatus
{
    Draft,
    SelfAssessment,
    ManagerReview,
    /// <summary>Reviewed: waiting for, or in, the cycle's calibration.</summary>
    Calibration,
    Approved,
    Published,
}

/// <summary>Where a cycle is: draft → started (appraisals in progress) → calibration → approved → published.</summary>
public enum CycleStatus
{
    Draft,
    Started,
    Calibration,
    Approved,
    Published,
}
