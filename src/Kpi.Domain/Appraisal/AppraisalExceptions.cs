namespace Kpi.Domain.Appraisal;

/// <summary>
/// A workflow step asked for in the wrong state (a review of an appraisal still in self-assessment, any write after
/// publication). The message says the state and what the step needs. The API answers 409.
/// </summary>
public class AppraisalStateException(string message) : DomainException(message);

/// <summary>
/// A workflow step asked for by someone who may not take it (an employee reviewing themselves, a peer submitting, a
/// non-HR user approving). The message says who may. The API answers 403.
/// </summary>
public sealed class AppraisalActorException(string message) : DomainException(message);

/// <summary>
/// Input that is wrong field by field (a rating outside 1..scale, goal weights not summing to 100, an adjustment out
/// of bounds). <see cref="Errors"/> names every field; the API answers 400 with all of them.
/// </summary>
public sealed class AppraisalInputException(IReadOnlyList<FieldError> errors)
    : DomainException($"{errors[0].Field}: {errors[0].Reason}", errors[0].Field)
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>
/// A cycle cannot enter calibration: months of the period are not closed, or appraisals are not reviewed yet.
/// Both lists say what is missing (the API answers 409 naming them).
/// </summary>
public sealed class CalibrationNotReadyException(string message, IReadOnlyList<string> openMonths, IReadOnlyList<string> notReviewed)
    : AppraisalStateException(message)
{
    /// <summary>The months of the period that are not closed (<c>2026-12</c>).</summary>
    public IReadOnlyList<string> OpenMonths { get; } = openMonths;

    /// <summary>The employee numbers whose appraisals are not reviewed yet.</summary>
    public IReadOnlyList<string> NotReviewed { get; } = notReviewed;
}

/// <summary>
/// Approval refused because the grades break the distribution policy and no override reason was given. The API
/// answers 409 with <c>{"violations":[…]}</c>.
/// </summary>
public sealed class DistributionViolationException(IReadOnlyList<DistributionViolation> violations)
    : AppraisalStateException("The grades break the distribution policy: " + string.Join("; ", violations) +
                              ". Change grades in calibration, or approve with an override reason.")
{
    public IReadOnlyList<DistributionViolation> Violations { get; } = violations;
}
