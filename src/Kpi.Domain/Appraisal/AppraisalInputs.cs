using Kpi.Domain.Scoring;

namespace Kpi.Domain.Appraisal;

/// <summary>
/// What an employee (self-assessment) or the appraiser (review) submitted: one actual per goal in goal order, ratings
/// by competency item code, a comment. A self-assessment is shown beside the review and never counted.
/// </summary>
public sealed record Submission(
    IReadOnlyList<decimal> GoalActuals,
    IReadOnlyDictionary<string, int> Ratings,
    string? Comment,
    AppraisalActor By,
    DateTime At)
{
    public const int MaxCommentLength = 4000;
}

/// <summary>
/// The KPI part's input: the department's scorecard total for the cycle period (0–120; null when the department has
/// no scorecard or the card has no data) and whether that card's veto was triggered, with its cap grade and reason.
/// Taken when the cycle enters calibration and stored; a later restatement does not move it unless HR refreshes it.
/// </summary>
public sealed record KpiInput(decimal? Total, bool VetoTriggered = false, string VetoCapGrade = VetoRule.DefaultCapGrade, string? VetoReason = null)
{
    /// <summary>No scorecard, or no data on it: the KPI part has no data and its weight spreads.</summary>
    public static KpiInput NoData { get; } = new((decimal?)null);

    /// <summary>The input from a scored card (null when the department has none).</summary>
    public static KpiInput From(ScorecardResult? card) =>
        card is null ? NoData : new(card.Total, card.Veto is not null, card.Veto?.CapGrade ?? VetoRule.DefaultCapGrade, card.Veto?.Reason);

    /// <summary>Problems of the input against the template it will be scored with (fields <c>kpi.total</c>, <c>kpi.veto_cap_grade</c>).</summary>
    public IReadOnlyList<FieldError> Validate(AppraisalTemplate template)
    {
        var errors = new List<FieldError>();
        if (Total is < 0 or > ScorecardDefinition.MaxPoints) errors.Add(new("kpi.total", $"must be between 0 and {ScorecardDefinition.MaxPoints}"));
        if (VetoTriggered && !template.GradeScale.Contains(VetoCapGrade))
            errors.Add(new("kpi.veto_cap_grade", $"the scorecard's veto caps at '{VetoCapGrade}', which is not a grade of template '{template.Code}'"));
        return errors;
    }
}

/// <summary>
/// HR's calibration of one appraisal: an adjustment (加减分) within the template's bounds, optionally a grade that
/// overrides the computed one, and the reason for both (always required).
/// </summary>
public sealed record CalibrationDecision(decimal Adjustment, string? GradeOverride, string Reason, AppraisalActor By, DateTime At)
{
    public const int MaxReasonLength = 1000;
}

/// <summary>The calibration of an appraisal before and after a change, and the results they give: what the audit trail records.</summary>
public sealed record CalibrationChange(CalibrationDecision? Before, CalibrationDecision After, AppraisalResult ResultBefore, AppraisalResult ResultAfter);
